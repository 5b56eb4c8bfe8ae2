/// Runs SQLite write transactions one at a time, first come first served. Waiting writes are
/// suspended tasks: they hold no connection and no thread while the current one finishes.
actor SQLiteWriteQueue {
    static let shared = SQLiteWriteQueue()
    /// How long a write waits for a writer in another process before it fails.
    static let busyMilliseconds = 30_000

    private var busy = false
    private var waiting: [CheckedContinuation<Void, Never>] = []

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
