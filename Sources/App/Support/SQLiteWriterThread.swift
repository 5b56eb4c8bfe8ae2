import Foundation

/// The thread a SQLite file's write transactions run on. Their statements run synchronously
/// (`SQLiteWriter`), and a statement may wait for the file's lock (another process writing,
/// readers finishing before a commit): it must not wait on one of the few threads that run
/// every other task of the app.
final class SQLiteWriterThread: TaskExecutor, @unchecked Sendable {
    private let name: String
    private let condition = NSCondition()
    private var jobs: [UnownedJob] = []
    private var running = false
    private var stopping = false

    init(name: String) { self.name = name }

    /// Starts the thread at its first job, and again for a job that comes after `stop`.
    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        condition.lock()
        jobs.append(job)
        stopping = false
        if !running {
            running = true
            let thread = Thread { [self] in loop() }
            thread.name = name
            thread.start()
        }
        condition.signal()
        condition.unlock()
    }

    /// Ends the thread once the jobs already given to it have run.
    func stop() {
        condition.lock()
        stopping = true
        condition.signal()
        condition.unlock()
    }

    private func loop() {
        while true {
            condition.lock()
            while jobs.isEmpty && !stopping { condition.wait() }
            let batch = jobs
            jobs = []
            let done = stopping && batch.isEmpty
            if done { running = false }
            condition.unlock()
            if done { return }
            for job in batch { job.runSynchronously(on: asUnownedTaskExecutor()) }
        }
    }
}
