import Foundation

/// Repeated failed logins lock the address for a while (S1). Applied to every address typed,
/// known or not, so the lockout message never reveals whether an account exists.
public struct LoginLockout: Sendable, Equatable {
    public let maxFailures: Int
    public let lockDuration: TimeInterval

    public init(maxFailures: Int = 5, lockDuration: TimeInterval = 15 * 60) {
        self.maxFailures = maxFailures
        self.lockDuration = lockDuration
    }

    public struct State: Sendable, Equatable {
        public var failures: Int
        public var lockedUntil: Date?

        public init(failures: Int = 0, lockedUntil: Date? = nil) {
            self.failures = failures
            self.lockedUntil = lockedUntil
        }
    }

    public func isLocked(_ state: State, now: Date) -> Bool {
        guard let until = state.lockedUntil else { return false }
        return until > now
    }

    /// The state after one more failed attempt. A lock that has run out starts a fresh count.
    public func recordingFailure(_ state: State, now: Date) -> State {
        var next = state
        if let until = state.lockedUntil, until <= now {
            next = State()
        }
        next.failures += 1
        if next.failures >= maxFailures {
            next.lockedUntil = now.addingTimeInterval(lockDuration)
        }
        return next
    }

    public var lockMinutes: Int { Int((lockDuration / 60).rounded(.up)) }
}
