import Foundation
import SQLKit

/// The first lines of an uploaded file, as a person checks a mapping against them. A CSV
/// needs only its first chunk; a workbook is read whole.
enum ImportPreview {
    static func lines(_ record: ImportRecord, count: Int = 5, on sql: any SQLDatabase) async throws -> [[String]] {
        let path = try await ImportFiles.materialize(
            importID: record.id, maxChunks: record.format == "csv" ? 1 : .max, on: sql)
        defer { try? FileManager.default.removeItem(atPath: path) }
        guard let lines = try? ImportLines(path: path, format: record.format, sheet: record.sheet) else { return [] }
        var rows: [[String]] = []
        while rows.count < count, let line = try? lines.next() { rows.append(line.fields) }
        return rows
    }

    static func sheets(_ record: ImportRecord, on sql: any SQLDatabase) async throws -> [String] {
        guard record.format == "xlsx" else { return [] }
        let path = try await ImportFiles.materialize(importID: record.id, on: sql)
        defer { try? FileManager.default.removeItem(atPath: path) }
        return ImportLines.sheets(path: path, format: record.format)
    }
}
