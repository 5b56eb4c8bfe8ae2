/// A structured question said back in words the parser reads the same way, so a question
/// changed through its chips can be shown, kept in the history and asked again as text.
extension ParsedQuestion {
    public var phrase: String {
        var words: [String] = []
        let records = recordWords
        switch answer {
        case .list: words.append(limit.map { "top \($0) \(records)" } ?? records)
        case .count: words += ["how many", records]
        case .total: words += ["total", records]
        case .average: words += ["average", records]
        case .grouped(let grouping): words += [records, "by", grouping.rawValue]
        case .top(let count, let grouping): words += ["top \(count)", grouping.rawValue + "s", "by", records]
        case .winRate: words.append("win rate")
        case .conversionRate: words.append("lead conversion rate")
        case .summary: words.append("summary of account \(account ?? "")")
        }
        if case .me = owner { words.insert("my", at: 0) }
        if case .named(let name) = owner { words += ["for", name] }
        if let team { words += ["for team", team] }
        if let region { words += ["in region", region] }
        if let account, answer != .summary { words += ["for account", account] }
        if let product { words += ["for product", product] }
        if let category { words += ["in category", category] }
        if let source {
            words += ["from"] + (QuestionParser.sources.first { $0.1 == source }?.0 ?? [source])
        }
        switch (amountAtLeast, amountAtMost) {
        case (let low?, let high?): words.append("between \(Self.number(low)) and \(Self.number(high))")
        case (let low?, nil): words.append("over \(Self.number(low))")
        case (nil, let high?): words.append("under \(Self.number(high))")
        default: break
        }
        if let score = scoreAtLeast, score != 80 { words.append("with score over \(score)") }
        if let period, !isOverdue {
            if byCloseDate {
                words.append(!states.isEmpty && states.allSatisfy { $0.hasPrefix("closed_") } ? "closed" : "closing")
            }
            words.append(period.words)
        }
        if let comparedWith { words += ["vs", comparedWith.words] }
        return words.joined(separator: " ")
    }

    /// The record words with their states in front: "open deals", "hot new leads", "overdue tasks".
    private var recordWords: String {
        var words: [String] = []
        if stalled { words.append("stalled") }
        if snoozed { words.append("snoozed") }
        if scoreAtLeast == 80 { words.append("hot") }
        if let priority { words.append(priority) }
        let open = OpportunityStage.allCases.filter { !$0.rawValue.hasPrefix("closed_") }.map(\.rawValue)
        switch subject {
        case _ where isOverdue && (states == open || states == ["open"]):
            words.append("overdue")
        case .opportunities where states == open:
            if !stalled { words.append("open") }
        case .tasks where states == ["open"]:
            words.append("open")
        default:
            words += states.map { state in
                switch state {
                case "closed_won": "won"
                case "closed_lost": "lost"
                default: state
                }
            }
        }
        if answer == .winRate || answer == .conversionRate { return "" }
        words.append(activityType.map { $0 + "s" } ?? subject.words)
        return words.joined(separator: " ")
    }

    /// Past its due or close date and still open: a period of its own, said in one word.
    private var isOverdue: Bool { period?.words == "overdue" && period?.from == nil }

    static func number(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }
}
