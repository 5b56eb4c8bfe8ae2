import Foundation
import SQLKit

/// Every roll-up row as it is stored, keyed by table, day and rep or source, so the kept rows
/// can be compared with what a rebuild counts. A row of zeros reads as no row: deltas may leave
/// one where a rebuild finds no record, and a recount may keep one where a rebuild does too.
struct RollupSnapshot: Sendable, Equatable {
    struct Line: Sendable, Equatable {
        let key: String
        let values: [String: Int]
        let columns: [String]

        /// One line of text, the values in column order.
        var text: String { "\(key) " + columns.map { "\($0)=\(values[$0] ?? 0)" }.joined(separator: " ") }
    }

    let lines: [String: Line]

    static func read(_ sql: any SQLDatabase) async throws -> RollupSnapshot {
        var lines: [String: Line] = [:]
        for table in [DailyRollups.repTable, DailyRollups.sourceTable] {
            let columns = table == DailyRollups.repTable ? DailyRollups.repColumns : DailyRollups.sourceColumns
            for row in try await sql.raw("SELECT * FROM \(ident: table)").all() {
                let owner =
                    try (try? row.decode(column: "rep_id", as: UUID.self).uuidString)
                    ?? row.decode(column: "source", as: String.self)
                let key = "\(table) \(try row.decode(column: "day", as: String.self)) \(owner)"
                let values = try Dictionary(
                    uniqueKeysWithValues: columns.map { ($0, try row.decode(column: $0, as: Int.self)) })
                if values.values.allSatisfy({ $0 == 0 }) { continue }
                lines[key] = Line(key: key, values: values, columns: columns)
            }
        }
        return RollupSnapshot(lines: lines)
    }

    var sortedText: [String] { lines.values.map(\.text).sorted() }

    /// The snapshot with `column` left out of the rows of `days` (a row left with zeros only
    /// reads as no row, as when it is read).
    func without(_ column: String, on days: Set<String>) -> RollupSnapshot {
        RollupSnapshot(
            lines: lines.compactMapValues { line in
                guard days.contains(where: { line.key.contains(" \($0) ") }), line.values[column] != nil else {
                    return line
                }
                var values = line.values
                values[column] = 0
                return values.values.allSatisfy { $0 == 0 }
                    ? nil : Line(key: line.key, values: values, columns: line.columns)
            })
    }

    /// How this snapshot differs from `expected`, a line per differing row.
    func differences(from expected: RollupSnapshot) -> [String] {
        var found: [String] = []
        for key in Set(lines.keys).union(expected.lines.keys).sorted() {
            switch (lines[key], expected.lines[key]) {
            case (nil, let wanted?):
                found.append(
                    "\(key): missing; the records give \(wanted.values.filter { $0.value != 0 }.map { "\($0.key) \($0.value)" }.sorted().joined(separator: ", "))"
                )
            case (_?, nil):
                found.append("\(key): kept, but no record is behind it")
            case (let kept?, let wanted?) where kept.values != wanted.values:
                let columns = kept.columns.filter { kept.values[$0] != wanted.values[$0] }
                found.append(
                    "\(key): "
                        + columns.map {
                            "\($0) \(kept.values[$0] ?? 0) kept, \(wanted.values[$0] ?? 0) from the records"
                        }.joined(separator: ", "))
            default:
                continue
            }
        }
        return found
    }
}
