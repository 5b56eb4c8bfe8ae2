/// How long a failed job waits before its next attempt: doubling from `base` seconds per
/// attempt up to `cap`, then spread by up to ±`jitter` of itself so that jobs which failed
/// together (a mail server that was down) do not all come back in the same second.
public struct RetryBackoff: Sendable, Equatable {
    public var base: Double
    public var cap: Double
    public var jitter: Double

    public init(base: Double = 10, cap: Double = 3_600, jitter: Double = 0.2) {
        self.base = base
        self.cap = cap
        self.jitter = jitter
    }

    /// Seconds to wait after failed attempt number `attempt` (1 for the first); `unit` is a
    /// random draw in 0..<1 (0.5 gives the delay without jitter).
    public func delay(afterAttempt attempt: Int, unit: Double) -> Double {
        let exponent = Double(max(attempt - 1, 0))
        let plain = min(base * pow2(exponent), cap)
        return plain * (1 + jitter * (2 * unit - 1))
    }

    private func pow2(_ exponent: Double) -> Double {
        exponent >= 60 ? .infinity : Double(UInt64(1) << UInt64(exponent))
    }
}
