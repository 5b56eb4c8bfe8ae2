import Foundation
import SalesPulseCore
import SQLKit

/// What a transaction's writes add to or take from roll-up rows: every measure a record carries
/// on its own (a lead's count on its day, a call, a won deal, a sale's amount) moves by +1/−1 or
/// ±amount as the record comes, changes or goes, instead of recounting the rep's whole day.
/// Measures that depend on other rows or on the clock (response time, overdue follow-ups, a sale's
/// or a trial's lead source) are recounted instead (`RollupCells`); a row the transaction recounts
/// takes the recount and drops its deltas.
struct RollupDeltas: Sendable, Equatable {
    struct RepKey: Hashable, Sendable {
        let day: CalendarDay
        let rep: UUID
    }

    struct SourceKey: Hashable, Sendable {
        let day: CalendarDay
        let source: String
    }

    private(set) var reps: [RepKey: [String: Int64]] = [:]
    private(set) var sources: [SourceKey: [String: Int64]] = [:]

    var isEmpty: Bool { reps.isEmpty && sources.isEmpty }

    /// A write's change: what the record counted before (`old`, empty for a new record) taken
    /// away, what it counts now (`new`, empty for a deleted one) added.
    mutating func add(after spec: RecordSpec, old: [String: FieldValue], new: [String: FieldValue], createdAt: Date) {
        if !old.isEmpty { add(spec, values: old, createdAt: createdAt, sign: -1) }
        if !new.isEmpty { add(spec, values: new, createdAt: createdAt, sign: 1) }
    }

    private mutating func add(_ spec: RecordSpec, values: [String: FieldValue], createdAt: Date, sign: Int64) {
        let created = CalendarDay(containing: createdAt)
        let owner = spec.ownerField.flatMap { values[$0]?.uuid }
        func rep(_ day: CalendarDay?, _ measures: [String: Int64]) {
            guard let day, let owner else { return }
            for (column, amount) in measures where amount != 0 {
                reps[RepKey(day: day, rep: owner), default: [:]][column, default: 0] += sign * amount
            }
        }
        func one(_ condition: Bool) -> Int64 { condition ? 1 : 0 }
        switch spec.table {
        case "leads":
            rep(created, ["new_leads": 1])
            guard let source = values["source"]?.text else { return }
            let status = values["status"]?.text
            let qualified = status == LeadStatus.qualified.rawValue || status == LeadStatus.converted.rawValue
            for (column, amount) in [
                "leads": 1, "qualified": one(qualified), "converted": one(status == LeadStatus.converted.rawValue),
            ] where amount != 0 {
                sources[SourceKey(day: created, source: source), default: [:]][column, default: 0] += sign * amount
            }
        case "contacts":
            rep(created, ["new_contacts": 1])
        case "activities":
            let type = values["type"]?.text
            rep(
                Self.day(values["occurredAt"]),
                [
                    "calls": one(type == ActivityType.call.rawValue),
                    "meetings": one(type == ActivityType.meeting.rawValue),
                ])
        case "tasks":
            guard values["type"]?.text == TaskType.followUp.rawValue else { return }
            rep(Self.day(values["completedAt"]), ["follow_ups_done": 1])
        case "opportunities":
            rep(created, ["new_deals": 1])
            let stage = values["stage"]?.text
            rep(
                Self.day(values["closedAt"]),
                [
                    "deals_won": one(stage == OpportunityStage.closedWon.rawValue),
                    "deals_lost": one(stage == OpportunityStage.closedLost.rawValue),
                ])
        case "sales":
            rep(Self.day(values["soldOn"]), ["revenue": values["amount"]?.int ?? 0])
        case "trial_lessons":
            let status = values["status"]?.text, result = values["result"]?.text
            rep(
                Self.day(values["lessonDay"]),
                [
                    "trials_scheduled": one(status != TrialStatus.cancelled.rawValue),
                    "trials_attended": one(status == TrialStatus.attended.rawValue),
                    "trials_no_show": one(status == TrialStatus.noShow.rawValue),
                    "offers": one(result == TrialResult.salesOffer.rawValue || result == TrialResult.accepted.rawValue),
                ])
        case "enrolments":
            rep(created, ["enrolments": 1])
        default:
            return
        }
    }

    /// The day a date or a day field names.
    static func day(_ value: FieldValue?) -> CalendarDay? {
        switch value {
        case .date(let date)?: CalendarDay(containing: date)
        case .text(let text)?: CalendarDay(text: text)
        default: nil
        }
    }

    /// Leaves out the rows a recount of `cells` covers.
    func excluding(_ cells: RollupCells) -> RollupDeltas {
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
        let repRows = Self.rows(reps, columns: DailyRollups.repColumns) {
            ($0.day.text, $0.rep.uuidString, SQLBind($0.rep))
        }
        try await upsert(DailyRollups.repTable, key: "rep_id", columns: DailyRollups.repColumns, rows: repRows, on: sql)
        let sourceRows = Self.rows(sources, columns: DailyRollups.sourceColumns) {
            ($0.day.text, $0.source, SQLBind($0.source))
        }
        try await upsert(
            DailyRollups.sourceTable, key: "source", columns: DailyRollups.sourceColumns, rows: sourceRows, on: sql)
    }

    /// One row of values per key that moves at all, in day and key order (the order rows are
    /// locked in): day, key, then each column's move.
    private static func rows<Key>(
        _ moves: [Key: [String: Int64]], columns: [String], key: (Key) -> (day: String, order: String, bind: SQLBind)
    ) -> [[any SQLExpression]] {
        moves.filter { !$0.value.values.allSatisfy { $0 == 0 } }
            .map { (key($0.key), $0.value) }
            .sorted { ($0.0.day, $0.0.order) < ($1.0.day, $1.0.order) }
            .map { key, move in
                [SQLBind(key.day), key.bind] + columns.map { SQLBind(move[$0] ?? 0) as any SQLExpression }
            }
    }

    private func upsert(
        _ table: String, key: String, columns: [String], rows: [[any SQLExpression]], on sql: any SQLDatabase
    ) async throws {
        let all = ["day", key] + columns
        let quotedTable = QuotedNames.name(table)
        let sums = columns.map(QuotedNames.name).map { "\($0) = \(quotedTable).\($0) + excluded.\($0)" }
            .joined(separator: ", ")
        let head = QuotedNames.insert(into: table, all)
        let tail = " ON CONFLICT (\(QuotedNames.list(["day", key]))) DO UPDATE SET \(sums)"
        for chunk in MultiRowInsert.chunks(rows, columns: all.count) {
            let values = chunk.map { row in "(\(SQLList(row)))" as SQLQueryString }.joined(separator: ", ")
            try await sql.raw("\(unsafeRaw: head)\(values)\(unsafeRaw: tail)").run()
        }
    }
}
