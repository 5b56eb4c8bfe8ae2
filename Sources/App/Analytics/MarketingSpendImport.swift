import Documents
import Foundation
import SalesPulseCore

/// Daily channel figures pasted or uploaded as CSV (day, channel, spend, impressions,
/// clicks): every row is validated first, and either all are saved in one transaction or none.
struct MarketingSpendImport: Sendable {
    struct Failure: Error {
        let problems: [String]
    }

    static let maximumRows = 10_000
    let context: RecordContext

    func run(csv: String) async throws -> Int {
        let table: CSVTable
        do { table = try CSVTable(text: csv) } catch let error as CSVTable.ReadError {
            throw Failure(problems: [error.description])
        }
        let columns = table.header.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        let missing = ["day", "channel", "spend"].filter { !columns.contains($0) }
        guard missing.isEmpty else {
            throw Failure(problems: [
                "The header needs the columns day, channel and spend (missing: \(missing.joined(separator: ", ")))."
            ])
        }
        let known = Set(["day", "channel", "spend", "impressions", "clicks"])
        if let unknown = columns.first(where: { !known.contains($0) }) {
            throw Failure(problems: ["Unknown column \(unknown); use day, channel, spend, impressions, clicks."])
        }
        guard !table.rows.isEmpty else { throw Failure(problems: ["The file has a header but no rows."]) }
        guard table.rows.count <= Self.maximumRows else {
            throw Failure(problems: ["At most \(Self.maximumRows) rows at a time."])
        }
        var parsed: [[String: FieldValue]] = [], problems: [String] = []
        for (index, row) in table.rows.enumerated() {
            var values: [String: FieldValue] = [:]
            for (column, name) in columns.enumerated() {
                guard let field = RecordSpec.marketingSpend.field(name) else { continue }
                let text = column < row.count ? row[column].trimmingCharacters(in: .whitespaces) : ""
                if text.isEmpty {
                    if field.required && field.defaultValue.isNull {
                        problems.append("Line \(index + 2): \(name) is required.")
                    }
                    continue
                }
                do { values[name] = try field.parse(text: text) } catch DomainError.invalid(let error) {
                    problems.append("Line \(index + 2): \(name): \(error.message)")
                } catch let error as FieldError {
                    problems.append("Line \(index + 2): \(name): \(error.message)")
                }
            }
            parsed.append(values)
        }
        guard problems.isEmpty else { throw Failure(problems: Array(problems.prefix(20))) }
        let rows = parsed
        try await context.db.writeTransaction { tx in
            let store = RecordStore(spec: .marketingSpend, db: tx), context = self.context.on(tx)
            for values in rows { _ = try await store.create(given: values, context: context) }
        }
        return rows.count
    }
}
