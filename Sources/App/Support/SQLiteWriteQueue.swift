import FluentSQLiteDriver
import NIOConcurrencyHelpers

/// Runs SQLite write transactions one at a time per database file, first come first served.
/// Waiting writes are suspended tasks: they hold no connection and no thread while the
/// current one finishes. Writers of different files never wait for each other.
actor SQLiteWriteQueue {
    /// How long a write waits for a writer in another process before it fails.
    static let busyMilliseconds = 30_000

    private static let queues = NIOLockedValueBox([String: SQLiteWriteQueue]())

    private var busy = false
    private var waiting: [CheckedContinuation<Void, Never>] = []

    /// The queue of the file `database` writes to.
    static func of(_ database: any Database) -> SQLiteWriteQueue {
        let key = storageKey(database.context.configuration)
        return queues.withLockedValue { queues in
            if let queue = queues[key] { return queue }
            let queue = SQLiteWriteQueue()
            queues[key] = queue
            return queue
        }
    }

    /// The file (or in-memory name) behind a SQLite configuration. Fluent keeps its SQLite
    /// configuration type internal, so its public `SQLiteConfiguration` is found by reflection;
    /// anything unrecognised shares one queue, which is safe, only slower.
    static func storageKey(_ configuration: any DatabaseConfiguration) -> String {
        let sqlite = Mirror(reflecting: configuration).children.lazy.compactMap { $0.value as? SQLiteConfiguration }
            .first
        switch sqlite?.storage {
        case .file(let path): return "file:" + path
        case .memory(let identifier): return "memory:" + identifier
        case nil: return ""
        }
    }

    func run<T: Sendable>(_ work: @Sendable () async throws -> T) async throws -> T {
        await acquire()
        defer { release() }
        return try await work()
    }

    private func acquire() async {
        guard busy else {
            busy = true
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }

    private func release() {
        if waiting.isEmpty {
            busy = false
        } else {
            waiting.removeFirst().resume()
        }
    }
}
