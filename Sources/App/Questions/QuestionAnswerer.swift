import Documents
import Fluent
import Foundation
import SalesPulseCore
import SQLKit

/// Answers a question in words from the record lists, within the asker's permissions: the
/// parsed question becomes the list's filters, and the answer is that list, its count, its
/// sum or its groups. Never SQL from the words.
struct QuestionAnswerer: Sendable {
    let db: any Database
    let actor: Actor
    let now: Date
    /// Reads what the parser cannot, when one is configured.
    var languageModel: QuestionLanguageModel?
    /// The words of account names, kept between questions.
    var vocabulary: NameVocabulary?

    static let examples = [
        "opportunities closing this month", "my open deals", "pending tasks for Maria", "leads by source last quarter",
        "how many calls this week", "revenue this month", "top 5 reps by revenue this quarter",
        "pipeline by stage", "hot leads", "won deals last month", "win rate this quarter",
        "lead conversion rate last month", "overdue tasks", "deals over 10k",
    ]

    func answer(_ text: String) async throws -> QuestionAnswer {
        let today = CalendarDay(containing: now)
        if let question = QuestionParser(today: today).parse(text).question {
            return try await answer(question, text: text)
        }
        guard let languageModel, let question = await languageModel.read(text, today: today) else {
            return notUnderstood(text)
        }
        var answer = try await answer(question, text: text)
        answer.readByLanguageModel = true
        return answer
    }

    /// A structured question: parsed from words, edited through its chips, sent by a client
    /// or read by the language model. Names are resolved among what the asker may see.
    func answer(_ parsed: ParsedQuestion, text: String) async throws -> QuestionAnswer {
        if [.reps, .teams].contains(parsed.subject) {
            return try await PeopleAnswer(answerer: self).answer(parsed, text: text)
        }
        var question = parsed
        var filters = QuestionListFilters(subject: question.subject)
        var answer = QuestionAnswer(question: text, sentence: "")
        // The question as answered, with names as the records spell them.
        var resolved = question
        filters.chips.append(("Records", Self.plural(filters.spec.label).capitalized))

        // Names first: a name that fits several people asks which one.
        let names = QuestionNames(db: db.sql, actor: actor, vocabulary: vocabulary)
        if case .summary = question.answer {
            guard let typed = question.account else {
                return notUnderstood(text, because: "Name the account to sum up, as in “summary of account Acme”.")
            }
            switch try await names.account(typed) {
            case .found(let account):
                resolved.account = account.name
                var summary = try await AccountSummary(answerer: self).answer(text, account: account)
                summary.query = resolved
                return summary
            case .several(let accounts):
                answer.sentence = "Which \(typed) do you mean?"
                answer.suggestions = accounts.prefix(5).map { "summary of account \($0.name)" }
                return answer
            case .none:
                return notUnderstood(text, because: "I cannot find an account called \(typed) that you can see.")
            }
        }
        if question.owner != nil, filters.spec.field(filters.ownerField) == nil {
            return notUnderstood(
                text,
                because:
                    "\(Self.plural(filters.spec.label).capitalized) belong to nobody in particular; ask without a name."
            )
        }
        if let owner = question.owner {
            switch owner {
            case .me:
                filters.parameters[filters.ownerField] = actor.userID.uuidString
                filters.chips.append(("Owner", "you"))
            case .named(let typed):
                switch try await names.person(typed) {
                case .found(let person):
                    filters.parameters[filters.ownerField] = person.id.uuidString
                    filters.chips.append(("Owner", person.name))
                    resolved.owner = .named(person.name)
                case .several(let people):
                    answer.sentence = "Which \(typed) do you mean?"
                    answer.suggestions = people.map { person in
                        guard let range = text.range(of: typed, options: [.caseInsensitive, .backwards]) else {
                            return text + " " + person.name
                        }
                        return text.replacingCharacters(in: range, with: person.name)
                    }
                    return answer
                case .none:
                    // Not a person: perhaps a team, a region or an account.
                    resolved.owner = nil
                    if case .found(let team) = try await names.team(typed) {
                        question.team = team.name
                    } else if case .found(let region) = try await names.region(typed) {
                        question.region = region.name
                    } else if case .found(let account) = try await names.account(typed) {
                        question.account = account.name
                    } else {
                        return notUnderstood(
                            text, because: "I found no one called \(typed) among the people you can see.")
                    }
                }
            }
        }
        if let typed = question.team {
            guard case .found(let team) = try await names.team(typed) else {
                return notUnderstood(text, because: "There is no team called \(typed).")
            }
            filters.parameters["team"] = team.id.uuidString
            filters.chips.append(("Team", team.name))
            resolved.team = team.name
        }
        if let typed = question.region {
            guard case .found(let region) = try await names.region(typed),
                filters.spec.field("regionId") != nil
                    || FactFilters.related(for: filters.spec.path).contains(where: { $0.name == "regionId" })
            else {
                return notUnderstood(text, because: "I cannot find \(typed) as a region for \(filters.spec.label)s.")
            }
            filters.parameters["regionId"] = region.id.uuidString
            filters.chips.append(("Region", region.name))
            resolved.region = region.name
        }
        if let typed = question.account {
            guard case .found(let account) = try await names.account(typed), filters.spec.field("accountId") != nil
            else {
                return notUnderstood(text, because: "I cannot find an account called \(typed) that you can see.")
            }
            filters.parameters["accountId"] = account.id.uuidString
            filters.chips.append(("Account", account.name))
            resolved.account = account.name
        }

        if let refusal = try await narrowToProducts(question, text: text, filters: &filters, resolved: &resolved) {
            return refusal
        }

        // Conditions.
        if let field = filters.stateField, !question.states.isEmpty {
            filters.parameters[field] = question.states.joined(separator: ",")
            filters.chips.append((field == "stage" ? "Stage" : "Status", Self.words(question.states)))
        }
        if let priority = question.priority, filters.spec.field("priority") != nil {
            filters.parameters["priority"] = priority
            filters.chips.append(("Priority", priority))
        }
        if let type = question.activityType {
            filters.parameters["type"] = type
            filters.chips.append(("Type", type + "s"))
        }
        if let source = question.source {
            filters.parameters["source"] = source
            filters.chips.append(("Source", LeadSourceAdvice.label(source)))
        }
        if let money = filters.moneyField {
            if let low = question.amountAtLeast { filters.parameters[money + "From"] = Self.number(low) }
            if let high = question.amountAtMost { filters.parameters[money + "To"] = Self.number(high) }
            if question.amountAtLeast != nil || question.amountAtMost != nil {
                filters.chips.append(("Amount", Self.range(question.amountAtLeast, question.amountAtMost)))
            }
        }
        if let score = question.scoreAtLeast, filters.spec.field("score") != nil {
            filters.parameters["scoreFrom"] = String(score)
            filters.chips.append(("Score", "\(score) or more"))
        }
        if filters.spec.path == "leads" {
            filters.parameters["snoozed"] = "true"
            if question.snoozed {
                filters.parameters["snoozedUntilFrom"] = InternetTime.format(now)
                // The soonest back first, which is also the order the snoozed-until index serves.
                filters.parameters["sort"] = "snoozedUntil"
                filters.chips.append(("Snoozed", "until a later day"))
            }
        }
        if question.stalled, filters.spec.path == "opportunities" {
            filters.parameters["stalled"] = "true"
            filters.chips.append(("Stalled", "no change or activity for \(KPIQueries.stalledAfterDays) days"))
        }
        if case .winRate = question.answer {
            filters.parameters["stage"] = "closed_won,closed_lost"
            question.byCloseDate = true
            question.states = ["closed_won", "closed_lost"]
        }
        if let period = question.period {
            filters.set(period: period, for: question)
            let (name, _) = filters.dateField(question)
            filters.chips.append((Self.dateWords[name] ?? "When", period.words))
        }
        if let limit = question.limit, let money = filters.moneyField {
            filters.parameters["sort"] = "-" + money
            filters.chips.append(("Largest", String(limit)))
        }
        answer.understood = filters.chips
        answer.link = filters.link
        answer.query = resolved
        try await fill(&answer, question: question, filters: filters)
        if let other = question.comparedWith, let first = question.period, answer.groups.isEmpty {
            try await compare(&answer, question: question, filters: filters, first: first, other: other)
        }
        return answer
    }

    /// "revenue this month vs last month": the same answer for the second period, and the change.
    private func compare(
        _ answer: inout QuestionAnswer, question: ParsedQuestion, filters: QuestionListFilters,
        first: ParsedQuestion.Period, other: ParsedQuestion.Period
    ) async throws {
        var otherFilters = filters
        let (name, _) = filters.dateField(question)
        otherFilters.parameters[name + "From"] = nil
        otherFilters.parameters[name + "To"] = nil
        otherFilters.set(period: other, for: question)
        var otherAnswer = QuestionAnswer(question: answer.question, sentence: "")
        try await fill(&otherAnswer, question: question, filters: otherFilters)
        func opening(_ words: String) -> String { words.prefix(1).uppercased() + words.dropFirst() }
        var sentence = "\(opening(first.words)): \(answer.sentence) \(opening(other.words)): \(otherAnswer.sentence)"
        if let now = answer.value, let before = otherAnswer.value, let change = KPISet.change(now, from: before) {
            sentence += " Change: \(change >= 0 ? "+" : "")\(ValueFormat.percent.full(change))."
        }
        answer.sentence = sentence
        answer.previousValue = otherAnswer.value
        answer.understood.append(("Compared with", other.words))
    }

    private func fill(
        _ answer: inout QuestionAnswer, question: ParsedQuestion, filters: QuestionListFilters
    ) async throws {
        var listParameters = filters.parameters
        listParameters["limit"] = String(min(question.limit ?? 25, 100))
        let query = try RecordListQuery(spec: filters.spec, parameters: listParameters)
        let lister = RecordLister(spec: filters.spec, db: db)
        let label = question.activityType ?? filters.spec.label
        let plural = Self.plural(label)
        let moneyColumn = filters.moneyField.flatMap { filters.spec.field($0)?.column }
        // Sales and deals add up their amounts; leads and accounts are counted in lists and groups.
        let listedMoney = ["sales", "opportunities"].contains(filters.spec.path) ? moneyColumn : nil
        let money = ValueFormat.money
        switch question.answer {
        case .list:
            let page = try await lister.page(query, actor: actor, now: now)
            let summary = try await lister.summary(query, actor: actor, now: now, summing: listedMoney)
            answer.items = page.items.map { Self.item($0, spec: filters.spec, moneyField: filters.moneyField) }
            answer.value = Double(summary.count)
            guard summary.count > 0 else {
                answer.value = 0
                answer.sentence = "No \(plural) match."
                return
            }
            var sentence = "\(Self.count(summary.count)) \(summary.count == 1 ? label : plural)"
            if let sum = summary.sum, summary.count > 0 {
                sentence += ", worth \(money.whole(Double(sum) / 100)) in all"
            }
            if let limit = question.limit { sentence = "The \(min(limit, summary.count)) largest of \(sentence)" }
            answer.sentence = sentence + "."
        case .count:
            let count = try await lister.count(query, actor: actor, now: now)
            answer.value = Double(count)
            answer.sentence = "\(Self.count(count)) \(count == 1 ? label : plural)."
        case .total, .average:
            guard let moneyColumn else {
                let count = try await lister.count(query, actor: actor, now: now)
                answer.value = Double(count)
                answer.sentence =
                    "\(Self.count(count)) \(count == 1 ? label : plural) (they carry no amount to add up)."
                return
            }
            let summary = try await lister.summary(query, actor: actor, now: now, summing: moneyColumn)
            let total = Double(summary.sum ?? 0) / 100
            if case .average = question.answer {
                answer.value = summary.count > 0 ? (total / Double(summary.count) * 100).rounded() / 100 : nil
                answer.sentence =
                    summary.count > 0
                    ? "\(money.full(answer.value ?? 0)) on average, over \(Self.count(summary.count)) \(summary.count == 1 ? label : plural)."
                    : "No \(plural) to average."
            } else {
                answer.value = total
                answer.sentence =
                    "\(money.full(total)) over \(Self.count(summary.count)) \(summary.count == 1 ? label : plural)."
            }
        case .grouped(.month), .top(_, .month):
            try await fillByMonth(&answer, question: question, filters: filters, query: query, summing: listedMoney)
        case .grouped(let grouping), .top(_, let grouping):
            guard let field = filters.groupField(grouping), let column = filters.spec.field(field)?.column else {
                answer.sentence = "\(plural.capitalized) cannot be broken down by \(grouping.rawValue)."
                return
            }
            let totals = try await lister.totals(
                query, actor: actor, now: now, groupedBy: column, summing: listedMoney)
            var groups = try await totals.asyncMap { key, value in
                var narrowed = filters
                narrowed.parameters[field] = key.isEmpty ? RecordListQuery.noneValue : key
                return QuestionAnswer.Group(
                    key: key, label: try await groupLabel(key, field: field), count: value.count,
                    value: listedMoney == nil ? nil : Double(value.sum) / 100, href: narrowed.link)
            }
            groups.sort { ($0.value ?? Double($0.count), $1.label) > ($1.value ?? Double($1.count), $0.label) }
            if case .top(let count, _) = question.answer { groups = Array(groups.prefix(count)) }
            answer.groups = groups
            answer.value = groups.reduce(0) { $0 + ($1.value ?? Double($1.count)) }
            answer.groupTitle = "\(plural.capitalized) by \(grouping.rawValue)"
            if let first = groups.first {
                let measure =
                    first.value.map { money.whole($0) } ?? "\(first.count) \(first.count == 1 ? label : plural)"
                answer.sentence =
                    "\(groups.count) \(groups.count == 1 ? grouping.rawValue : grouping.rawValue == "status" ? "statuses" : grouping.rawValue + "s"); the most: \(first.label) with \(measure)."
            } else {
                answer.sentence = "No \(plural) to break down."
            }
        case .winRate:
            let totals = try await lister.totals(query, actor: actor, now: now, groupedBy: "stage", summing: "amount")
            let won = totals["closed_won"]?.count ?? 0, lost = totals["closed_lost"]?.count ?? 0
            answer.value = won + lost > 0 ? (Double(won) / Double(won + lost) * 1000).rounded() / 10 : nil
            answer.sentence =
                won + lost > 0
                ? "Win rate \(ValueFormat.percent.full(answer.value ?? 0)): \(won) won of \(won + lost) closed deals."
                : "No deals were closed, so there is no win rate."
        case .summary:
            break
        case .conversionRate:
            let totals = try await lister.totals(query, actor: actor, now: now, groupedBy: "status", summing: nil)
            let all = totals.values.reduce(0) { $0 + $1.count }, converted = totals["converted"]?.count ?? 0
            answer.value = all > 0 ? (Double(converted) / Double(all) * 1000).rounded() / 10 : nil
            answer.sentence =
                all > 0
                ? "Lead conversion \(ValueFormat.percent.full(answer.value ?? 0)): \(Self.count(converted)) of \(Self.count(all)) leads converted."
                : "No leads came in, so there is no conversion rate."
        }
    }

    private func groupLabel(_ key: String, field: String) async throws -> String {
        guard let id = UUID(uuidString: key) else {
            if key.isEmpty { return "(none)" }
            if field == "source" { return LeadSourceAdvice.label(key) }
            let words = key.replacingOccurrences(of: "_", with: " ")
            return words.prefix(1).uppercased() + words.dropFirst()
        }
        let table = field == "regionId" ? "regions" : "users"
        let row = try await db.sql.raw("SELECT name FROM \(ident: table) WHERE id = \(bind: id)").first()
        return try row?.decode(column: "name", as: String.self) ?? "(none)"
    }

    func notUnderstood(_ text: String, because reason: String? = nil) -> QuestionAnswer {
        let typed = Set(QuestionWords.tokens(text))
        let ranked = Self.examples.map { example -> (String, Int) in
            let words = QuestionWords.tokens(example)
            let shared = words.filter { word in typed.contains { QuestionWords.matches($0, word) } }.count
            return (example, shared)
        }.sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }
        return QuestionAnswer(
            question: text,
            sentence: reason
                ?? "I could not read that as a question about your leads, deals, tasks or sales. Try one of these:",
            suggestions: ranked.prefix(3).map(\.0))
    }

    static let dateWords = [
        "expectedCloseDate": "Closing", "closedAt": "Closed", "occurredAt": "When", "dueAt": "Due",
        "completedAt": "Completed", "soldOn": "Sold", "created": "Created",
    ]

    static func words(_ states: [String]) -> String {
        states == KPIQueries.openStages
            ? "open" : states.map { $0.replacingOccurrences(of: "_", with: " ") }.joined(separator: ", ")
    }

    /// "opportunity" → "opportunities", "call" → "calls".
    static func plural(_ noun: String) -> String {
        noun.hasSuffix("y") ? String(noun.dropLast()) + "ies" : noun + "s"
    }

    /// A count in a sentence, grouped as people read it: "105,021 calls".
    static func count(_ value: Int) -> String { ValueFormat.count.whole(Double(value)) }

    static func number(_ value: Double) -> String {
        value == value.rounded() ? String(Int64(value)) : String(value)
    }

    static func range(_ low: Double?, _ high: Double?) -> String {
        let money = ValueFormat.money
        switch (low, high) {
        case (let low?, let high?): return "\(money.whole(low)) to \(money.whole(high))"
        case (let low?, nil): return "\(money.whole(low)) or more"
        case (nil, let high?): return "up to \(money.whole(high))"
        default: return ""
        }
    }

    static func item(_ record: Record, spec: RecordSpec, moneyField: String?) -> QuestionAnswer.Item {
        let title = record[.name].text ?? record[.title].text ?? record[.subject].text ?? spec.label.capitalized
        var details: [String] = []
        for field in ["stage", "status", "type"] {
            if let value = record[field: field].text { details.append(value.replacingOccurrences(of: "_", with: " ")) }
        }
        if let moneyField, let cents = record[field: moneyField].int { details.append(ValueFormat.money(cents: cents)) }
        for field in ["expectedCloseDate", "soldOn", "dueAt", "occurredAt"] {
            if let day = record[field: field].text {
                details.append(day)
            } else if let instant = record[field: field].date {
                details.append(CalendarDay(containing: instant).text)
            }
        }
        return QuestionAnswer.Item(
            title: title, detail: details.joined(separator: " · "), href: "/\(spec.path)/\(record.id.uuidString)")
    }
}

extension Dictionary {
    fileprivate func asyncMap<T>(_ transform: (Key, Value) async throws -> T) async rethrows -> [T] {
        var result: [T] = []
        for (key, value) in self { result.append(try await transform(key, value)) }
        return result
    }
}
