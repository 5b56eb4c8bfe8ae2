import Documents
import Foundation
import SalesPulseCore

extension QuestionAnswerer {
    /// Records by the month of their date (the one the period applies to), every month from
    /// the first to the last shown, empty ones too. Each month is counted as the list its bar
    /// opens, the question's period cut to that month: one index range per month, where
    /// grouping by a month computed from every row read each one.
    func fillByMonth(
        _ answer: inout QuestionAnswer, question: ParsedQuestion, filters: QuestionListFilters,
        query: RecordListQuery, summing money: String?
    ) async throws {
        let (name, isDay) = filters.dateField(question)
        let column = filters.spec.field(name)?.column ?? "created_at"
        let lister = RecordLister(spec: filters.spec, db: db)
        var months: [CalendarDay] = []
        if let first = try await edgeDay(lister, query, column: column, isDay: isDay, last: false),
            let last = try await edgeDay(lister, query, column: column, isDay: isDay, last: true)
        {
            var month = max(first.monthStart, Self.monthsBack(Self.monthsCounted - 1, from: last.monthStart))
            while month <= last {
                months.append(month)
                month = month.monthEnd.adding(days: 1)
            }
        }
        var groups: [QuestionAnswer.Group] = []
        for month in months {
            var narrowed = filters
            let from = max(month, question.period?.from ?? month)
            let to = min(month.monthEnd, question.period?.to ?? month.monthEnd)
            narrowed.set(period: ParsedQuestion.Period(from: from, to: to, words: ""), for: question)
            var parameters = narrowed.parameters
            parameters["limit"] = "1"
            let summary = try await lister.summary(
                RecordListQuery(spec: filters.spec, parameters: parameters), actor: actor, now: now, summing: money)
            groups.append(
                QuestionAnswer.Group(
                    key: month.monthText, label: ReportPeriod.monthLabel(month), count: summary.count,
                    value: money == nil ? nil : Double(summary.sum ?? 0) / 100, href: narrowed.link))
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
            ?? "\(Self.count(most.count)) \(most.count == 1 ? label : Self.plural(label))"
        answer.value = groups.reduce(0) { $0 + ($1.value ?? Double($1.count)) }
        answer.sentence =
            "\(groups.count) \(groups.count == 1 ? "month" : "months"); the most: \(most.label) with \(measure)."
    }

    /// The most months a breakdown shows, the latest ones: ten years, one count each.
    static let monthsCounted = 120

    static func monthsBack(_ count: Int, from month: CalendarDay) -> CalendarDay {
        var start = month
        for _ in 0..<count { start = start.adding(days: -1).monthStart }
        return start
    }

    /// The day of the earliest or latest date among the rows the question counts.
    private func edgeDay(
        _ lister: RecordLister, _ query: RecordListQuery, column: String, isDay: Bool, last: Bool
    ) async throws -> CalendarDay? {
        if isDay {
            let text = try await lister.edge(query, actor: actor, now: now, column: column, last: last, as: String.self)
            return text.flatMap { CalendarDay(text: String($0.prefix(10))) }
        }
        let instant = try await lister.edge(query, actor: actor, now: now, column: column, last: last, as: Date.self)
        return instant.map { CalendarDay(containing: $0) }
    }
}
