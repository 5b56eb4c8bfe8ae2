import Dispatch
import Foundation
import NIOConcurrencyHelpers
import Vapor

/// `worker`: runs background jobs and the scheduler without HTTP, until SIGTERM or SIGINT,
/// then lets the jobs in hand finish (or gives them back) before it exits.
struct WorkerCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "concurrency", short: "c", help: "Jobs run at once (default 2).")
        var concurrency: Int?

        @Option(
            name: "lease",
            help:
                "Seconds a running job is held without a heartbeat before another worker may take it over (default 30)."
        )
        var lease: Int?
    }

    var help: String {
        "Runs background jobs (reminders, email, nightly scoring, clean-up) until stopped with SIGTERM."
    }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        let concurrency = signature.concurrency ?? 2
        guard (1...64).contains(concurrency) else {
            throw DomainError.invalid(field: "concurrency", "Give a number of jobs from 1 to 64.")
        }
        let lease = signature.lease ?? 30
        guard (1...3600).contains(lease) else {
            throw DomainError.invalid(field: "lease", "Give a number of seconds from 1 to 3600.")
        }
        try await app.autoMigrate()
        let worker = JobWorker(app: app, options: .init(concurrency: concurrency, lease: TimeInterval(lease)))
        worker.start()
        context.console.print("Worker running with \(concurrency) at once; stop it with SIGTERM or Ctrl-C.")
        await Self.waitForStopSignal()
        context.console.print("Stopping: finishing the jobs in hand…")
        await worker.stop()
    }

    static func waitForStopSignal() async {
        signal(SIGTERM, SIG_IGN)
        signal(SIGINT, SIG_IGN)
        let queue = DispatchQueue(label: "salespulse.signals")
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let resumed = NIOLockedValueBox(false)
            let sources = [SIGTERM, SIGINT].map { DispatchSource.makeSignalSource(signal: $0, queue: queue) }
            for source in sources {
                source.setEventHandler {
                    guard
                        !resumed.withLockedValue({
                            let was = $0; $0 = true; return was
                        })
                    else { return }
                    sources.forEach { $0.cancel() }
                    continuation.resume()
                }
                source.resume()
            }
        }
    }
}
