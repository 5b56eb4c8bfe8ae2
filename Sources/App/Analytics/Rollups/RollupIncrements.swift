import Foundation
import SalesPulseCore
import SQLKit

/// What new leads and contacts add to their day's roll-up rows, written as increments instead of
/// recounts: a batch of thousands of new leads on one day would otherwise recount that whole day
/// after every batch. A new record has no activities yet, so its only measures are the counts
/// below; a row the transaction recounts anyway takes the recount instead.
struct RollupIncrements: Sendable, Equatable {
    struct RepKey: Hashable, Sendable {
        let day: CalendarDay
        let rep: UUID
    }

    struct SourceKey: Hashable, Sendable {
        let day: CalendarDay
        let source: String
    }

    struct RepCounts: Sendable, Equatable {
        var newLeads: Int64 = 0
        var newContacts: Int64 = 0
    }

    struct SourceCounts: Sendable, Equatable {
        var leads: Int64 = 0
        var qualified: Int64 = 0
        var converted: Int64 = 0
    }

    private(set) var reps: [RepKey: RepCounts] = [:]
    private(set) var sources: [SourceKey: SourceCounts] = [:]

    var isEmpty: Bool { reps.isEmpty && sources.isEmpty }

    /// Whether a new record of this type counts as increments; others are recounted.
    static func counts(_ spec: RecordSpec) -> Bool { spec.table == "leads" || spec.table == "contacts" }

    mutating func add(created spec: RecordSpec, values: [String: FieldValue], at createdAt: Date) {
        let day = CalendarDay(containing: createdAt)
        let owner = spec.ownerField.flatMap { values[$0]?.uuid }
        switch spec.table {
        case "leads":
            if let owner { reps[RepKey(day: day, rep: owner), default: RepCounts()].newLeads += 1 }
            guard let source = values["source"]?.text else { return }
            let status = values["status"]?.text
            var counts = sources[SourceKey(day: day, source: source), default: SourceCounts()]
            counts.leads += 1
            if status == LeadStatus.qualified.rawValue || status == LeadStatus.converted.rawValue { counts.qualified += 1 }
            if status == LeadStatus.converted.rawValue { counts.converted += 1 }
            sources[SourceKey(day: day, source: source)] = counts
        case "contacts":
            if let owner { reps[RepKey(day: day, rep: owner), default: RepCounts()].newContacts += 1 }
        default:
            preconditionFailure("\(spec.table) rows are recounted, not incremented")
        }
    }

    /// Leaves out the rows a recount of `cells` covers.
    func excluding(_ cells: RollupCells) -> RollupIncrements {
        var rest = self
        rest.reps = reps.filter { key, _ in !(cells.days[key.day]?.reps.contains(key.rep) ?? false) }
        rest.sources = sources.filter { key, _ in
            guard let day = cells.days[key.day] else { return true }
            return !(day.allSources || day.sources.contains(key.source))
        }
        return rest
    }

    /// The rows to lock, named as a recount names them.
    var cells: RollupCells {
        var cells = RollupCells()
        for key in reps.keys { cells.add(reps: [key.rep], on: key.day) }
        for key in sources.keys { cells.add(source: key.source, on: key.day) }
        return cells
    }

    func write(on sql: any SQLDatabase) async throws {
        let repRows = reps.sorted { ($0.key.day, $0.key.rep.uuidString) < ($1.key.day, $1.key.rep.uuidString) }.map { key, counts in
            [SQLBind(key.day.text), SQLBind(key.rep)] + DailyRollups.repColumns.map { column -> any SQLExpression in
                SQLBind(column == "new_leads" ? counts.newLeads : column == "new_contacts" ? counts.newContacts : 0)
            }
        }
        try await upsert(DailyRollups.repTable, key: "rep_id", columns: DailyRollups.repColumns, rows: repRows,
                         adding: ["new_leads", "new_contacts"], on: sql)
        let sourceRows = sources.sorted { ($0.key.day, $0.key.source) < ($1.key.day, $1.key.source) }.map { key, counts in
            [SQLBind(key.day.text), SQLBind(key.source)] + DailyRollups.sourceColumns.map { column -> any SQLExpression in
                switch column {
                case "leads": SQLBind(counts.leads)
                case "qualified": SQLBind(counts.qualified)
                case "converted": SQLBind(counts.converted)
                default: SQLBind(Int64(0))
                }
            }
        }
        try await upsert(DailyRollups.sourceTable, key: "source", columns: DailyRollups.sourceColumns, rows: sourceRows,
                         adding: ["leads", "qualified", "converted"], on: sql)
    }

    private func upsert(_ table: String, key: String, columns: [String], rows: [[any SQLExpression]], adding: [String],
                        on sql: any SQLDatabase) async throws {
        let all = ["day", key] + columns
        for chunk in MultiRowInsert.chunks(rows, columns: all.count) {
            let values = chunk.map { row in "(\(SQLList(row)))" as SQLQueryString }.joined(separator: ", ")
            let sums = adding.map { "\(ident: $0) = \(ident: table).\(ident: $0) + excluded.\(ident: $0)" as SQLQueryString }.joined(separator: ", ")
            try await sql.raw("INSERT INTO \(ident: table) (\(idents: all, joinedBy: ", ")) VALUES \(values) ON CONFLICT (\(ident: "day"), \(ident: key)) DO UPDATE SET \(sums)").run()
        }
    }
}
