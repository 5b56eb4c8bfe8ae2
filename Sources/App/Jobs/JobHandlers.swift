import Foundation
import NIOConcurrencyHelpers
import Vapor

/// What a job's handler gets: the app and the job it runs.
struct JobContext: Sendable {
    let app: Application
    let job: JobRow

    func payload<T: Decodable>(_ type: T.Type) throws -> T { try job.decodedPayload(type) }
}

/// A failure that retrying cannot fix (a mail server's 5xx): the job fails at once.
struct PermanentJobError: Error, CustomStringConvertible {
    let description: String
}

/// Job kinds and the code that runs each, registered once at start-up.
final class JobHandlers: Sendable {
    typealias Handler = @Sendable (JobContext) async throws -> Void

    private let handlers = NIOLockedValueBox<[String: Handler]>([:])

    func register(_ kind: String, _ handler: @escaping Handler) {
        handlers.withLockedValue { $0[kind] = handler }
    }

    func handler(for kind: String) -> Handler? { handlers.withLockedValue { $0[kind] } }

    var kinds: [String] { handlers.withLockedValue { $0.keys.sorted() } }
}

extension Application {
    private struct JobHandlersKey: StorageKey { typealias Value = JobHandlers }

    var jobHandlers: JobHandlers {
        if let handlers = storage[JobHandlersKey.self] { return handlers }
        let handlers = JobHandlers()
        storage[JobHandlersKey.self] = handlers
        return handlers
    }

    var jobs: JobQueue { JobQueue(db: db) }
}
