import Vapor

/// bcrypt off the event loop, for requests and commands alike.
struct PasswordHashing: Sendable {
    let hasher: AsyncPasswordHasher

    init(_ app: Application) { hasher = app.password.async }
    init(_ request: Request) { hasher = request.password.async }

    func hash(_ password: String) async throws -> String {
        try await hasher.hash(password).get()
    }

    func verify(_ password: String, against digest: String) async throws -> Bool {
        try await hasher.verify(password, created: digest).get()
    }

    /// Spends the same time as a real check, so an unknown email cannot be told apart by timing.
    func verifyAgainstNothing(_ password: String) async throws {
        _ = try await hash(password)
    }
}
