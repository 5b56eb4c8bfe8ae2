import Foundation
import SalesPulseCore
import SQLKit

/// The grouped SELECTs a roll-up sums: one per fact table, each giving (day, key) and its own
/// measures with zeros for the others, so they stack with UNION ALL.
struct DailyRollupParts: Sendable {
    let sql: AnalyticsSQL
    let now: Date
    let scope: DailyRollups.Scope

    /// "YYYY-MM-DD" of a timestamp column, in UTC.
    private func dayText(_ table: String, _ column: String) -> SQLQueryString {
        sql.isPostgres
            ? "to_char(\(ident: table).\(ident: column) AT TIME ZONE 'UTC', 'YYYY-MM-DD')"
            : "strftime('%Y-%m-%d', \(ident: table).\(ident: column), 'unixepoch')"
    }

    private func minutes(from start: SQLQueryString, to end: SQLQueryString) -> SQLQueryString {
        sql.isPostgres ? "EXTRACT(EPOCH FROM (\(end) - \(start))) / 60" : "(\(end) - \(start)) / 60.0"
    }

    /// Rows of one rep-owned table on the scope's day.
    private func scoped(_ table: String, owner: String, time: String?, dayColumn: String? = nil) -> [SQLQueryString] {
        var conditions: [SQLQueryString] = []
        if let reps = scope.reps { conditions.append(FactFilters.ownerIn(table, owner, reps)) }
        if let day = scope.day {
            if let time {
                conditions.append("\(ident: table).\(ident: time) >= \(bind: day.date)")
                conditions.append("\(ident: table).\(ident: time) < \(bind: day.adding(days: 1).date)")
            } else if let dayColumn {
                conditions.append("\(ident: table).\(ident: dayColumn) = \(bind: day.text)")
            }
        }
        return conditions
    }

    private func part(
        day: SQLQueryString, key: SQLQueryString, columns: [String], measures: [String: SQLQueryString],
        from: SQLQueryString, conditions: [SQLQueryString]
    ) -> SQLQueryString {
        let values = columns.map { column in "\(measures[column] ?? "0") AS \(ident: column)" as SQLQueryString }
            .joined(separator: ", ")
        return
            "SELECT \(day) AS \(ident: "day"), \(key) AS \(ident: columns == DailyRollups.repColumns ? "rep_id" : "source"), \(values) FROM \(from)\(conditions.whereClause) GROUP BY \(day), \(key)"
    }

    func rep() -> [SQLQueryString] {
        let columns = DailyRollups.repColumns
        func count(_ condition: SQLQueryString) -> SQLQueryString { AnalyticsSQL.count(when: condition) }
        let activityType: SQLQueryString = "\(ident: "activities").\(ident: "type")"
        let followUp: SQLQueryString = "\(ident: "tasks").\(ident: "type") = \(bind: TaskType.followUp.rawValue)"
        let overdue: SQLQueryString =
            "(\(ident: "tasks").\(ident: "status") = \(bind: TaskStatus.open.rawValue) AND \(ident: "tasks").\(ident: "due_at") < \(bind: now)) OR \(ident: "tasks").\(ident: "completed_at") > \(ident: "tasks").\(ident: "due_at")"
        let stage: SQLQueryString = "\(ident: "opportunities").\(ident: "stage")"
        var leadsWithFirstTouch = scoped("leads", owner: "owner_id", time: "created_at")
        let firstTouchScope: SQLQueryString =
            leadsWithFirstTouch.isEmpty
            ? ""
            : " AND \(ident: "lead_id") IN (SELECT \(ident: "leads").\(ident: "id") FROM \(ident: "leads")\(leadsWithFirstTouch.whereClause))"
        leadsWithFirstTouch.append(
            "\(ident: "firsts").\(ident: "first_at") >= \(ident: "leads").\(ident: "created_at")")
        return [
            part(
                day: dayText("leads", "created_at"), key: "\(ident: "leads").\(ident: "owner_id")", columns: columns,
                measures: ["new_leads": "COUNT(*)"], from: "\(ident: "leads")",
                conditions: scoped("leads", owner: "owner_id", time: "created_at")),
            part(
                day: dayText("contacts", "created_at"), key: "\(ident: "contacts").\(ident: "owner_id")",
                columns: columns,
                measures: ["new_contacts": "COUNT(*)"], from: "\(ident: "contacts")",
                conditions: scoped("contacts", owner: "owner_id", time: "created_at")),
            part(
                day: dayText("activities", "occurred_at"), key: "\(ident: "activities").\(ident: "user_id")",
                columns: columns,
                measures: [
                    "calls": count("\(activityType) = \(bind: ActivityType.call.rawValue)"),
                    "meetings": count("\(activityType) = \(bind: ActivityType.meeting.rawValue)"),
                ],
                from: "\(ident: "activities")",
                conditions: scoped("activities", owner: "user_id", time: "occurred_at") + [
                    "\(activityType) IN \(AnalyticsSQL.inList([ActivityType.call.rawValue, ActivityType.meeting.rawValue]))"
                ]),
            part(
                day: dayText("tasks", "completed_at"), key: "\(ident: "tasks").\(ident: "assignee_id")",
                columns: columns,
                measures: ["follow_ups_done": "COUNT(*)"], from: "\(ident: "tasks")",
                conditions: scoped("tasks", owner: "assignee_id", time: "completed_at") + [
                    followUp, "\(ident: "tasks").\(ident: "completed_at") IS NOT NULL",
                ]),
            part(
                day: dayText("tasks", "due_at"), key: "\(ident: "tasks").\(ident: "assignee_id")", columns: columns,
                measures: ["follow_ups_overdue": count(overdue)], from: "\(ident: "tasks")",
                conditions: scoped("tasks", owner: "assignee_id", time: "due_at") + [
                    followUp, "\(ident: "tasks").\(ident: "due_at") IS NOT NULL",
                ]),
            part(
                day: dayText("opportunities", "created_at"), key: "\(ident: "opportunities").\(ident: "owner_id")",
                columns: columns,
                measures: ["new_deals": "COUNT(*)"], from: "\(ident: "opportunities")",
                conditions: scoped("opportunities", owner: "owner_id", time: "created_at")),
            part(
                day: dayText("opportunities", "closed_at"), key: "\(ident: "opportunities").\(ident: "owner_id")",
                columns: columns,
                measures: [
                    "deals_won": count("\(stage) = \(bind: OpportunityStage.closedWon.rawValue)"),
                    "deals_lost": count("\(stage) = \(bind: OpportunityStage.closedLost.rawValue)"),
                ],
                from: "\(ident: "opportunities")",
                conditions: scoped("opportunities", owner: "owner_id", time: "closed_at") + [
                    "\(ident: "opportunities").\(ident: "closed_at") IS NOT NULL"
                ]),
            part(
                day: "\(ident: "sales").\(ident: "sold_on")", key: "\(ident: "sales").\(ident: "rep_id")",
                columns: columns,
                measures: ["revenue": AnalyticsSQL.sum("\(ident: "sales").\(ident: "amount")")],
                from: "\(ident: "sales")",
                conditions: scoped("sales", owner: "rep_id", time: nil, dayColumn: "sold_on")),
        ]
            + education(
                columns: columns, key: { table in "\(ident: table).\(ident: "owner_id")" },
                trialScope: scoped("trial_lessons", owner: "owner_id", time: nil, dayColumn: "lesson_day"),
                enrolmentScope: scoped("enrolments", owner: "owner_id", time: "created_at"), joinLeads: false) + [
                // Response time: from a lead's creation to its first logged activity.
                part(
                    day: dayText("leads", "created_at"), key: "\(ident: "leads").\(ident: "owner_id")",
                    columns: columns,
                    measures: [
                        "response_minutes":
                            "CAST(SUM(\(minutes(from: "\(ident: "leads").\(ident: "created_at")", to: "\(ident: "firsts").\(ident: "first_at")"))) AS BIGINT)",
                        "responded_leads": "COUNT(*)",
                    ],
                    from:
                        "\(ident: "leads") JOIN (SELECT \(ident: "lead_id"), MIN(\(ident: "occurred_at")) AS \(ident: "first_at") FROM \(ident: "activities") WHERE \(ident: "lead_id") IS NOT NULL\(firstTouchScope) GROUP BY \(ident: "lead_id")) \(ident: "firsts") ON \(ident: "firsts").\(ident: "lead_id") = \(ident: "leads").\(ident: "id")",
                    conditions: leadsWithFirstTouch)
            ]
    }

    func source() -> [SQLQueryString] {
        let columns = DailyRollups.sourceColumns
        let status: SQLQueryString = "\(ident: "leads").\(ident: "status")"
        var leadDay: [SQLQueryString] = [],
            saleDay: [SQLQueryString] = ["\(ident: "sales").\(ident: "lead_source") IS NOT NULL"]
        if let day = scope.day {
            leadDay = [
                "\(ident: "leads").\(ident: "created_at") >= \(bind: day.date)",
                "\(ident: "leads").\(ident: "created_at") < \(bind: day.adding(days: 1).date)",
            ]
            saleDay.append("\(ident: "sales").\(ident: "sold_on") = \(bind: day.text)")
        }
        if let sources = scope.sources {
            let names = sources.sorted()
            leadDay.append(names.isEmpty ? "1 = 0" : "\(ident: "leads").\(ident: "source") IN (\(binds: names))")
            saleDay.append(names.isEmpty ? "1 = 0" : "\(ident: "sales").\(ident: "lead_source") IN (\(binds: names))")
        }
        return [
            part(
                day: dayText("leads", "created_at"), key: "\(ident: "leads").\(ident: "source")", columns: columns,
                measures: [
                    "leads": "COUNT(*)",
                    "qualified": AnalyticsSQL.count(
                        when:
                            "\(status) IN \(AnalyticsSQL.inList([LeadStatus.qualified.rawValue, LeadStatus.converted.rawValue]))"
                    ),
                    "converted": AnalyticsSQL.count(when: "\(status) = \(bind: LeadStatus.converted.rawValue)"),
                ],
                from: "\(ident: "leads")", conditions: leadDay),
            part(
                day: "\(ident: "sales").\(ident: "sold_on")", key: "\(ident: "sales").\(ident: "lead_source")",
                columns: columns,
                measures: [
                    "deals_won": "COUNT(*)", "revenue": AnalyticsSQL.sum("\(ident: "sales").\(ident: "amount")"),
                ],
                from: "\(ident: "sales")", conditions: saleDay),
        ]
            + education(
                columns: columns, key: { _ in "\(ident: "leads").\(ident: "source")" },
                trialScope: educationScope("trial_lessons", dayColumn: "lesson_day"),
                enrolmentScope: educationScope("enrolments", time: "created_at"), joinLeads: true)
    }

    /// Trials on their lesson day and enrolments on the day they were made, keyed by owner or,
    /// through their lead, by source.
    private func education(
        columns: [String], key: (String) -> SQLQueryString, trialScope: [SQLQueryString],
        enrolmentScope: [SQLQueryString],
        joinLeads: Bool
    ) -> [SQLQueryString] {
        let status: SQLQueryString = "\(ident: "trial_lessons").\(ident: "status")",
            result: SQLQueryString = "\(ident: "trial_lessons").\(ident: "result")"
        func leads(_ table: String) -> SQLQueryString {
            joinLeads
                ? "\(ident: table) JOIN \(ident: "leads") ON \(ident: "leads").\(ident: "id") = \(ident: table).\(ident: "lead_id")"
                : "\(ident: table)"
        }
        return [
            part(
                day: "\(ident: "trial_lessons").\(ident: "lesson_day")", key: key("trial_lessons"), columns: columns,
                measures: [
                    "trials_scheduled": AnalyticsSQL.count(
                        when: "\(status) <> \(bind: TrialStatus.cancelled.rawValue)"),
                    "trials_attended": AnalyticsSQL.count(when: "\(status) = \(bind: TrialStatus.attended.rawValue)"),
                    "trials_no_show": AnalyticsSQL.count(when: "\(status) = \(bind: TrialStatus.noShow.rawValue)"),
                    "offers": AnalyticsSQL.count(
                        when:
                            "\(result) IN \(AnalyticsSQL.inList([TrialResult.salesOffer.rawValue, TrialResult.accepted.rawValue]))"
                    ),
                ],
                from: leads("trial_lessons"), conditions: trialScope),
            part(
                day: dayText("enrolments", "created_at"), key: key("enrolments"), columns: columns,
                measures: ["enrolments": "COUNT(*)"], from: leads("enrolments"), conditions: enrolmentScope),
        ]
    }

    /// The source roll-up's scope over a table counted through its lead.
    private func educationScope(_ table: String, time: String? = nil, dayColumn: String? = nil) -> [SQLQueryString] {
        var conditions: [SQLQueryString] = []
        if let day = scope.day {
            if let time {
                conditions += [
                    "\(ident: table).\(ident: time) >= \(bind: day.date)",
                    "\(ident: table).\(ident: time) < \(bind: day.adding(days: 1).date)",
                ]
            } else if let dayColumn {
                conditions.append("\(ident: table).\(ident: dayColumn) = \(bind: day.text)")
            }
        }
        if let sources = scope.sources {
            let names = sources.sorted()
            conditions.append(names.isEmpty ? "1 = 0" : "\(ident: "leads").\(ident: "source") IN (\(binds: names))")
        }
        return conditions
    }
}
