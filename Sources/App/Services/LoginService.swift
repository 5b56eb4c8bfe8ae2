import Fluent
import Foundation
import SalesPulseCore

/// Checks email and password with S1's lockout, for the login page and the token API alike.
struct LoginService: Sendable {
    let db: any Database
    let passwords: PasswordHashing
    let lockout: LoginLockout
    let now: Date

    enum Failure: Error, Equatable {
        case invalidCredentials
        case locked(minutes: Int)
        case deactivated
    }

    func authenticate(email rawEmail: String, password: String) async throws -> Result<User, Failure> {
        let key = rawEmail.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        let throttle = try await LoginThrottle.query(on: db).filter(\.$emailKey == key).first()
            ?? LoginThrottle(emailKey: key)
        let state = LoginLockout.State(failures: throttle.failures, lockedUntil: throttle.lockedUntil)
        if lockout.isLocked(state, now: now) {
            return .failure(.locked(minutes: lockout.lockMinutes))
        }
        let user = try await User.query(on: db).filter(\.$email == key).first()
        let matches: Bool
        if let user {
            matches = try await passwords.verify(password, against: user.passwordHash)
        } else {
            try await passwords.verifyAgainstNothing(password)
            matches = false
        }
        guard let user, matches else {
            let next = lockout.recordingFailure(state, now: now)
            throttle.failures = next.failures
            throttle.lockedUntil = next.lockedUntil
            try await throttle.save(on: db)
            return .failure(lockout.isLocked(next, now: now) ? .locked(minutes: lockout.lockMinutes) : .invalidCredentials)
        }
        guard user.isActive else { return .failure(.deactivated) }
        if throttle.id != nil { try await throttle.delete(on: db) }
        user.lastLoginAt = now
        try await user.save(on: db)
        return .success(user)
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
