import Foundation
import SQLKit
import Vapor

/// The lines an import skipped or could not write, with their line number and reason and
/// every original value, as a CSV a person fixes and imports again. Streamed a page at a time.
enum ImportReport {
    static func response(_ record: ImportRecord, db: any SQLDatabase) -> Response {
        let headers = record.headerNames
        let response = Response(
            status: .ok,
            body: .init(managedAsyncStream: { writer in
                try await writer.write(
                    .buffer(ByteBuffer(string: line(["Line", "Outcome", "Reason", "Field"] + headers))))
                var after: Int64 = 0
                while true {
                    let rows = try await db.raw(
                        """
                        SELECT * FROM import_rows WHERE import_id = \(bind: record.id) AND line > \(bind: after)
                          AND outcome IN (\(bind: ImportOutcome.skipped.rawValue), \(bind: ImportOutcome.failed.rawValue))
                        ORDER BY line LIMIT 1000
                        """
                    ).all(decoding: ImportRowEntry.self)
                    guard let last = rows.last else { break }
                    after = last.line
                    var text = ""
                    for row in rows {
                        let cells =
                            row.cells.flatMap { try? JSONDecoder().decode([String].self, from: Data($0.utf8)) } ?? []
                        let outcome = row.outcome == ImportOutcome.failed.rawValue ? "Not imported" : "Skipped"
                        text += line(
                            [String(row.line), outcome, row.reason ?? "", row.field.map(FieldLabel.of) ?? ""] + cells)
                    }
                    try await writer.write(.buffer(ByteBuffer(string: text)))
                }
            }))
        response.headers.contentType = HTTPMediaType(type: "text", subType: "csv", parameters: ["charset": "utf-8"])
        let base = record.fileName.split(separator: ".").dropLast().joined(separator: ".")
        response.headers.replaceOrAdd(
            name: .contentDisposition,
            value:
                "attachment; filename=\"\((base.isEmpty ? "import" : base).filter { $0 != "\"" }) - not imported.csv\"")
        return response
    }

    static func line(_ fields: [String]) -> String {
        fields.map { field in
            field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
                ? "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : field
        }.joined(separator: ",") + "\r\n"
    }
}
