import Documents
import Foundation
import SQLKit

/// An uploaded file kept in the database in 1 MB chunks, so whichever app instance or worker
/// runs the import can read it; read back into a temporary file to be parsed as a stream.
enum ImportFiles {
    static let chunkSize = 1 << 20

    /// Copies a local file into the import's chunks; returns its size.
    @discardableResult
    static func store(path: String, importID: UUID, on sql: any SQLDatabase) async throws -> Int64 {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw DomainError.badRequest("The uploaded file could not be read.")
        }
        defer { try? handle.close() }
        var sequence: Int64 = 0, size: Int64 = 0
        while let data = try handle.read(upToCount: chunkSize), !data.isEmpty {
            try await sql.raw(
                "INSERT INTO import_chunks (import_id, seq, data) VALUES (\(bind: importID), \(bind: sequence), \(bind: data))"
            ).run()
            sequence += 1
            size += Int64(data.count)
        }
        return size
    }

    /// Writes the stored file to a new temporary file and returns its path.
    static func materialize(importID: UUID, maxChunks: Int64 = .max, on sql: any SQLDatabase) async throws -> String {
        let path = temporaryPath("upload")
        FileManager.default.createFile(atPath: path, contents: nil)
        guard let handle = FileHandle(forWritingAtPath: path) else {
            throw DomainError.badRequest("No room to read the uploaded file.")
        }
        defer { try? handle.close() }
        var sequence: Int64 = 0
        while sequence < maxChunks,
            let row = try await sql.raw(
                "SELECT data FROM import_chunks WHERE import_id = \(bind: importID) AND seq = \(bind: sequence)"
            ).first()
        {
            try handle.write(contentsOf: try row.decode(column: "data", as: Data.self))
            sequence += 1
        }
        return path
    }

    static func temporaryPath(_ kind: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("salespulse-import-\(kind)-\(UUID().uuidString)")
            .path
    }

    /// "xlsx" for a ZIP container, otherwise "csv".
    static func format(of path: String) -> String {
        guard let handle = FileHandle(forReadingAtPath: path) else { return "csv" }
        defer { try? handle.close() }
        let start = (try? handle.read(upToCount: 4)) ?? Data()
        return [UInt8](start) == [0x50, 0x4B, 0x03, 0x04] ? "xlsx" : "csv"
    }
}

/// The lines of an uploaded file, whatever its kind: a workbook's sheet is first copied out
/// as CSV so one streaming reader serves both.
final class ImportLines {
    let reader: DelimitedTextReader
    let header: [String]
    let encoding: TextEncoding
    private var cleanup: [String]

    init(path: String, format: String, sheet: String?) throws {
        var csvPath = path
        cleanup = []
        do {
            if format == "xlsx" {
                csvPath = ImportFiles.temporaryPath("sheet")
                cleanup.append(csvPath)
                try XLSXWorkbook(path: path).writeSheet(sheet, toCSV: csvPath)
            }
            reader = try DelimitedTextReader(path: csvPath)
            guard let first = try reader.next() else {
                throw DomainError.invalid(field: "file", "The file is empty: there is no header line.")
            }
            header = first.fields.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
            encoding = format == "xlsx" ? .utf8 : reader.encoding
        } catch {
            for file in cleanup { try? FileManager.default.removeItem(atPath: file) }
            throw ImportLines.domainError(error)
        }
    }

    deinit { for file in cleanup { try? FileManager.default.removeItem(atPath: file) } }

    func next() throws -> DelimitedTextReader.Line? {
        do { return try reader.next() } catch { throw ImportLines.domainError(error) }
    }

    static func domainError(_ error: any Error) -> any Error {
        switch error {
        case let error as DelimitedTextReader.ReadError: DomainError.invalid(field: "file", error.description)
        case let error as XLSXWorkbook.ReadError: DomainError.invalid(field: "file", error.description)
        default: error
        }
    }

    /// The workbook's sheet names, or none for a CSV file.
    static func sheets(path: String, format: String) -> [String] {
        format == "xlsx" ? ((try? XLSXWorkbook(path: path))?.sheetNames ?? []) : []
    }
}
