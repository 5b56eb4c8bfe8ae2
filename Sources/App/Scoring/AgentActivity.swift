import Fluent
import Foundation
import SalesPulseCore
import SQLKit

/// Each agent's daily counts (calls, meetings, new leads, won deals, sales), aggregated by the
/// database, from which any month-to-date figure can be summed.
struct AgentActivity: Sendable {
    struct Day: Sendable {
        var calls = 0, meetings = 0, leads = 0, deals = 0
        var salesCents: Int64 = 0
    }

    /// days[userID][day number since 1970]
    let days: [UUID: [Int: Day]]

    static func load(db: any Database, since: Date) async throws -> AgentActivity {
        let sql = db.sql
        var days: [UUID: [Int: Day]] = [:]
        func day(_ column: String) -> any SQLExpression {
            sql.dialect.name == "postgresql"
                ? SQLQueryString("CAST(FLOOR(EXTRACT(EPOCH FROM \(ident: column)) / 86400) AS BIGINT)")
                : SQLQueryString("CAST(\(ident: column) / 86400 AS INTEGER)")
        }
        for row in try await sql.select().column(SQLIdentifier("user_id"), as: "who").column(
            day("occurred_at"), as: "day"
        )
        .column(SQLIdentifier("type"), as: "kind").column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n")
        .from("activities").where("occurred_at", .greaterThanOrEqual, SQLBind(since)).where(
            "user_id", .isNot, SQLLiteral.null
        )
        .where("type", .in, SQLGroupExpression(SQLList([SQLBind("call"), SQLBind("meeting")])))
        .groupBy("who").groupBy("day").groupBy("kind").all() {
            let who = try row.decode(column: "who", as: UUID.self), number = try row.decode(column: "day", as: Int.self)
            let count = try row.decode(column: "n", as: Int.self)
            if try row.decode(column: "kind", as: String.self) == "call" {
                days[who, default: [:]][number, default: Day()].calls += count
            } else {
                days[who, default: [:]][number, default: Day()].meetings += count
            }
        }
        for (table, ownerColumn, dateColumn, extra) in [
            ("leads", "owner_id", "created_at", nil as (String, String)?),
            ("opportunities", "owner_id", "closed_at", ("stage", "closed_won")),
        ] {
            let query = sql.select().column(SQLIdentifier(ownerColumn), as: "who").column(day(dateColumn), as: "day")
                .column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from(table)
                .where(SQLIdentifier(dateColumn), .greaterThanOrEqual, SQLBind(since))
                // Records nobody owns count for no one (and would not decode as a person).
                .where(SQLIdentifier(ownerColumn), .isNot, SQLLiteral.null)
            if let (column, value) = extra { query.where(SQLIdentifier(column), .equal, SQLBind(value)) }
            for row in try await query.groupBy("who").groupBy("day").all() {
                let who = try row.decode(column: "who", as: UUID.self),
                    number = try row.decode(column: "day", as: Int.self)
                let count = try row.decode(column: "n", as: Int.self)
                if table == "leads" {
                    days[who, default: [:]][number, default: Day()].leads += count
                } else {
                    days[who, default: [:]][number, default: Day()].deals += count
                }
            }
        }
        let sinceDay = DemoCompanyWriter.day(since)
        for row in try await sql.select().column("rep_id").column("sold_on").column(
            SQLQueryString.bigintSum("amount"), as: "total"
        )
        .from("sales").where("sold_on", .greaterThanOrEqual, SQLBind(sinceDay)).where("rep_id", .isNot, SQLLiteral.null)
        .groupBy("rep_id").groupBy("sold_on").all() {
            guard
                let date = InternetTime.parse(
                    try row.decode(column: "sold_on", as: String.self) + "T00:00:00Z")
            else { continue }
            let who = try row.decode(column: "rep_id", as: UUID.self)
            days[who, default: [:]][Int(date.timeIntervalSince1970 / 86_400), default: Day()].salesCents +=
                try row.decode(column: "total", as: Int64.self)
        }
        return AgentActivity(days: days)
    }

    /// Sums of days [from, to) for one agent.
    func total(_ user: UUID, from: Int, to: Int) -> AgentPerformance.Activity {
        var total = AgentPerformance.Activity()
        guard let byDay = days[user] else { return total }
        for (day, counts) in byDay where day >= from && day < to {
            total.calls += counts.calls
            total.meetings += counts.meetings
            total.leads += counts.leads
            total.deals += counts.deals
            total.salesCents += counts.salesCents
        }
        return total
    }
}

/// Calendar months as day numbers since 1970, in UTC.
struct MonthSpan: Sendable, Equatable {
    let year: Int
    let month: Int

    static var calendar: Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }

    init(year: Int, month: Int) {
        self.year = year
        self.month = month
    }

    init(containing date: Date) {
        let parts = Self.calendar.dateComponents([.year, .month], from: date)
        self.init(year: parts.year!, month: parts.month!)
    }

    /// "2026-03".
    init?(text: String) {
        let parts = text.split(separator: "-")
        guard text.count == 7, parts.count == 2, let year = Int(parts[0]), let month = Int(parts[1]),
            (1...12).contains(month), year > 1900
        else { return nil }
        self.init(year: year, month: month)
    }

    var start: Date { Self.calendar.date(from: DateComponents(year: year, month: month, day: 1))! }
    var firstDay: Int { Int(start.timeIntervalSince1970 / 86_400) }
    var dayCount: Int { Self.calendar.range(of: .day, in: .month, for: start)!.count }
    var next: MonthSpan { month == 12 ? MonthSpan(year: year + 1, month: 1) : MonthSpan(year: year, month: month + 1) }
    var previous: MonthSpan {
        month == 1 ? MonthSpan(year: year - 1, month: 12) : MonthSpan(year: year, month: month - 1)
    }
    var text: String { String(format: "%04d-%02d", year, month) }
}
