import Foundation
import Vapor

/// A job that only waits: it shows that workers are running, how quickly they pick work up,
/// and what happens to a job whose worker dies while it runs.
enum PingJob {
    static let kind = "ping"

    struct Payload: Codable, Sendable {
        var seconds: Double = 0
    }

    static func register(_ app: Application) {
        app.jobHandlers.register(kind) { context in
            let seconds = (try? context.payload(Payload.self).seconds) ?? 0
            if seconds > 0 { try await Task.sleep(for: .milliseconds(Int(seconds * 1000))) }
        }
    }
}
