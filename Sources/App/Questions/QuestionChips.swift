import Foundation
import SalesPulseCore

/// What was understood, as controls a person can change: the records, the kind of answer and
/// the time as choices, every other condition as a chip to remove. The edits arrive as form
/// fields beside the structured question they change.
struct QuestionChips: Sendable {
    struct Chip: Encodable {
        let key: String
        let name: String
        let value: String
    }

    /// A choice of the records, the kind of answer or the time: the forms' own option.
    typealias Choice = FormField.Option

    static let records: [(ParsedQuestion.Subject, String)] = [
        (.leads, "Leads"), (.contacts, "Contacts"), (.accounts, "Accounts"), (.opportunities, "Deals"),
        (.activities, "Activities"), (.tasks, "Tasks"), (.sales, "Sales"), (.products, "Products"),
        (.reps, "Reps"), (.teams, "Teams"),
    ]
    static let times = [
        "today", "yesterday", "this week", "last week", "next week", "this month", "last month", "next month",
        "this quarter", "last quarter", "next quarter", "this year", "last year", "last 30 days", "last 90 days",
    ]
    static let anyTime = "any"

    let question: ParsedQuestion

    var chips: [Chip] {
        var chips: [Chip] = []
        switch question.owner {
        case .me: chips.append(Chip(key: "owner", name: "Owner", value: "you"))
        case .named(let name): chips.append(Chip(key: "owner", name: "Owner", value: name))
        case nil: break
        }
        if let team = question.team { chips.append(Chip(key: "team", name: "Team", value: team)) }
        if let region = question.region { chips.append(Chip(key: "region", name: "Region", value: region)) }
        if let account = question.account, question.answer != .summary {
            chips.append(Chip(key: "account", name: "Account", value: account))
        }
        if let product = question.product { chips.append(Chip(key: "product", name: "Product", value: product)) }
        if let category = question.category { chips.append(Chip(key: "category", name: "Category", value: category)) }
        if !question.states.isEmpty {
            chips.append(
                Chip(
                    key: "states", name: question.subject == .opportunities ? "Stage" : "Status",
                    value: QuestionAnswerer.words(question.states)))
        }
        if question.stalled { chips.append(Chip(key: "stalled", name: "Stalled", value: "no recent change")) }
        if question.snoozed { chips.append(Chip(key: "snoozed", name: "Snoozed", value: "until a later day")) }
        if let type = question.activityType { chips.append(Chip(key: "activityType", name: "Type", value: type + "s")) }
        if let priority = question.priority { chips.append(Chip(key: "priority", name: "Priority", value: priority)) }
        if let source = question.source {
            chips.append(Chip(key: "source", name: "Source", value: LeadSourceAdvice.label(source)))
        }
        if question.amountAtLeast != nil || question.amountAtMost != nil {
            chips.append(
                Chip(
                    key: "amount", name: "Amount",
                    value: QuestionAnswerer.range(question.amountAtLeast, question.amountAtMost)))
        }
        if let score = question.scoreAtLeast {
            chips.append(Chip(key: "score", name: "Score", value: "\(score) or more"))
        }
        if let limit = question.limit { chips.append(Chip(key: "limit", name: "Largest", value: String(limit))) }
        if let other = question.comparedWith {
            chips.append(Chip(key: "comparedWith", name: "Compared with", value: other.words))
        }
        return chips
    }

    var recordChoices: [Choice] {
        Self.records.map { Choice(value: $0.0.rawValue, label: $0.1, selected: $0.0 == question.subject) }
    }

    var answerChoices: [Choice] {
        var choices: [(String, String)] = [("list", "List"), ("count", "How many")]
        // Reps and teams are listed and counted, not a record list to sum or group.
        if ![.reps, .teams].contains(question.subject) {
            choices += [("total", "Total"), ("average", "Average")]
            let filters = QuestionListFilters(subject: question.subject)
            for grouping in ParsedQuestion.Grouping.allCases
            where grouping == .month || filters.groupField(grouping) != nil {
                choices.append(("grouped:\(grouping.rawValue)", "By \(grouping.rawValue)"))
            }
        }
        if question.subject == .opportunities { choices.append(("winRate", "Win rate")) }
        if question.subject == .leads { choices.append(("conversionRate", "Conversion rate")) }
        let current = Self.answerValue(question.answer)
        if !choices.contains(where: { $0.0 == current }) {
            choices.insert((current, Self.answerLabel(question.answer)), at: 0)
        }
        return choices.map { Choice(value: $0.0, label: $0.1, selected: $0.0 == current) }
    }

    var timeChoices: [Choice] {
        let current = question.period?.words
        var choices = [Choice(value: Self.anyTime, label: "Any time", selected: current == nil)]
        if let current, !Self.times.contains(current) {
            choices.append(Choice(value: "", label: current, selected: true))
        }
        return choices
            + Self.times.map {
                Choice(value: $0, label: $0.prefix(1).uppercased() + $0.dropFirst(), selected: $0 == current)
            }
    }

    static func answerValue(_ answer: ParsedQuestion.Answer) -> String {
        switch answer {
        case .list: "list"
        case .count: "count"
        case .total: "total"
        case .average: "average"
        case .grouped(let grouping): "grouped:\(grouping.rawValue)"
        case .top(let count, let grouping): "top:\(count):\(grouping.rawValue)"
        case .winRate: "winRate"
        case .conversionRate: "conversionRate"
        case .summary: "summary"
        }
    }

    static func answerLabel(_ answer: ParsedQuestion.Answer) -> String {
        switch answer {
        case .top(let count, let grouping): "Top \(count) by \(grouping.rawValue)"
        case .summary: "Summary"
        default: answerValue(answer)
        }
    }

    /// The question with the page's edits: other records (keeping who, where and when), another
    /// kind of answer, another time, a condition dropped.
    static func edited(
        _ question: ParsedQuestion, records: String?, answer: String?, time: String?, drop: String?, today: CalendarDay
    ) -> ParsedQuestion {
        var edited = question
        if let records, let subject = ParsedQuestion.Subject(rawValue: records), subject != question.subject {
            edited = ParsedQuestion(subject: subject)
            edited.owner = question.owner
            edited.team = question.team
            edited.region = question.region
            edited.period = question.period
            edited.source = subject == .leads ? question.source : nil
            edited.category = [.sales, .opportunities, .products].contains(subject) ? question.category : nil
        } else if let answer, answer != answerValue(question.answer), let kind = Self.answer(answer) {
            edited.answer = kind
            if case .winRate = kind { edited.subject = .opportunities }
            if case .conversionRate = kind { edited.subject = .leads }
        }
        if let time, !time.isEmpty, time != question.period?.words {
            if time == anyTime {
                edited.period = nil
                edited.byCloseDate = false
            } else if let (period, _) = QuestionPeriods(today: today).period(in: QuestionWords.tokens(time), at: 0) {
                edited.period = period
            }
        }
        switch drop {
        case "owner": edited.owner = nil
        case "team": edited.team = nil
        case "region": edited.region = nil
        case "account": edited.account = nil
        case "product": edited.product = nil
        case "category": edited.category = nil
        case "states":
            edited.states = []
            if edited.period?.words == "overdue" { edited.period = nil }
        case "stalled": edited.stalled = false
        case "snoozed": edited.snoozed = false
        case "activityType": edited.activityType = nil
        case "priority": edited.priority = nil
        case "source": edited.source = nil
        case "amount": (edited.amountAtLeast, edited.amountAtMost) = (nil, nil)
        case "score": edited.scoreAtLeast = nil
        case "limit": edited.limit = nil
        case "comparedWith": edited.comparedWith = nil
        default: break
        }
        return edited
    }

    private static func answer(_ value: String) -> ParsedQuestion.Answer? {
        let parts = value.split(separator: ":").map(String.init)
        switch parts.first {
        case "list": return .list
        case "count": return .count
        case "total": return .total
        case "average": return .average
        case "winRate": return .winRate
        case "conversionRate": return .conversionRate
        case "grouped": return parts.count == 2 ? ParsedQuestion.Grouping(rawValue: parts[1]).map { .grouped($0) } : nil
        default: return nil
        }
    }
}
