/// Time in a question: "today", "last quarter", "the last 30 days", "in March", "Q3 2026",
/// "since 1 October", "before 2026-10-15", read at a position of the question's words.
public struct QuestionPeriods: Sendable {
    public let today: CalendarDay

    public init(today: CalendarDay) {
        self.today = today
    }

    static let monthWords: [String: Int] = {
        var words: [String: Int] = [:]
        for (index, name) in CalendarDay.monthNames.enumerated() {
            words[name.lowercased()] = index + 1
            words[String(name.lowercased().prefix(3))] = index + 1
        }
        words["sept"] = 9
        return words
    }()

    /// The period that starts at `tokens[index]`, and how many words it took.
    public func period(in tokens: [String], at index: Int) -> (ParsedQuestion.Period, Int)? {
        func word(_ offset: Int) -> String? { index + offset < tokens.count ? tokens[index + offset] : nil }
        guard let first = word(0) else { return nil }
        switch first {
        case "today": return (span(today, today, "today"), 1)
        case "yesterday": return (span(today.adding(days: -1), today.adding(days: -1), "yesterday"), 1)
        case "tomorrow": return (span(today.adding(days: 1), today.adding(days: 1), "tomorrow"), 1)
        case "this", "current", "last", "previous", "next", "past":
            if let unit = word(1).map(QuestionWords.singular), let period = relative(first, unit) {
                return (period, 2)
            }
            if ["last", "past", "next"].contains(first), let count = word(1).flatMap({ Int($0) }),
                (1...3660).contains(count),
                let unit = word(2).map(QuestionWords.singular), let period = rolling(first, count, unit)
            {
                return (period, 3)
            }
        case "since", "after", "before", "until":
            if let (day, used) = date(in: tokens, at: index + 1) {
                switch first {
                case "since": return (span(day, today, "since \(day.text)"), used + 1)
                case "after": return (span(day.adding(days: 1), nil, "after \(day.text)"), used + 1)
                default: return (span(nil, day.adding(days: -1), "before \(day.text)"), used + 1)
                }
            }
        case "in", "during":
            if let (period, used) = namedSpan(tokens, at: index + 1) { return (period, used + 1) }
        default:
            if let (period, used) = namedSpan(tokens, at: index) { return (period, used) }
        }
        return nil
    }

    /// "March", "March 2026", "Q3", "Q3 2026", "2026".
    private func namedSpan(_ tokens: [String], at index: Int) -> (ParsedQuestion.Period, Int)? {
        guard index < tokens.count else { return nil }
        let word = tokens[index]
        let year =
            index + 1 < tokens.count ? Int(tokens[index + 1]).flatMap { (1900...2200).contains($0) ? $0 : nil } : nil
        if let month = Self.monthWords[word], word.count >= 3, index == 0 || tokens[index - 1] != "may" {
            let chosen = year ?? today.civil.year
            guard let start = CalendarDay(year: chosen, month: month, day: 1) else { return nil }
            let name = CalendarDay.monthNames[month - 1]
            return (
                span(start, start.monthEnd, year == nil ? "in \(name)" : "in \(name) \(chosen)"), year == nil ? 1 : 2
            )
        }
        if word.count == 2, word.hasPrefix("q"), let quarter = Int(word.dropFirst()), (1...4).contains(quarter) {
            let chosen = year ?? today.civil.year
            guard let start = CalendarDay(year: chosen, month: quarter * 3 - 2, day: 1) else { return nil }
            return (span(start, quarterEnd(start), "Q\(quarter) \(chosen)"), year == nil ? 1 : 2)
        }
        if let alone = Int(word), (1900...2200).contains(alone), word.count == 4,
            let start = CalendarDay(year: alone, month: 1, day: 1),
            let end = CalendarDay(year: alone, month: 12, day: 31)
        {
            return (span(start, end, "in \(alone)"), 1)
        }
        return nil
    }

    private func relative(_ which: String, _ unit: String) -> ParsedQuestion.Period? {
        let step = which == "next" ? 1 : ["last", "previous", "past"].contains(which) ? -1 : 0
        let words = "\(step == 1 ? "next" : step == -1 ? "last" : "this") \(unit)"
        switch unit {
        case "week":
            let start = today.weekStart.adding(days: 7 * step)
            return span(start, start.adding(days: 6), words)
        case "month":
            var start = today.monthStart
            if step < 0 { start = start.adding(days: -1).monthStart }
            if step > 0 { start = start.monthEnd.adding(days: 1) }
            return span(start, start.monthEnd, words)
        case "quarter":
            var start = quarterStart(today)
            if step < 0 { start = quarterStart(start.adding(days: -1)) }
            if step > 0 { start = quarterEnd(start).adding(days: 1) }
            return span(start, quarterEnd(start), words)
        case "year":
            let year = today.civil.year + step
            guard let start = CalendarDay(year: year, month: 1, day: 1),
                let end = CalendarDay(year: year, month: 12, day: 31)
            else { return nil }
            return span(start, end, words)
        default: return nil
        }
    }

    private func rolling(_ which: String, _ count: Int, _ unit: String) -> ParsedQuestion.Period? {
        let days: Int
        switch unit {
        case "day": days = count
        case "week": days = count * 7
        case "month": days = count * 30
        default: return nil
        }
        guard days <= 3660 else { return nil }
        let words = "\(which == "next" ? "the next" : "the last") \(count) \(unit)\(count == 1 ? "" : "s")"
        return which == "next"
            ? span(today, today.adding(days: days - 1), words) : span(today.adding(days: -(days - 1)), today, words)
    }

    /// "2026-10-15", "1 October", "October 1", "1st October 2026".
    func date(in tokens: [String], at index: Int) -> (CalendarDay, Int)? {
        guard index < tokens.count else { return nil }
        if let day = CalendarDay(text: tokens[index]) { return (day, 1) }
        func number(_ token: String) -> Int? {
            Int(
                token.replacingOccurrences(of: "st", with: "").replacingOccurrences(of: "nd", with: "")
                    .replacingOccurrences(of: "rd", with: "").replacingOccurrences(of: "th", with: ""))
        }
        let next = index + 1 < tokens.count ? tokens[index + 1] : ""
        var day: Int?, month: Int?, used = 2
        if let first = number(tokens[index]), let named = Self.monthWords[next] {
            (day, month) = (first, named)
        } else if let named = Self.monthWords[tokens[index]], let second = number(next) {
            (day, month) = (second, named)
        } else if let named = Self.monthWords[tokens[index]] {
            (day, month, used) = (1, named, 1)
        }
        guard let day, let month else { return nil }
        var year = today.civil.year
        if index + used < tokens.count, let typed = Int(tokens[index + used]), (1900...2200).contains(typed) {
            year = typed
            used += 1
        }
        return CalendarDay(year: year, month: month, day: day).map { ($0, used) }
    }

    private func span(_ from: CalendarDay?, _ to: CalendarDay?, _ words: String) -> ParsedQuestion.Period {
        ParsedQuestion.Period(from: from, to: to, words: words)
    }

    private func quarterStart(_ day: CalendarDay) -> CalendarDay {
        let (year, month, _) = day.civil
        return CalendarDay(year: year, month: (month - 1) / 3 * 3 + 1, day: 1)!
    }

    private func quarterEnd(_ start: CalendarDay) -> CalendarDay {
        start.adding(days: 95).monthStart.adding(days: -1)
    }
}
