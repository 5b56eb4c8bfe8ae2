import Fluent
import Foundation
import SalesPulseCore
import Vapor

/// Delivers a password reset link, inside the transaction that stored its token.
protocol ResetLinkDelivery: Sendable {
    func deliver(link: String, to user: User, on db: any Database, logger: Logger) async throws
}

/// The reset email, through the outbox.
struct MailResetLinkDelivery: ResetLinkDelivery {
    let app: Application

    func deliver(link: String, to user: User, on db: any Database, logger: Logger) async throws {
        let message = try await MailComposer(app: app).compose(
            "password-reset", to: user.email, subject: "Reset your SalesPulse password",
            context: ["name": user.name, "link": link])
        try await Outbox(db: db).enqueue(message, now: app.clock.now())
        logger.notice("Password reset email queued for \(user.email)")
    }
}

/// S1's reset flow: a one-time link, valid for an hour, that works once.
struct PasswordResetService: Sendable {
    let db: any Database
    let userService: UserService
    let delivery: any ResetLinkDelivery
    let publicURL: String
    let validity: TimeInterval
    let now: Date
    let logger: Logger

    /// Says nothing about whether the address has an account; only real accounts get a link.
    func request(email raw: String) async throws {
        guard let email = try? EmailAddress(raw),
            let user = try await User.query(on: db).filter(\.$email == email.value).first(),
            user.isActive
        else { return }
        let secret = SecretToken.generate()
        try await db.writeTransaction { [delivery, publicURL, validity, now, logger] tx in
            try await PasswordResetToken(
                userID: try user.requireID(), tokenHash: SecretToken.hash(secret),
                expiresAt: now.addingTimeInterval(validity)
            ).create(on: tx)
            try await delivery.deliver(link: "\(publicURL)/reset-password/\(secret)", to: user, on: tx, logger: logger)
        }
    }

    /// The token row if the link is still usable.
    func validToken(_ secret: String) async throws -> PasswordResetToken? {
        guard
            let token = try await PasswordResetToken.query(on: db)
                .filter(\.$tokenHash == SecretToken.hash(secret)).first(),
            token.usedAt == nil, token.expiresAt > now
        else { return nil }
        return token
    }

    func reset(secret: String, newPassword: String) async throws {
        try userService.rule.check(newPassword)
        try await db.writeTransaction { tx in
            guard
                let token = try await PasswordResetToken.query(on: tx)
                    .filter(\.$tokenHash == SecretToken.hash(secret)).first(),
                token.usedAt == nil, token.expiresAt > now,
                let user = try await User.find(token.$user.id, on: tx), user.isActive
            else {
                throw DomainError.invalid(
                    field: "token", "This reset link has expired or was already used. Ask for a new one.")
            }
            token.usedAt = now
            try await token.save(on: tx)
            let service = UserService(db: tx, passwords: userService.passwords, rule: userService.rule)
            try await service.update(user, with: UserInput(password: newPassword))
            try await LoginThrottle.query(on: tx).filter(\.$emailKey == user.email).delete()
        }
    }
}
