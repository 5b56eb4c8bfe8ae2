import Foundation
import NIOConcurrencyHelpers
import Vapor

/// Runs jobs: `concurrency` loops each claim a job, run its handler while renewing the lease,
/// and record the result; between jobs they also tick the scheduler. `stop()` lets every loop
/// finish the job in hand, or give it back if it does not finish within the grace period.
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
        id = "\(ProcessInfo.processInfo.hostName):\(ProcessInfo.processInfo.processIdentifier):\(UUID().uuidString.prefix(8))"
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

    private func loop(_ number: Int) async {
        let worker = "\(id)#\(number)"
        while !isStopping {
            do {
                let now = app.clock.now()
                if schedulerTick.due(now) { try await Scheduler(app: app).tick(now: now) }
                let lookAtLeases = leaseLook.due(now)
                if var job = try await app.jobs.claim(worker: worker, lease: options.lease, now: now, expired: lookAtLeases) {
                    // While work keeps coming, each finish claims the next job in the same write.
                    while let next = await run(job, worker: worker, claimNext: true) {
                        if isStopping { try await app.jobs.release(next.id, worker: worker); break }
                        let now = app.clock.now()
                        if schedulerTick.due(now) { try await Scheduler(app: app).tick(now: now) }
                        job = next
                    }
                    continue
                }
            } catch {
                app.logger.warning("Job worker \(worker): \(String(describing: error))")
            }
            try? await Task.sleep(for: .milliseconds(Int(options.idlePoll * 1000)))
        }
    }

    /// Runs one job, renewing its lease until the handler returns, and records the result; after
    /// a success with `claimNext`, returns the next job it claimed in the same write.
    @discardableResult
    func run(_ job: JobRow, worker: String, claimNext: Bool = false) async -> JobRow? {
        let queue = app.jobs
        guard let handler = app.jobHandlers.handler(for: job.kind) else {
            try? await queue.fail(job, worker: worker, error: "No handler for jobs of kind \(job.kind)", permanent: true, now: app.clock.now())
            return nil
        }
        let context = JobContext(app: app, job: job)
        let work = Task { try await handler(context) }
        let heartbeat = Task {
            while !Task.isCancelled {
                try? await Task.sleep(for: .seconds(max(options.lease / 3, 0.05)))
                if Task.isCancelled { return }
                _ = try? await queue.renew(job.id, worker: worker, lease: options.lease, now: app.clock.now())
            }
        }
        inFlight.withLockedValue { $0[job.id] = work }
        let result = await work.result
        inFlight.withLockedValue { $0[job.id] = nil }
        heartbeat.cancel()
        let now = app.clock.now()
        do {
            switch result {
            case .success where claimNext && !isStopping:
                return try await queue.complete(job.id, worker: worker, now: now, claimingNextFor: options.lease, expired: leaseLook.due(now))
            case .success:
                try await queue.complete(job.id, worker: worker, now: now)
            case .failure(let error) where error is CancellationError && isStopping:
                try await queue.release(job.id, worker: worker)
            case .failure(let error as PermanentJobError):
                try await queue.fail(job, worker: worker, error: error.description, permanent: true, now: now)
            case .failure(let error):
                app.logger.warning("Job \(job.kind) \(job.id) attempt \(job.attempts) failed: \(String(describing: error))")
                try await queue.fail(job, worker: worker, error: ErrorPayload(error).message, now: now)
            }
        } catch {
            app.logger.error("Job \(job.id): could not record its result: \(String(describing: error))")
        }
        return nil
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
