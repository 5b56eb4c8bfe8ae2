@testable import App
import Fluent
import Foundation
import SQLKit
import Testing
import Vapor
import VaporTesting

/// A migrated app on a database of its own: in-memory SQLite, or, when DATABASE_URL is set,
/// a fresh PostgreSQL schema dropped afterwards, so tests can run in parallel on either.
func withTestApp(
    _ adjust: (inout AppSettings) -> Void = { _ in }, _ test: (Application) async throws -> Void
) async throws {
    var settings = try AppSettings.fromEnvironment()
    settings.bcryptCost = 4
    settings.lockout = .init(maxFailures: 5, lockDuration: 15 * 60)
    settings.publicURL = "http://127.0.0.1:8080"
    settings.secureCookies = false
    settings.smtp = nil
    settings.mailboxDirectory =
        FileManager.default.temporaryDirectory.appendingPathComponent("salespulse-mail-\(UUID().uuidString)").path
    settings.backupDirectory =
        FileManager.default.temporaryDirectory.appendingPathComponent("salespulse-backups-\(UUID().uuidString)").path
    var schema: String?
    switch settings.database {
    case .postgres(let url, _):
        let name = "t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(16)
        schema = name
        settings.database = .postgres(url: url, searchPath: [name])
    default:
        settings.database = .sqliteMemory
    }
    adjust(&settings)
    if case .postgres = settings.database {} else { schema = nil }

    let app = try await Application.make(.testing)
    do {
        try await configure(app, settings: settings)
        if let schema {
            try await app.db.sql.raw("CREATE SCHEMA \(ident: schema)").run()
        }
        try await app.autoMigrate()
        try await test(app)
        if let schema {
            try await app.db.sql.raw("DROP SCHEMA \(ident: schema) CASCADE").run()
        }
    } catch {
        if let schema {
            try? await app.db.sql.raw("DROP SCHEMA \(ident: schema) CASCADE").run()
        }
        try? await app.asyncShutdown()
        throw error
    }
    try await app.asyncShutdown()
}

/// The password every test user gets.
let testPassword = "correct horse battery"

@discardableResult
func makeUser(
    _ app: Application, email: String, role: String, team: String? = nil, manager: String? = nil,
    password: String = testPassword
) async throws -> User {
    try await app.userService.create(
        UserInput(
            email: email, name: nil, password: password, role: role,
            managerEmail: manager, teamName: team))
}

@discardableResult
func makeTeam(_ app: Application, _ name: String, lead: User? = nil) async throws -> Team {
    try await TeamService(db: app.db).create(TeamInput(name: name, leadID: lead == nil ? nil : .some(lead?.id)))
}

/// Issues a token for the user straight from the service, as if they had asked for one.
func token(for user: User, _ app: Application) async throws -> String {
    try await TokenService(db: app.db).issue(for: user, name: "test").secret
}

extension HTTPHeaders {
    static func bearer(_ token: String) -> HTTPHeaders {
        ["Authorization": "Bearer \(token)"]
    }

    static func json(bearer token: String? = nil) -> HTTPHeaders {
        var headers: HTTPHeaders = ["Content-Type": "application/json"]
        if let token { headers.add(name: "Authorization", value: "Bearer \(token)") }
        return headers
    }
}

extension Application {
    /// Sends a JSON request, optionally with a bearer token.
    func api(
        _ method: HTTPMethod, _ path: String, token: String? = nil, json: String? = nil
    ) async throws -> TestingHTTPResponse {
        var headers: HTTPHeaders = json == nil ? [:] : ["Content-Type": "application/json"]
        if let token { headers.add(name: "Authorization", value: "Bearer \(token)") }
        return try await testing().sendRequest(
            method, path, headers: headers, body: json.map { ByteBuffer(string: $0) })
    }
}

extension TestingHTTPResponse {
    var text: String { body.string }

    /// The top-level JSON object of the body.
    func json() throws -> [String: Any] {
        let data = Data(body.readableBytesView)
        return try #require(
            try JSONSerialization.jsonObject(with: data) as? [String: Any], "not a JSON object: \(text)")
    }

    /// The {"error": {...}} body every API failure has.
    func apiError() throws -> (code: String, message: String, field: String?) {
        let error = try #require(try json()["error"] as? [String: Any], "no error body: \(text)")
        return (
            try #require(error["code"] as? String), try #require(error["message"] as? String), error["field"] as? String
        )
    }
}
