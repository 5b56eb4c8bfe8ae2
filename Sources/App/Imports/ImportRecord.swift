import Foundation

/// One import as stored: its file, choices, state and counts.
struct ImportRecord: Codable, Sendable {
    let id: UUID
    let recordType: String
    let fileName: String
    let fileSize: Int64
    let format: String
    var sheet: String?
    let headers: String
    var mapping: String
    var options: String
    let userId: UUID
    var state: String
    var totalRows: Int64?
    var processedRows: Int64
    var createdCount: Int64
    var updatedCount: Int64
    var skippedCount: Int64
    var failedCount: Int64
    var lastLine: Int64
    var checkSummary: String?
    var error: String?
    let createdAt: Int64
    var startedAt: Int64?
    var finishedAt: Int64?
    var undoneAt: Int64?

    enum CodingKeys: String, CodingKey {
        case id, format, sheet, headers, mapping, options, state, error
        case recordType = "record_type", fileName = "file_name", fileSize = "file_size", userId = "user_id"
        case totalRows = "total_rows", processedRows = "processed_rows", createdCount = "created_count", updatedCount =
            "updated_count"
        case skippedCount = "skipped_count", failedCount = "failed_count", lastLine = "last_line", checkSummary =
            "check_summary"
        case createdAt = "created_at", startedAt = "started_at", finishedAt = "finished_at", undoneAt = "undone_at"
    }

    var importState: ImportState { ImportState(rawValue: state) ?? .failed }
    var spec: RecordSpec { ImportTypes.spec(recordType)! }

    var headerNames: [String] { (try? JSONDecoder().decode([String].self, from: Data(headers.utf8))) ?? [] }
    /// The field each column fills, by column position; nil leaves the column out.
    var columnFields: [String?] { (try? JSONDecoder().decode([String?].self, from: Data(mapping.utf8))) ?? [] }
    var importOptions: ImportOptions {
        (try? JSONDecoder().decode(ImportOptions.self, from: Data(options.utf8))) ?? ImportOptions()
    }
    var summary: ImportCheckSummary? {
        checkSummary.flatMap { try? JSONDecoder().decode(ImportCheckSummary.self, from: Data($0.utf8)) }
    }

    /// How each column is read, in words: "E-mail → Email", "Notes left out".
    var mappingPairs: [String] {
        let fields = columnFields
        return headerNames.enumerated().map { index, header in
            let column = header.isEmpty ? "Column \(index + 1)" : header
            let field = index < fields.count ? fields[index] : nil
            return field.map { "\(column) → \(ImportPage.label($0, spec: spec))" } ?? "\(column) left out"
        }
    }

    var mappingWords: String { mappingPairs.isEmpty ? "—" : mappingPairs.joined(separator: " · ") }

    /// Rows in = created + updated + skipped + failed.
    var accountedRows: Int64 { createdCount + updatedCount + skippedCount + failedCount }
}

/// What checking the whole file found before anything is written.
struct ImportCheckSummary: Codable, Sendable, Equatable {
    struct Problem: Codable, Sendable, Equatable {
        let line: Int
        let field: String?
        let message: String
    }

    struct Duplicate: Codable, Sendable, Equatable {
        let line: Int
        let reason: String
        let score: Double
        /// The stored record matched, or nil when the match is an earlier line of the file.
        let recordId: UUID?
        let matchedLine: Int?
        let matchedName: String
    }

    var rows = 0
    var valid = 0
    var invalid = 0
    var duplicatesOfRecords = 0
    var duplicatesInFile = 0
    var problems: [Problem] = []
    var duplicates: [Duplicate] = []

    static let listed = 200
}

extension JSONEncoder {
    static func text(_ value: some Encodable) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: (try? encoder.encode(value)) ?? Data("null".utf8), as: UTF8.self)
    }
}
