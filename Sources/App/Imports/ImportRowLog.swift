import Foundation
import SalesPulseCore
import SQLKit

/// One written line of an import: what became of it and, for an update, the values it replaced.
struct ImportRowEntry: Codable, Sendable {
    let importId: UUID
    let line: Int64
    let outcome: String
    let recordId: UUID?
    let reason: String?
    let field: String?
    /// For updates: the replaced fields' values before the import, as the API shows them.
    let before: String?
    /// For skipped and failed lines: the line's cells, for the report.
    let cells: String?
    let writtenAt: Int64

    enum CodingKeys: String, CodingKey {
        case line, outcome, reason, field, before, cells
        case importId = "import_id", recordId = "record_id", writtenAt = "written_at"
    }
}

/// The import_rows table.
enum ImportRowLog {
    static func append(_ entries: [ImportRowEntry], on sql: any SQLDatabase) async throws {
        guard !entries.isEmpty else { return }
        for batch in stride(from: 0, to: entries.count, by: 200) {
            try await sql.insert(into: "import_rows").models(
                Array(entries[batch..<min(batch + 200, entries.count)]), nilEncodingStrategy: .asNil
            ).run()
        }
    }

    static func entries(
        _ importID: UUID, outcomes: [ImportOutcome], on sql: any SQLDatabase
    ) async throws -> [ImportRowEntry] {
        try await sql.raw(
            """
            SELECT * FROM import_rows WHERE import_id = \(bind: importID) AND outcome IN (\(binds: outcomes.map(\.rawValue))) ORDER BY line
            """
        ).all(decoding: ImportRowEntry.self)
    }

    /// Counts of a batch's lines and the last one, added to the import in the same transaction
    /// as the lines themselves: the checkpoint a restarted import resumes after.
    static func advance(_ importID: UUID, by entries: [ImportRowEntry], on sql: any SQLDatabase) async throws {
        let count = { (outcome: ImportOutcome) in Int64(entries.filter { $0.outcome == outcome.rawValue }.count) }
        guard let last = entries.map(\.line).max() else { return }
        try await sql.raw(
            """
            UPDATE imports SET processed_rows = processed_rows + \(bind: Int64(entries.count)),
              created_count = created_count + \(bind: count(.created)), updated_count = updated_count + \(bind: count(.updated)),
              skipped_count = skipped_count + \(bind: count(.skipped)), failed_count = failed_count + \(bind: count(.failed)),
              last_line = \(bind: last)
            WHERE id = \(bind: importID)
            """
        ).run()
    }
}
