import Fluent
import Documents
import Foundation
import SalesPulseCore
import SQLKit
import Vapor

/// A record list as a file: the rows the person sees with the list's filters, search and
/// sort, every field in words (names instead of ids), read and written a page at a time so
/// a million rows never sit in memory. CSV streams to the client; a workbook is built in a
/// temporary file and then streamed.
struct RecordExport: Sendable {
    enum Format: String, CaseIterable, Sendable {
        case csv, xlsx
    }

    let spec: RecordSpec
    let db: any Database
    let actor: Actor
    let now: Date

    static let pageSize = 500

    var fields: [FieldSpec] {
        spec.fields.filter { field in
            if case .json = field.kind { return false }
            return true
        }
    }

    var header: [String] { fields.map { FieldLabel.of($0.name) } + ["Created"] }

    /// Reads every page of the list in order.
    func forEachPage(_ query: RecordListQuery, _ body: ([Record], RecordDisplay) async throws -> Void) async throws {
        var query = query
        var cursor: String?
        let lister = RecordLister(spec: spec, db: db)
        repeat {
            query.page = PageRequest(limit: Self.pageSize, cursor: cursor)
            let page = try await lister.page(query, actor: actor, now: now)
            var display = RecordDisplay(db: db, actor: actor)
            try await display.loadNames(for: page.items, spec: spec)
            try await body(page.items, display)
            cursor = page.nextCursor
        } while cursor != nil
    }

    func cells(_ record: Record, display: RecordDisplay) -> [DataTable.Cell] {
        fields.map { field in
            let value = record[field: field.name]
            switch (field.kind, value) {
            case (_, .null): return .empty
            case (.money, .int(let cents)): return .number(Double(cents) / 100, .money)
            case (.integer, .int(let number)), (.percent, .int(let number)): return .number(Double(number), .count)
            case (.instant, .date(let date)): return .text(InternetTime.format(date))
            case (.bool, .bool(let flag)): return .text(flag ? "Yes" : "No")
            default: return .text(display.text(field, value))
            }
        } + [.text(record.createdAt.map(InternetTime.format) ?? "")]
    }

    func response(_ query: RecordListQuery, format: Format, request: Request) async throws -> Response {
        let name = "\(spec.path) \(InternetTime.format(now).prefix(10))"
        switch format {
        case .csv:
            let export = self
            let response = Response(
                status: .ok,
                body: .init(managedAsyncStream: { writer in
                    try await writer.write(.buffer(ByteBuffer(string: CSVTable.line(export.header))))
                    try await export.forEachPage(query) { records, display in
                        let text = records.map { CSVTable.line(export.cells($0, display: display).map(\.plain)) }
                            .joined()
                        try await writer.write(.buffer(ByteBuffer(string: text)))
                    }
                }))
            response.headers.contentType = HTTPMediaType(type: "text", subType: "csv", parameters: ["charset": "utf-8"])
            response.headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"\(name).csv\"")
            return response
        case .xlsx:
            let path = FileManager.default.temporaryDirectory.appendingPathComponent(
                "salespulse-export-\(UUID().uuidString).xlsx"
            ).path
            try await write(query, format: .xlsx, to: path)
            let response = try await request.fileio.asyncStreamFile(at: path) { _ in
                try? FileManager.default.removeItem(atPath: path)
            }
            response.headers.contentType = HTTPMediaType(
                type: "application", subType: "vnd.openxmlformats-officedocument.spreadsheetml.sheet")
            response.headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"\(name).xlsx\"")
            return response
        }
    }
}

extension RecordExport {
    /// Writes the file to `path`; returns the number of rows written.
    @discardableResult
    func write(
        _ query: RecordListQuery, format: Format, to path: String, progress: ((Int) -> Void)? = nil
    ) async throws -> Int {
        var rows = 0
        switch format {
        case .csv:
            FileManager.default.createFile(atPath: path, contents: nil)
            guard let handle = FileHandle(forWritingAtPath: path) else {
                throw DomainError.badRequest("Cannot write \(path).")
            }
            defer { try? handle.close() }
            try handle.write(contentsOf: Data(CSVTable.line(header).utf8))
            try await forEachPage(query) { records, display in
                try handle.write(
                    contentsOf: Data(
                        records.map { CSVTable.line(cells($0, display: display).map(\.plain)) }.joined().utf8))
                rows += records.count
                progress?(rows)
            }
        case .xlsx:
            let workbook = try XLSXStreamWriter(path: path, sheetName: spec.path.capitalized, header: header)
            try await forEachPage(query) { records, display in
                for record in records { try workbook.append(cells(record, display: display)) }
                rows += records.count
                progress?(rows)
            }
            try workbook.finish()
        }
        return rows
    }
}

extension Request {
    /// ?format=csv|xlsx, csv when not given.
    func exportFormat() throws -> RecordExport.Format {
        let text = query[String.self, at: "format"].flatMap { $0.isEmpty ? nil : $0 } ?? "csv"
        guard let format = RecordExport.Format(rawValue: text.lowercased()) else {
            throw DomainError.invalid(field: "format", "Choose csv or xlsx.")
        }
        return format
    }
}
