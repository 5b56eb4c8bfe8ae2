/// Reads a question in words into a `ParsedQuestion`: which records, which answer and the
/// conditions. Everything it understands comes from the word lists here; what it does not
/// understand is returned as leftover words, so a caller can tell a name from nonsense.
public struct QuestionParser: Sendable {
    public struct Result: Sendable, Equatable {
        public let question: ParsedQuestion?
        /// Words read as nothing: the name of a person (or team, region, account) still to resolve.
        public let leftover: [String]
    }

    public let periods: QuestionPeriods

    public init(today: CalendarDay) {
        periods = QuestionPeriods(today: today)
    }

    static let subjectWords: [(String, ParsedQuestion.Subject)] = [
        ("lead", .leads), ("prospect", .leads), ("contact", .contacts), ("account", .accounts),
        ("customer", .accounts), ("client", .accounts), ("company", .accounts), ("opportunity", .opportunities),
        ("deal", .opportunities), ("activity", .activities), ("call", .activities), ("meeting", .activities),
        ("visit", .activities), ("email", .activities), ("task", .tasks), ("follow-up", .tasks), ("followup", .tasks),
        ("todo", .tasks), ("sale", .sales), ("order", .sales), ("product", .products),
    ]
    static let activityTypes: [String: String] = [
        "call": "call", "meeting": "meeting", "visit": "visit", "email": "email",
    ]
    static let groupingWords: [(String, ParsedQuestion.Grouping)] = [
        ("source", .source), ("channel", .source), ("rep", .rep), ("owner", .rep), ("salesperson", .rep),
        ("agent", .rep), ("person", .rep), ("seller", .rep), ("stage", .stage), ("status", .status),
        ("region", .region), ("territory", .region), ("type", .type), ("priority", .priority), ("month", .month),
    ]
    static let stalledWords: Set<String> = ["stalled", "stuck", "stale", "stalling", "idle"]
    static let sources: [([String], String)] = [
        (["trade", "show"], "trade_show"), (["cold", "call"], "cold_call"), (["social", "media"], "social_media"),
        (["call", "tracking"], "call_tracking"), (["landing", "page"], "landing_page"), (["website"], "website"),
        (["web"], "website"), (["referral"], "referral"), (["instagram"], "instagram_ads"),
        (["telegram"], "telegram_bot"), (["whatsapp"], "whatsapp"), (["import"], "import"),
    ]
    /// The people who sell, when a question is about them rather than their records.
    static let repWords = ["rep", "salesperson", "seller", "agent", "salespeople", "user"]
    /// Words that make sales (or deals) the subject when no record is named.
    static let moneyWords: Set<String> = ["revenue", "income", "sold", "pipeline"]
    /// Words that carry no condition of their own.
    static let fillers: Set<String> = [
        "show", "me", "list", "all", "the", "a", "an", "of", "for", "with", "in", "on", "what", "which", "are", "is",
        "were", "was", "do", "does", "did", "have", "has", "had", "give", "find", "get", "please", "that", "to", "and",
        "from", "at", "whose", "there", "our", "we", "us", "my", "mine", "i", "how", "many", "much", "number", "count",
        "total", "sum", "average", "avg", "mean", "value", "worth", "by", "per", "each", "every", "top", "best",
        "biggest", "largest", "rate", "amount", "size", "closing", "close", "closes", "closed", "due", "created",
        "made", "logged", "held", "new", "status", "stage", "any", "still", "currently", "this", "owned",
        "assigned", "belonging", "who", "where", "when", "can", "you", "tell", "about", "than", "more", "less",
        "over", "under", "above", "below", "between", "at", "least", "most", "it", "be", "will", "been", "so", "far",
        "summary", "pipeline", "revenue", "income", "sold", "won", "lost", "open", "hot", "score", "team", "region",
        "account", "source", "channel", "sent", "hold", "booked", "scheduled", "planned", "got", "done", "logged",
        "win", "bring", "brought", "generate", "generated", "came", "overview", "summarise", "summarize",
        "expected", "expecting", "likely",
    ]

    public func parse(_ text: String) -> Result {
        let tokens = QuestionWords.tokens(text)
        var consumed = [Bool](repeating: false, count: tokens.count)
        func has(_ word: String) -> Bool { tokens.contains { QuestionWords.matches($0, word) } }
        func mark(_ range: Range<Int>) { for index in range where index < consumed.count { consumed[index] = true } }

        // Time first: "in March" must not read as a region called March.
        var found: [ParsedQuestion.Period] = []
        var index = 0
        while index < tokens.count {
            if found.count < 2, let (period, used) = periods.period(in: tokens, at: index) {
                found.append(period)
                mark(index..<(index + used))
                index += used
            } else {
                index += 1
            }
        }
        let period = found.first
        let compares = tokens.contains { ["vs", "versus", "compared", "against"].contains($0) }
        let comparedWith = compares && found.count == 2 ? found[1] : nil

        // Sources before subjects: "cold call" is a source, not a call.
        var source: String?
        for (words, value) in Self.sources where source == nil {
            guard let start = find(words, in: tokens, skipping: consumed) else { continue }
            source = value
            mark(start..<(start + words.count))
        }

        var subject: ParsedQuestion.Subject?, activityType: String?
        for (position, token) in tokens.enumerated() where !consumed[position] && subject == nil {
            for (word, candidate) in Self.subjectWords where QuestionWords.matches(token, word) {
                // "account Acme" after another record word names an account, not the subject; so
                // does "product X" in "revenue from product X".
                if [.accounts, .products].contains(candidate), position + 1 < tokens.count, !consumed[position + 1],
                    tokens[(position + 1)...].contains(where: { next in
                        Self.subjectWords.contains { QuestionWords.matches(next, $0.0) && $0.1 != candidate }
                    }) || subjectWordBefore(position, tokens, other: candidate)
                        || (candidate == .products && !Set(tokens).isDisjoint(with: Self.moneyWords)
                            && !isKnownWord(tokens[position + 1]) && !Self.fillers.contains(tokens[position + 1]))
                {
                    break
                }
                subject = candidate
                activityType = Self.activityTypes.first { QuestionWords.matches(token, $0.key) }?.value
                consumed[position] = true
                break
            }
        }
        let words = Set(tokens)
        if subject == nil {
            if has("revenue") || has("income") || words.contains("sold") {
                subject = .sales
            } else if has("pipeline") || words.contains("won") || words.contains("win") {
                subject = .opportunities
            } else if has("conversion") || words.contains("snoozed") {
                subject = .leads
            } else if !words.isDisjoint(with: Self.stalledWords) {
                subject = .opportunities
            } else if words.contains("teams") {
                subject = .teams
            } else if tokens.contains(where: { token in Self.repWords.contains { QuestionWords.matches(token, $0) } }),
                words.isDisjoint(with: ["top", "best", "worst", "bottom"])
            {
                subject = .reps
            } else if words.contains("summary") || words.contains("overview")
                || (" " + tokens.joined(separator: " ") + " ").contains(" tell me about ")
            {
                subject = .accounts
            }
        }
        guard let subject else { return Result(question: nil, leftover: tokens) }
        var question = ParsedQuestion(subject: subject)
        question.activityType = activityType
        question.source = source
        question.period = period
        question.comparedWith = comparedWith

        // The answer.
        let joined = " " + tokens.joined(separator: " ") + " "
        if ["summary", "overview", "summarise", "summarize"].contains(where: words.contains)
            || joined.contains(" tell me about ")
        {
            question.answer = .summary
            question.subject = .accounts
        } else if joined.contains(" win rate ") || joined.contains(" win ratio ") {
            question.answer = .winRate
            question.subject = .opportunities
        } else if has("conversion") {
            question.answer = .conversionRate
            question.subject = .leads
        } else if joined.contains(" how many ") || joined.contains(" number of ") || words.contains("count") {
            question.answer = .count
        } else if words.contains("average") || words.contains("avg") || words.contains("mean") {
            question.answer = .average
        } else if words.contains("total") || words.contains("sum") || words.contains("worth") || words.contains("value")
            || ((has("revenue") || has("income")) && subject == .sales)
            || (has("pipeline") && subject == .opportunities)
        {
            question.answer = .total
        }
        for (position, token) in tokens.enumerated() where ["by", "per", "each"].contains(token) {
            guard position + 1 < tokens.count,
                let grouping = Self.groupingWords.first(where: { QuestionWords.matches(tokens[position + 1], $0.0) })?.1
            else { continue }
            question.answer = .grouped(grouping)
            mark(position..<(position + 2))
        }
        if words.contains("monthly"), question.answer == .total || question.answer == .list || question.answer == .count
        {
            question.answer = .grouped(.month)
        }
        for (position, token) in tokens.enumerated() where ["top", "best", "biggest", "largest"].contains(token) {
            let count = (position + 1 < tokens.count ? Int(tokens[position + 1]) : nil).flatMap {
                (1...1000).contains($0) ? $0 : nil
            }
            let after = position + (count == nil ? 1 : 2)
            guard after < tokens.count else { continue }
            if let grouping = Self.groupingWords.first(where: { QuestionWords.matches(tokens[after], $0.0) })?.1 {
                question.answer = .top(count ?? 5, grouping)
                mark(position..<(after + 1))
            } else if let count {
                question.limit = count
                mark(position..<(position + 2))
            }
        }

        // States.
        read(states: tokens, into: &question)
        if words.contains("closing") || words.contains("close") || words.contains("closes")
            || words.contains("closed") || question.states.contains(where: { $0.hasPrefix("closed_") })
        {
            question.byCloseDate = question.subject == .opportunities
        }
        // "pipeline this quarter": the open deals expected to close in it.
        if has("pipeline"), question.subject == .opportunities, question.period != nil,
            question.states.allSatisfy({ !$0.hasPrefix("closed_") })
        {
            question.byCloseDate = true
        }
        if words.contains("hot") { question.scoreAtLeast = 80 }

        // Amounts and scores.
        for (position, token) in tokens.enumerated() {
            func number(_ offset: Int) -> Double? {
                position + offset < tokens.count ? QuestionWords.amount(tokens[position + offset]) : nil
            }
            let isScore = tokens[max(0, position - 3)..<position].contains("score")
            switch token {
            case "over", "above", "exceeding":
                if let value = number(1) { set(atLeast: value, score: isScore, &question) }
            case "under", "below":
                if let value = number(1) { question.amountAtMost = value }
            case "more", "greater", "least":
                if position + 1 < tokens.count, tokens[position + 1] == "than", let value = number(2) {
                    set(atLeast: value, score: isScore, &question)
                } else if token == "least", let value = number(1) {
                    set(atLeast: value, score: isScore, &question)
                }
            case "less", "fewer":
                if position + 1 < tokens.count, tokens[position + 1] == "than", let value = number(2) {
                    question.amountAtMost = value
                }
            case "between":
                if let low = number(1), position + 2 < tokens.count, tokens[position + 2] == "and", let high = number(3)
                {
                    question.amountAtLeast = min(low, high)
                    question.amountAtMost = max(low, high)
                }
            default: break
            }
        }
        for (position, token) in tokens.enumerated() where QuestionWords.amount(token) != nil {
            consumed[position] = true
        }

        // People, teams, regions, accounts.
        if words.contains("my") || words.contains("mine") || joined.contains(" i ")
            || joined.contains(" me ")
                && !joined.hasPrefix(" show me") && !joined.hasPrefix(" give me") && !joined.hasPrefix(" tell me")
        {
            question.owner = .me
        }
        var leftover: [String] = []
        var position = 0
        while position < tokens.count {
            if consumed[position] || Self.fillers.contains(tokens[position]) || isKnownWord(tokens[position]) {
                position += 1
                continue
            }
            var name: [String] = []
            let start = position
            while position < tokens.count, !consumed[position], !Self.fillers.contains(tokens[position]),
                !isKnownWord(tokens[position])
            {
                name.append(tokens[position])
                position += 1
            }
            var before = start > 0 ? tokens[start - 1] : ""
            // "the South region", "team North" and "North team" alike.
            if position < tokens.count, ["region", "team", "territory", "category"].contains(tokens[position]) {
                before = ["team", "category"].contains(tokens[position]) ? tokens[position] : "region"
            }
            let text = name.joined(separator: " ")
            if case .summary = question.answer, question.account == nil, before != "team" {
                question.account = text
                continue
            }
            switch before {
            case "team": question.team = text
            case "region", "in": question.region = text
            case "account", "customer", "client", "company": question.account = text
            case "product", "item": question.product = text
            case "category": question.category = text
            default:
                if question.owner == nil { question.owner = .named(text) } else { leftover += name }
            }
        }
        return Result(question: question, leftover: leftover)
    }

    private func read(states tokens: [String], into question: inout ParsedQuestion) {
        let words = Set(tokens)
        switch question.subject {
        case .leads:
            for status in ["new", "contacted", "qualified", "converted", "lost"] where words.contains(status) {
                question.states.append(status)
            }
            if words.contains("open") || words.contains("active") {
                question.states += ["new", "contacted", "qualified"]
            }
            question.snoozed = words.contains("snoozed")
        case .opportunities:
            let joined = " " + tokens.joined(separator: " ") + " "
            if words.contains("won") || (words.contains("win") && !joined.contains(" win rate ")) {
                question.states.append("closed_won")
            }
            if words.contains("lost") { question.states.append("closed_lost") }
            for stage in ["prospecting", "qualification", "proposal", "negotiation"] where words.contains(stage) {
                question.states.append(stage)
            }
            let stalled = !words.isDisjoint(with: Self.stalledWords)
            let overdue = words.contains("overdue") || words.contains("late") || words.contains("slipped")
            if question.states.isEmpty,
                words.contains("open") || words.contains("pipeline") || words.contains("closing")
                    || words.contains("close")
                    || words.contains("closes") || stalled || overdue
            {
                question.states = ["prospecting", "qualification", "proposal", "negotiation"]
            }
            question.stalled = stalled
            if overdue, question.states.allSatisfy({ !$0.hasPrefix("closed_") }) {
                question.period = ParsedQuestion.Period(from: nil, to: periods.today.adding(days: -1), words: "overdue")
                question.byCloseDate = true
            }
        case .tasks:
            question.priority = ["low", "normal", "high", "urgent"].first(where: words.contains)
            if words.contains("done") || words.contains("completed") || words.contains("finished") {
                question.states.append("done")
            } else if words.contains("overdue") || words.contains("late") {
                question.states.append("open")
                let yesterday = periods.today.adding(days: -1)
                question.period = ParsedQuestion.Period(from: nil, to: yesterday, words: "overdue")
            } else if ["pending", "open", "outstanding", "todo", "due"].contains(where: words.contains) {
                question.states.append("open")
            }
        default: break
        }
    }

    private func set(atLeast value: Double, score: Bool, _ question: inout ParsedQuestion) {
        if score { question.scoreAtLeast = Int(value) } else { question.amountAtLeast = value }
    }

    /// Words the parser reads elsewhere (states, groupings, subjects), never names.
    private func isKnownWord(_ token: String) -> Bool {
        let states: Set<String> = [
            "contacted", "qualified", "converted", "prospecting", "qualification", "proposal", "negotiation", "pending",
            "outstanding", "overdue", "late", "done", "completed", "finished", "active", "win", "ratio", "conversion",
            "k", "vs", "versus", "compared", "against", "low", "normal", "high", "urgent", "snoozed", "monthly",
            "slipped", "category",
        ]
        return states.contains(token) || Self.stalledWords.contains(token) || token == "teams"
            || Self.repWords.contains { QuestionWords.matches(token, $0) }
            || Self.subjectWords.contains { QuestionWords.matches(token, $0.0) }
            || Self.groupingWords.contains { QuestionWords.matches(token, $0.0) }
    }

    private func subjectWordBefore(_ position: Int, _ tokens: [String], other subject: ParsedQuestion.Subject) -> Bool {
        tokens[..<position].contains { token in
            Self.subjectWords.contains { QuestionWords.matches(token, $0.0) && $0.1 != subject }
        }
    }

    private func find(_ words: [String], in tokens: [String], skipping consumed: [Bool]) -> Int? {
        guard tokens.count >= words.count else { return nil }
        for start in 0...(tokens.count - words.count) where !consumed[start] {
            if words.indices.allSatisfy({ QuestionWords.matches(tokens[start + $0], words[$0]) }) { return start }
        }
        return nil
    }
}
