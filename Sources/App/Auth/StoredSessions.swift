import Foundation
import SQLKit
import Vapor

/// Web sign-in sessions in the database, so every app instance knows them, each with an
/// expiry that moves forward while it is used. An expired session reads as none, and the
/// hourly clean-up removes it, so sessions of people who never sign out do not pile up.
struct StoredSessions: AsyncSessionDriver {
    static let table = "web_sessions"
    /// The same fortnight the session cookie lives.
    static let lifetime: TimeInterval = 14 * 86_400
    /// A session read unchanged is written back (its expiry moved on) at most this often, so
    /// page views do not each cost a write.
    static let refreshEvery: TimeInterval = 3_600

    /// What this request read, to tell whether its answer needs to write.
    private struct ReadKey: StorageKey { typealias Value = (data: SessionData, expiresAt: Int64) }

    func createSession(_ data: SessionData, for request: Request) async throws -> SessionID {
        var bytes = [UInt8](repeating: 0, count: 32)
        for index in bytes.indices { bytes[index] = .random(in: .min ... .max) }
        let id = SessionID(string: Data(bytes).base64EncodedString())
        let json = try Self.encode(data), expires = Self.expiry(request)
        try await request.db.serialWrite { sql in
            try await sql.insert(into: Self.table).columns("id", "data", "expires_at").values(
                SQLBind(id.string), SQLBind(json), SQLBind(expires)
            ).run()
        }
        return id
    }

    func readSession(_ sessionID: SessionID, for request: Request) async throws -> SessionData? {
        let sql = request.db.sql
        guard
            let row = try await sql.select().columns("data", "expires_at").from(Self.table).where(
                "id", .equal, SQLBind(sessionID.string)
            )
            .where("expires_at", .greaterThan, SQLBind(request.application.clock.now().milliseconds)).first()
        else { return nil }
        let data = try JSONDecoder().decode(
            SessionData.self, from: Data(try row.decode(column: "data", as: String.self).utf8))
        request.storage[ReadKey.self] = (data, try row.decode(column: "expires_at", as: Int64.self))
        return data
    }

    func updateSession(_ sessionID: SessionID, to data: SessionData, for request: Request) async throws -> SessionID {
        let expires = Self.expiry(request)
        if let read = request.storage[ReadKey.self], read.data == data,
            expires - read.expiresAt < Int64(Self.refreshEvery * 1000)
        {
            return sessionID
        }
        let json = try Self.encode(data)
        try await request.db.serialWrite { sql in
            try await sql.update(Self.table).set("data", to: SQLBind(json)).set("expires_at", to: SQLBind(expires))
                .where("id", .equal, SQLBind(sessionID.string)).run()
        }
        return sessionID
    }

    func deleteSession(_ sessionID: SessionID, for request: Request) async throws {
        try await request.db.serialWrite { sql in
            try await sql.delete(from: Self.table).where("id", .equal, SQLBind(sessionID.string)).run()
        }
    }

    /// Removes sessions that ran out; returns how many.
    @discardableResult
    static func removeExpired(_ sql: any SQLDatabase, now: Date) async throws -> Int {
        try await sql.delete(from: table).where("expires_at", .lessThanOrEqual, SQLBind(now.milliseconds)).returning(
            "id"
        ).all().count
    }

    private static func encode(_ data: SessionData) throws -> String {
        String(decoding: try JSONEncoder().encode(data), as: UTF8.self)
    }

    private static func expiry(_ request: Request) -> Int64 {
        request.application.clock.now().addingTimeInterval(lifetime).milliseconds
    }
}

extension Application.Sessions.Provider {
    static var stored: Self { .init { $0.sessions.use { _ in StoredSessions() } } }
}
