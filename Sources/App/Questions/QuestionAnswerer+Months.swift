import Documents
import Foundation
import SalesPulseCore
import SQLKit

extension QuestionAnswerer {
    /// Records by the month of their date (the one the period applies to), every month from
    /// the first to the last shown, empty ones too.
    func fillByMonth(
        _ answer: inout QuestionAnswer, question: ParsedQuestion, filters: QuestionListFilters,
        query: RecordListQuery, summing money: String?
    ) async throws {
        let (name, isDay) = filters.dateField(question)
        let column = filters.spec.field(name)?.column ?? "created_at"
        let bucket: SQLQueryString =
            isDay
            ? "substr(\(ident: column), 1, 7)"
            : AnalyticsSQL(db: db.sql).isPostgres
                ? "to_char(\(ident: column) AT TIME ZONE 'UTC', 'YYYY-MM')"
                : "strftime('%Y-%m', \(ident: column), 'unixepoch')"
        let totals = try await RecordLister(spec: filters.spec, db: db).totals(
            query, actor: actor, now: now, groupedBy: bucket, summing: money)
        let starts = totals.keys.compactMap { CalendarDay(text: $0 + "-01") }.sorted()
        var months: [CalendarDay] = []
        if var month = starts.first, let last = starts.last {
            while month <= last, months.count < 600 {
                months.append(month)
                month = month.monthEnd.adding(days: 1)
            }
        }
        var groups = months.map { month in
            let key = String(month.text.prefix(7))
            var narrowed = filters
            narrowed.set(period: ParsedQuestion.Period(from: month, to: month.monthEnd, words: ""), for: question)
            let value = totals[key]
            return QuestionAnswer.Group(
                key: key, label: ReportPeriod.monthLabel(month), count: value?.count ?? 0,
                value: money == nil ? nil : Double(value?.sum ?? 0) / 100, href: narrowed.link)
        }
        if case .top(let count, _) = question.answer {
            groups = Array(
                groups.sorted { ($0.value ?? Double($0.count), $1.key) > ($1.value ?? Double($1.count), $0.key) }
                    .prefix(count))
        }
        let label = question.activityType ?? filters.spec.label
        answer.groups = groups
        answer.groupTitle = "\(Self.plural(label).capitalized) by month"
        guard let most = groups.max(by: { ($0.value ?? Double($0.count)) < ($1.value ?? Double($1.count)) }) else {
            answer.sentence = "No \(Self.plural(label)) to break down."
            return
        }
        let measure =
            most.value.map { ValueFormat.money.whole($0) }
            ?? "\(most.count) \(most.count == 1 ? label : Self.plural(label))"
        answer.value = groups.reduce(0) { $0 + ($1.value ?? Double($1.count)) }
        answer.sentence =
            "\(groups.count) \(groups.count == 1 ? "month" : "months"); the most: \(most.label) with \(measure)."
    }
}
