import Foundation
import NIOConcurrencyHelpers
import Vapor

/// Runs jobs: `concurrency` loops each claim jobs (in batches while the queue is deep), run
/// their handlers in turn while renewing the leases, and record the results; between batches
/// they also tick the scheduler. `stop()` lets every loop finish the job in hand, or give it
/// back if it does not finish within the grace period, and gives back the jobs not started.
final class JobWorker: Sendable {
    struct Options: Sendable {
        var concurrency = 2
        var lease: TimeInterval = 30
        var idlePoll: TimeInterval = 0.2
        var grace: TimeInterval = 20
    }

    let app: Application
    let options: Options
    let id: String
    private let stopping = NIOLockedValueBox(false)
    private let loops = NIOLockedValueBox<[Task<Void, Never>]>([])
    /// The handlers running now, cancelled if they outlast the grace period of a stop.
    private let inFlight = NIOLockedValueBox<[UUID: Task<Void, any Error>]>([:])
    /// Expired leases are rare; looking once a second finds them well within a lease.
    private let leaseLook = EverySecond()
    /// Schedules turn over by the minute at the finest; ticking once a second is plenty.
    private let schedulerTick = EverySecond()

    init(app: Application, options: Options = Options()) {
        self.app = app
        self.options = options
        id =
            "\(ProcessInfo.processInfo.hostName):\(ProcessInfo.processInfo.processIdentifier):\(UUID().uuidString.prefix(8))"
    }

    func start() {
        let tasks = (0..<max(options.concurrency, 1)).map { number in
            Task { await self.loop(number) }
        }
        loops.withLockedValue { $0 = tasks }
        app.logger.notice("Job worker \(id) started with \(tasks.count) loops")
    }

    func stop() async {
        stopping.withLockedValue { $0 = true }
        let grace = Task {
            try await Task.sleep(for: .milliseconds(Int(options.grace * 1000)))
            for work in inFlight.withLockedValue({ Array($0.values) }) { work.cancel() }
        }
        for task in loops.withLockedValue({ $0 }) { await task.value }
        grace.cancel()
        app.logger.notice("Job worker \(id) stopped")
    }

    private var isStopping: Bool { stopping.withLockedValue { $0 } }

    /// The most jobs one claim takes when the queue is deep.
    static let largestBatch = 8
    /// A batch that takes longer gives its unstarted jobs back, for other loops to take.
    static let batchTime: TimeInterval = 1

    private func loop(_ number: Int) async {
        let worker = "\(id)#\(number)"
        var limit = 1
        while !isStopping {
            do {
                var askedAt = Date()
                let now = app.clock.now()
                if schedulerTick.due(now) { try await Scheduler(app: app).tick(now: now) }
                guard
                    let first = try await app.jobs.claim(
                        worker: worker, lease: options.lease, now: now, expired: leaseLook.due(now))
                else {
                    try? await Task.sleep(for: .milliseconds(Int(options.idlePoll * 1000)))
                    continue
                }
                var batch = [first]
                // While work keeps coming, finishing a batch claims the next in the same write; a
                // batch that came back full is followed by a bigger one, up to `largestBatch`.
                while !batch.isEmpty {
                    let leases = keepLeases(of: batch, worker: worker, askedAt: askedAt)
                    defer { leases.stop() }
                    let (finished, unstarted) = await runBatch(batch, worker: worker, leases: leases)
                    if !unstarted.isEmpty {
                        try await app.jobs.release(unstarted, worker: worker)
                        leases.drop(unstarted)
                    }
                    limit = batch.count >= limit && unstarted.isEmpty ? min(limit * 2, Self.largestBatch) : 1
                    askedAt = Date()
                    let now = app.clock.now()
                    if schedulerTick.due(now) { try await Scheduler(app: app).tick(now: now) }
                    batch = try await app.jobs.complete(
                        finished, worker: worker, now: now, claimingNext: isStopping ? 0 : limit,
                        lease: options.lease, expired: leaseLook.due(now))
                }
                continue
            } catch {
                app.logger.warning("Job worker \(worker): \(String(describing: error))")
            }
            try? await Task.sleep(for: .milliseconds(Int(options.idlePoll * 1000)))
        }
    }

    private func keepLeases(of batch: [JobRow], worker: String, askedAt: Date) -> LeaseKeeper {
        LeaseKeeper(
            batch.map(\.id), queue: app.jobs, worker: worker, lease: options.lease, clock: app.clock, askedAt: askedAt)
    }

    /// Runs a batch's jobs in turn; returns the ids that succeeded (not yet marked done) and
    /// those it did not start (stopping, or out of time).
    private func runBatch(
        _ batch: [JobRow], worker: String, leases: LeaseKeeper
    ) async -> (
        finished: [UUID], unstarted: [UUID]
    ) {
        let started = Date()
        var finished: [UUID] = []
        for (index, job) in batch.enumerated() {
            if isStopping || (index > 0 && Date().timeIntervalSince(started) > Self.batchTime) {
                return (finished, batch[index...].map(\.id))
            }
            if await execute(job, worker: worker) {
                finished.append(job.id)
            } else {
                leases.drop([job.id])
            }
        }
        return (finished, [])
    }

    /// Runs one job, renewing its lease until its result is written.
    func run(_ job: JobRow, worker: String) async {
        let leases = keepLeases(of: [job], worker: worker, askedAt: Date())
        defer { leases.stop() }
        guard await runBatch([job], worker: worker, leases: leases).finished == [job.id] else { return }
        do { try await app.jobs.complete(job.id, worker: worker, now: app.clock.now()) } catch {
            app.logger.error("Job \(job.id): could not record its result: \(String(describing: error))")
        }
    }

    /// Runs a job's handler and records a failure or a give-back; true when it succeeded, which
    /// the caller records (alone, or with the next claim).
    private func execute(_ job: JobRow, worker: String) async -> Bool {
        let queue = app.jobs
        guard let handler = app.jobHandlers.handler(for: job.kind) else {
            try? await queue.fail(
                job, worker: worker, error: "No handler for jobs of kind \(job.kind)", permanent: true,
                now: app.clock.now())
            return false
        }
        let context = JobContext(app: app, job: job)
        let work = Task { try await handler(context) }
        inFlight.withLockedValue { $0[job.id] = work }
        let result = await work.result
        inFlight.withLockedValue { $0[job.id] = nil }
        let now = app.clock.now()
        do {
            switch result {
            case .success:
                return true
            case .failure(let error) where error is CancellationError && isStopping:
                try await queue.release(job.id, worker: worker)
            case .failure(let error as PermanentJobError):
                try await queue.fail(job, worker: worker, error: error.description, permanent: true, now: now)
            case .failure(let error):
                app.logger.warning(
                    "Job \(job.kind) \(job.id) attempt \(job.attempts) failed: \(String(describing: error))")
                try await queue.fail(job, worker: worker, error: ErrorPayload(error).message, now: now)
            }
        } catch {
            app.logger.error("Job \(job.id): could not record its result: \(String(describing: error))")
        }
        return false
    }
}

/// Says yes at most once a second, whoever asks.
final class EverySecond: Sendable {
    private let last = NIOLockedValueBox(Date.distantPast)

    func due(_ now: Date) -> Bool {
        last.withLockedValue { last in
            guard now.timeIntervalSince(last) >= 1 || now < last else { return false }
            last = now
            return true
        }
    }
}

/// Stops a serving process's worker gracefully when the app shuts down (SIGTERM included).
struct JobWorkerLifecycle: LifecycleHandler {
    let worker: JobWorker

    func shutdownAsync(_ application: Application) async { await worker.stop() }
}
