@testable import App
import Fluent
import Foundation
import NIOConcurrencyHelpers
import SQLKit
import Testing
import Vapor

@Suite("Background jobs and the scheduler")
struct JobQueueTests {
    struct Note: Codable, Sendable { let text: String }

    @Test func aJobEnqueuedInAWriteThatRollsBackDoesNotExist() async throws {
        try await withTestApp { app in
            struct Refused: Error {}
            await #expect(throws: Refused.self) {
                try await app.db.writeTransaction { tx in
                    try await JobQueue(db: tx).enqueue("test.note", payload: Note(text: "lost"))
                    throw Refused()
                }
            }
            #expect(try await jobCount(app) == 0)
            _ = try await app.db.writeTransaction { tx in
                try await JobQueue(db: tx).enqueue("test.note", payload: Note(text: "kept"))
            }
            #expect(try await jobCount(app) == 1)
        }
    }

    @Test func aUniqueKeyMakesOneJob() async throws {
        try await withTestApp { app in
            let first = try await app.jobs.enqueue("test.note", payload: Note(text: "a"), uniqueKey: "once")
            let second = try await app.jobs.enqueue("test.note", payload: Note(text: "b"), uniqueKey: "once")
            #expect(first && !second)
            #expect(try await jobCount(app) == 1)
        }
    }

    @Test func failuresRetryWithBackoffThenFailForGoodAndAnAdminRetriesThem() async throws {
        try await withTestApp { app in
            let company = try await CRMCompany.make(app)
            let runs = NIOLockedValueBox(0)
            app.jobHandlers.register("test.flaky") { _ in
                runs.withLockedValue { $0 += 1 }
                throw DomainError.badRequest("the far side is down")
            }
            let start = app.clock.now()
            try await app.jobs.enqueue("test.flaky", payload: Note(text: "x"), maxAttempts: 3, now: start)
            // One job per pass: on a starved machine a pass can outlast the backoff and would
            // otherwise claim the job's next attempt too.
            #expect(try await runDueJobs(app, limit: 1) == 1)
            let failedAt = app.clock.now()
            var job = try #require(try await app.jobs.list(state: nil, limit: 1).first)
            #expect(job.state == "queued" && job.attempts == 1 && job.lastError == "the far side is down")
            // Backoff: 10 s ± 20 % after the first failure; nothing runs before that.
            let due = Date(milliseconds: job.runAt)
            #expect(due >= start.addingTimeInterval(7.9) && due <= failedAt.addingTimeInterval(12.1))
            #expect(try await app.jobs.claim(worker: "early", lease: 30, now: due.addingTimeInterval(-0.5)) == nil)
            app.clock.advance(by: 13)
            #expect(try await runDueJobs(app, limit: 1) == 1)
            app.clock.advance(by: 30)
            #expect(try await runDueJobs(app, limit: 1) == 1)
            job = try #require(try await app.jobs.find(job.id))
            #expect(job.state == "failed" && job.attempts == 3 && runs.withLockedValue { $0 } == 3)
            app.clock.advance(by: 3_600)
            #expect(try await runDueJobs(app) == 0)

            let metrics = try await app.api(.GET, "/metrics").text
            #expect(
                metrics.contains(#"salespulse_jobs{state="failed"} 1"#)
                    && metrics.contains("# TYPE salespulse_job_queue_depth gauge"))
            // Admins see it with its error and retry it; nobody else may.
            let listed = try await company.call(.admin, .GET, "/api/v1/admin/jobs?state=failed").json()
            let items = try #require(listed["items"] as? [[String: Any]])
            #expect(items.count == 1 && items[0]["lastError"] as? String == "the far side is down")
            #expect(try await company.call(.manager, .GET, "/api/v1/admin/jobs").status == .forbidden)
            #expect(try await company.call(.repA, .POST, "/api/v1/admin/jobs/\(job.id)/retry").status == .forbidden)
            #expect(
                try await company.call(.admin, .GET, "/api/v1/admin/jobs?state=stuck").status == .unprocessableEntity)
            let retried = try await company.call(.admin, .POST, "/api/v1/admin/jobs/\(job.id)/retry")
            let retriedState = try retried.json()["state"] as? String
            #expect(retried.status == .ok && retriedState == "queued")
            #expect(try await company.call(.admin, .POST, "/api/v1/admin/jobs/\(job.id)/retry").status == .notFound)
            #expect(try await company.call(.admin, .POST, "/api/v1/admin/jobs/\(job.id)/cancel").status == .ok)
            #expect(try await runDueJobs(app) == 0)
            let browser = Browser(app)
            try await browser.signIn("admin@example.com")
            let page = try await browser.get("/admin/jobs?state=cancelled")
            #expect(page.status == .ok && page.text.contains("Cancelled") && page.text.contains("test.flaky"))
        }
    }

    @Test func aJobWhoseWorkerStoppedRenewingItsLeaseRunsAgainOnce() async throws {
        try await withTestApp { app in
            try await app.jobs.enqueue("test.note", payload: Note(text: "x"))
            let now = app.clock.now()
            let first = try #require(try await app.jobs.claim(worker: "dead", lease: 5, now: now))
            #expect(try await app.jobs.claim(worker: "alive", lease: 5, now: now.addingTimeInterval(4)) == nil)
            let second = try #require(
                try await app.jobs.claim(worker: "alive", lease: 5, now: now.addingTimeInterval(6)))
            #expect(second.id == first.id && second.attempts == 2)
            #expect(try await app.jobs.claim(worker: "third", lease: 5, now: now.addingTimeInterval(7)) == nil)
            // The dead worker's late answer changes nothing; the live one's counts.
            try await app.jobs.complete(first.id, worker: "dead")
            #expect(try await app.jobs.find(first.id)?.state == "running")
            let renewed = try await app.jobs.renew(first.id, worker: "dead", lease: 5)
            #expect(!renewed)
            try await app.jobs.complete(first.id, worker: "alive")
            #expect(try await app.jobs.find(first.id)?.state == "done")
        }
    }

    /// A claim that waited long for the write lock is renewed at once, and a job keeps its
    /// lease for as long as its loop holds it, finished or not; then it is free to take over.
    @Test func aHeldJobKeepsItsLeaseUntilLetGo() async throws {
        try await withTestApp { app in
            let asked = app.clock.now().addingTimeInterval(-59)
            try await app.jobs.enqueue("test.note", payload: Note(text: "x"), now: asked)
            let job = try #require(try await app.jobs.claim(worker: "holder", lease: 60, now: asked))
            let leases = LeaseKeeper(
                [job.id], queue: app.jobs, worker: "holder", lease: 60, clock: app.clock,
                askedAt: Date().addingTimeInterval(-59))
            let started = Date()
            while try await (app.jobs.find(job.id)?.leaseUntil ?? 0)
                < app.clock.now().addingTimeInterval(30).milliseconds,
                Date().timeIntervalSince(started) < 120
            {
                try await Task.sleep(for: .milliseconds(50))
            }
            #expect(
                try await app.jobs.claim(worker: "other", lease: 60, now: app.clock.now().addingTimeInterval(5)) == nil)
            leases.stop()
            let taken = try await app.jobs.claim(
                worker: "other", lease: 60, now: app.clock.now().addingTimeInterval(61))
            #expect(taken?.id == job.id && taken?.attempts == 2)
        }
    }

    @Test func threeInstancesTickingTogetherStartEachScheduleOncePerPeriod() async throws {
        try await withTestApp { app in
            let at = Date(timeIntervalSince1970: 1_795_040_000)  // 22:13 UTC: every schedule is due
            var started: [String] = []
            for _ in 0..<3 { started += try await Scheduler(app: app, memory: SchedulerMemory()).tick(now: at) }
            #expect(started.sorted() == Scheduler.schedules.map(\.name).sorted())
            #expect(try await jobCount(app, kind: Reminders.scanKind) == 1)
            // The next minute starts the minute's schedule again, and only it.
            var next: [String] = []
            for _ in 0..<3 {
                next += try await Scheduler(app: app, memory: SchedulerMemory()).tick(now: at.addingTimeInterval(60))
            }
            #expect(next == ["reminders"])
            #expect(try await jobCount(app, kind: Reminders.scanKind) == 2)
        }
    }
}

@Suite("Many workers")
struct JobWorkersTests {
    /// Runs the workers until `count` jobs of `kind` are done or 15 minutes pass, and stops them
    /// however the wait ends: a worker left running would outlive its app.
    func runUntilDone(_ workers: [JobWorker], _ app: Application, kind: String, count: Int) async throws {
        workers.forEach { $0.start() }
        let started = Date()
        do {
            while try await jobCount(app, kind: kind, state: "done") < count, Date().timeIntervalSince(started) < 900 {
                try await Task.sleep(for: .milliseconds(100))
            }
        } catch {
            for worker in workers { await worker.stop() }
            throw error
        }
        for worker in workers { await worker.stop() }
    }

    /// A loop holding a batch behind a slow job gives the jobs it has not started back, so other
    /// loops run them; nothing runs twice and a given-back job's attempt does not count.
    @Test func aSlowJobInABatchHandsTheRestToOtherLoops() async throws {
        try await withTestApp { app in
            struct Numbered: Codable, Sendable { let n: Int; let slow: Bool }
            let runs = NIOLockedValueBox([Int: Int]())
            app.jobHandlers.register("test.mixed") { context in
                let job = try context.payload(Numbered.self)
                if job.slow { try await Task.sleep(for: .milliseconds(1_500)) }
                runs.withLockedValue { $0[job.n, default: 0] += 1 }
            }
            try await app.db.writeTransaction { tx in
                for n in 0..<60 {
                    try await JobQueue(db: tx).enqueue("test.mixed", payload: Numbered(n: n, slow: n % 20 == 5))
                }
            }
            // Leases long enough that a loaded machine never lets one run out: this is about
            // giving jobs back, and a lease running out has its own test.
            let worker = JobWorker(app: app, options: .init(concurrency: 2, lease: 300, idlePoll: 0.05))
            try await runUntilDone([worker], app, kind: "test.mixed", count: 60)
            let counts = runs.withLockedValue { $0 }
            #expect(counts.count == 60 && counts.values.allSatisfy { $0 == 1 }, "\(counts.filter { $0.value != 1 })")
            let attempts = try await app.jobs.list(state: .done, limit: 100).filter { $0.kind == "test.mixed" }.map(
                \.attempts)
            #expect(attempts.count == 60 && attempts.allSatisfy { $0 == 1 }, "\(attempts)")
        }
    }

    /// 10,000 on PostgreSQL, where workers claim side by side; SQLite runs one writer at a time,
    /// so 2,000 show the same there in a fraction of the time.
    @Test func fourWorkersRunEveryJobExactlyOnce() async throws {
        try await withTestApp { app in
            struct Numbered: Codable, Sendable { let n: Int }
            let total = app.db.sql.dialect.name == "postgresql" ? 10_000 : 2_000
            let runs = NIOLockedValueBox([Int: Int]())
            app.jobHandlers.register("test.count") { context in
                let n = try context.payload(Numbered.self).n
                runs.withLockedValue { $0[n, default: 0] += 1 }
            }
            try await app.db.writeTransaction { tx in
                for n in 0..<total { try await JobQueue(db: tx).enqueue("test.count", payload: Numbered(n: n)) }
            }
            let workers = (0..<4).map { _ in
                JobWorker(app: app, options: .init(concurrency: 1, lease: 300, idlePoll: 0.05))
            }
            let started = Date()
            try await runUntilDone(workers, app, kind: "test.count", count: total)
            let seconds = Date().timeIntervalSince(started)
            print(
                "jobs: \(total) trivial jobs through 4 workers in \(String(format: "%.1f", seconds)) s, \(Int(Double(total) / seconds)) per second"
            )
            let counts = runs.withLockedValue { $0 }
            #expect(counts.count == total)
            #expect(
                counts.values.allSatisfy { $0 == 1 }, "\(counts.values.filter { $0 > 1 }.count) jobs ran more than once"
            )
            #expect(try await jobCount(app, kind: "test.count", state: "done") == total)
        }
    }
}
