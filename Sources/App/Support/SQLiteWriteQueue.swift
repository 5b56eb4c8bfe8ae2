import FluentSQLiteDriver
import Foundation
import NIOConcurrencyHelpers
import VaporCSQLite

/// Runs SQLite write transactions one at a time per database file, first come first served,
/// on the file's one write connection (`SQLiteWriter`), opened at the first write.
/// Waiting writes are suspended tasks: they hold no connection and no thread while the
/// current one finishes. Writers of different files never wait for each other.
actor SQLiteWriteQueue {
    /// How long a write waits for a writer in another process before it fails.
    static let busyMilliseconds = 30_000

    private static let queues = NIOLockedValueBox([String: SQLiteWriteQueue]())

    private let configuration: SQLiteConfiguration?
    /// Where the transactions run; see `SQLiteWriterThread`.
    nonisolated let thread = SQLiteWriterThread(name: "SQLite writer")
    private var writer: SQLiteWriter?
    private var busy = false
    private var waiting: [CheckedContinuation<Void, Never>] = []

    private init(configuration: SQLiteConfiguration?) { self.configuration = configuration }

    /// The queue of the file `database` writes to.
    static func of(_ database: any Database) -> SQLiteWriteQueue {
        let key = storageKey(database.context.configuration)
        return queues.withLockedValue { queues in
            if let queue = queues[key] { return queue }
            let queue = SQLiteWriteQueue(configuration: sqliteConfiguration(database.context.configuration))
            queues[key] = queue
            return queue
        }
    }

    /// Closes the write connection of the file `database` writes to once its current write is
    /// done, for an app shutting down.
    static func close(for database: any Database) async {
        let key = storageKey(database.context.configuration)
        guard let queue = queues.withLockedValue({ $0.removeValue(forKey: key) }) else { return }
        await queue.closeWriter()
    }

    /// The file (or in-memory name) behind a SQLite configuration; anything unrecognised shares
    /// one queue, which is safe, only slower.
    static func storageKey(_ configuration: any DatabaseConfiguration) -> String {
        switch sqliteConfiguration(configuration)?.storage {
        case .file(let path): return "file:" + path
        case .memory(let identifier): return "memory:" + identifier
        case nil: return ""
        }
    }

    /// Fluent keeps its SQLite configuration type internal, so its public `SQLiteConfiguration`
    /// is found by reflection.
    private static func sqliteConfiguration(_ configuration: any DatabaseConfiguration) -> SQLiteConfiguration? {
        Mirror(reflecting: configuration).children.lazy.compactMap { $0.value as? SQLiteConfiguration }.first
    }

    func run<T: Sendable>(_ work: @Sendable (SQLiteWriter) async throws -> T) async throws -> T {
        await acquire()
        defer { release() }
        return try await work(openWriter())
    }

    private func openWriter() throws -> SQLiteWriter {
        if let writer { return writer }
        guard let configuration else {
            throw SQLiteWriteError(code: SQLITE_MISUSE, message: "the database is not a SQLite file")
        }
        let opened = try SQLiteWriter(
            location: configuration.storage.location, foreignKeys: configuration.enableForeignKeys)
        writer = opened
        return opened
    }

    private func closeWriter() async {
        await acquire()
        defer { release() }
        writer?.close()
        writer = nil
        thread.stop()
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

extension SQLiteConfiguration.Storage {
    /// Where the pooled driver opens this storage: an in-memory database is a file in the
    /// temporary folder, named after its identifier and this process.
    var location: String {
        switch self {
        case .memory(let identifier):
            let name = "sqlite-kit_memorydb-\(ProcessInfo.processInfo.processIdentifier)-\(identifier).sqlite3"
            return FileManager.default.temporaryDirectory
                .appendingPathComponent(name.replacingOccurrences(of: "/", with: "-"), isDirectory: false)
                .absoluteString
        case .file(let path):
            if path.hasPrefix("file:"), let url = URL(string: path) { return url.absoluteString }
            return URL(fileURLWithPath: path, isDirectory: false).absoluteString
        }
    }
}
