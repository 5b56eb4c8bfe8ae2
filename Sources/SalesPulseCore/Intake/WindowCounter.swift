import Foundation

/// At most `limit` events per key in each fixed window of `window` seconds: the rate limit
/// on public forms, per client address and per form.
public struct WindowCounter: Sendable {
    public let limit: Int
    public let window: TimeInterval
    private var counts: [String: (start: Date, count: Int)] = [:]

    public init(limit: Int, window: TimeInterval) {
        self.limit = limit
        self.window = window
    }

    /// Counts the event and says whether it is within the limit.
    public mutating func allow(_ key: String, now: Date) -> Bool {
        if counts.count > 50_000 { counts = counts.filter { now.timeIntervalSince($0.value.start) < window } }
        var entry = counts[key] ?? (now, 0)
        if now.timeIntervalSince(entry.start) >= window { entry = (now, 0) }
        entry.count += 1
        counts[key] = entry
        return entry.count <= limit
    }
}
