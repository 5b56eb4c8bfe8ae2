import Fluent
import Foundation
import SalesPulseCore

/// Checks email and password with S1's lockout, for the login page and the token API alike.
struct LoginService: Sendable {
    let db: any Database
    let passwords: PasswordHashing
    /// Failures per typed address.
    let lockout: LoginLockout
    /// Failures from one client address, whatever addresses it types: guessing across many
    /// accounts from one place locks that place out.
    let clientLockout: LoginLockout
    /// The network address the attempt came from, when known.
    let clientAddress: String?
    let now: Date

    enum Failure: Error, Equatable {
        case invalidCredentials
        case locked(minutes: Int)
        case deactivated
    }

    func authenticate(email rawEmail: String, password: String) async throws -> Result<User, Failure> {
        let emailThrottle = try await throttle(
            "email", rawEmail.trimmingCharacters(in: .whitespacesAndNewlines).lowercased(), lockout)
        var throttles = [(emailThrottle, lockout)]
        if let clientAddress {
            throttles.append((try await throttle("client", clientAddress, clientLockout), clientLockout))
        }
        for (throttle, rule) in throttles where rule.isLocked(throttle.state, now: now) {
            return .failure(.locked(minutes: rule.lockMinutes))
        }
        let key = emailThrottle.row.emailKey
        let user = try await User.query(on: db).filter(\.$email == key).first()
        let matches: Bool
        if let user {
            matches = try await passwords.verify(password, against: user.passwordHash)
        } else {
            try await passwords.verifyAgainstNothing(password)
            matches = false
        }
        guard let user, matches else {
            var locked: Int?
            for (throttle, rule) in throttles {
                let next = rule.recordingFailure(throttle.state, now: now)
                throttle.row.failures = next.failures
                throttle.row.lockedUntil = next.lockedUntil
                let row = throttle.row
                try await db.writeTransaction { tx in try await row.save(on: tx) }
                if rule.isLocked(next, now: now) { locked = max(locked ?? 0, rule.lockMinutes) }
            }
            return .failure(locked.map { .locked(minutes: $0) } ?? .invalidCredentials)
        }
        guard user.isActive else { return .failure(.deactivated) }
        // Through the write queue, like every other write: on SQLite a save on a pooled
        // connection would wait for the write connection's lock by spinning.
        let cleared = emailThrottle.row
        user.lastLoginAt = now
        try await db.writeTransaction { tx in
            if cleared.id != nil { try await cleared.delete(on: tx) }
            try await user.save(on: tx)
        }
        return .success(user)
    }

    /// A throttle row and its state; a count left alone for a whole lock period starts afresh,
    /// so occasional typos over weeks never add up to a lock.
    private func throttle(
        _ kind: String, _ value: String, _ rule: LoginLockout
    ) async throws -> (row: LoginThrottle, state: LoginLockout.State) {
        let key = kind == "email" ? value : "\(kind):\(value)"
        let row =
            try await LoginThrottle.query(on: db).filter(\.$emailKey == key).first() ?? LoginThrottle(emailKey: key)
        var state = LoginLockout.State(failures: row.failures, lockedUntil: row.lockedUntil)
        if !rule.isLocked(state, now: now), let last = row.updatedAt, now.timeIntervalSince(last) > rule.lockDuration {
            state = LoginLockout.State()
        }
        return (row, state)
    }
}

extension LoginService.Failure {
    /// Worded so that none of them tells a stranger whether the email has an account.
    var message: String {
        switch self {
        case .invalidCredentials: "The email or password is not right."
        case .locked(let minutes): "Too many failed sign-in attempts. Try again in \(minutes) minutes."
        case .deactivated: "This account has been deactivated. Ask an administrator."
        }
    }
}
