import Foundation
import SQLKit

/// Reads and writes the imports table.
struct ImportStore: Sendable {
    let sql: any SQLDatabase

    func find(_ id: UUID) async throws -> ImportRecord? {
        try await sql.raw("SELECT * FROM imports WHERE id = \(bind: id)").first(decoding: ImportRecord.self)
    }

    /// The newest imports, the person's own unless `everyone`.
    func list(userID: UUID, everyone: Bool, limit: Int = 100) async throws -> [ImportRecord] {
        if everyone {
            return try await sql.raw("SELECT * FROM imports ORDER BY created_at DESC LIMIT \(bind: limit)").all(
                decoding: ImportRecord.self)
        }
        return try await sql.raw(
            "SELECT * FROM imports WHERE user_id = \(bind: userID) ORDER BY created_at DESC LIMIT \(bind: limit)"
        )
        .all(decoding: ImportRecord.self)
    }

    func insert(_ record: ImportRecord) async throws {
        try await sql.insert(into: "imports").model(record, nilEncodingStrategy: .asNil).run()
    }

    /// Saves the choices a person can change before the import starts.
    func saveChoices(_ record: ImportRecord) async throws {
        try await sql.raw(
            """
            UPDATE imports SET sheet = \(bind: record.sheet), mapping = \(bind: record.mapping), options = \(bind: record.options),
              check_summary = \(bind: record.checkSummary), total_rows = \(bind: record.totalRows)
            WHERE id = \(bind: record.id)
            """
        ).run()
    }

    func setState(
        _ id: UUID, _ state: ImportState, error: String? = nil, at column: String? = nil, now: Date
    ) async throws {
        if let column {
            try await sql.raw(
                "UPDATE imports SET state = \(bind: state.rawValue), error = \(bind: error), \(ident: column) = \(bind: now.milliseconds) WHERE id = \(bind: id)"
            ).run()
        } else {
            try await sql.raw(
                "UPDATE imports SET state = \(bind: state.rawValue), error = \(bind: error) WHERE id = \(bind: id)"
            ).run()
        }
    }
}
