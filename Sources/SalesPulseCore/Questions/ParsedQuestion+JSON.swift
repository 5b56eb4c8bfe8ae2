import Foundation

/// A parsed question as plain JSON values, the structured query clients and the question
/// page's chips send back, and what an optional language model must answer with. Reading it
/// checks every value against the vocabularies, so nothing but a query the parser itself
/// could have made is ever answered.
extension ParsedQuestion {
    public struct Invalid: Error, Equatable, Sendable {
        public let field: String
        public let message: String
    }

    public static let answerKinds = [
        "list", "count", "total", "average", "grouped", "top", "winRate", "conversionRate", "summary",
    ]
    static let longestName = 80
    static let longestWords = 60
    static let largestAmount = 1e12

    /// The values a record type's status or stage may take in a question.
    public static func states(of subject: Subject) -> [String] {
        switch subject {
        case .leads: LeadStatus.allCases.map(\.rawValue)
        case .opportunities: OpportunityStage.allCases.map(\.rawValue)
        case .tasks: TaskStatus.allCases.map(\.rawValue)
        default: []
        }
    }

    public var json: [String: Any] {
        var object: [String: Any] = ["records": subject.rawValue]
        switch answer {
        case .list: object["answer"] = "list"
        case .count: object["answer"] = "count"
        case .total: object["answer"] = "total"
        case .average: object["answer"] = "average"
        case .grouped(let grouping):
            object["answer"] = "grouped"
            object["groupBy"] = grouping.rawValue
        case .top(let count, let grouping):
            object["answer"] = "top"
            object["groupBy"] = grouping.rawValue
            object["top"] = count
        case .winRate: object["answer"] = "winRate"
        case .conversionRate: object["answer"] = "conversionRate"
        case .summary: object["answer"] = "summary"
        }
        switch owner {
        case .me: object["owner"] = "me"
        case .named(let name): object["owner"] = name
        case nil: break
        }
        object["team"] = team
        object["region"] = region
        object["account"] = account
        object["product"] = product
        object["category"] = category
        if !states.isEmpty { object["states"] = states }
        object["activityType"] = activityType
        object["priority"] = priority
        object["source"] = source
        object["amountFrom"] = amountAtLeast
        object["amountTo"] = amountAtMost
        object["scoreFrom"] = scoreAtLeast
        object["limit"] = limit
        object["period"] = period.map(Self.json)
        object["comparedWith"] = comparedWith.map(Self.json)
        if byCloseDate { object["byCloseDate"] = true }
        if stalled { object["stalled"] = true }
        if snoozed { object["snoozed"] = true }
        return object
    }

    static let keys: Set<String> = [
        "records", "answer", "groupBy", "top", "owner", "team", "region", "account", "product", "category", "states",
        "activityType",
        "priority", "source", "amountFrom", "amountTo", "scoreFrom", "limit", "period", "comparedWith", "byCloseDate",
        "stalled", "snoozed",
    ]

    /// Reads the JSON form back, refusing unknown keys and any value outside the vocabularies.
    public init(json object: [String: Any]) throws(Invalid) {
        if let unknown = object.keys.sorted().first(where: { !Self.keys.contains($0) }) {
            throw Invalid(
                field: unknown,
                message: "Unknown part of a question. Parts: \(Self.keys.sorted().joined(separator: ", ")).")
        }
        let reader = JSONReader(object: object)
        let records = try reader.text("records", required: true) ?? ""
        guard let subject = Subject(rawValue: records == "deals" ? "opportunities" : records) else {
            throw Invalid(
                field: "records", message: "One of \(Subject.allCases.map(\.rawValue).joined(separator: ", ")).")
        }
        self.init(subject: subject)
        let kind = try reader.text("answer") ?? "list"
        let grouping = try reader.text("groupBy").map { raw throws(Invalid) in
            guard let grouping = Grouping(rawValue: raw) else {
                throw Invalid(
                    field: "groupBy", message: "One of \(Grouping.allCases.map(\.rawValue).joined(separator: ", ")).")
            }
            return grouping
        }
        switch kind {
        case "list": answer = .list
        case "count": answer = .count
        case "total": answer = .total
        case "average": answer = .average
        case "grouped", "top":
            guard let grouping else { throw Invalid(field: "groupBy", message: "Say what to group by.") }
            let count = try reader.whole("top", in: 1...1000) ?? 5
            answer = kind == "top" ? .top(count, grouping) : .grouped(grouping)
        case "winRate": answer = .winRate
        case "conversionRate": answer = .conversionRate
        case "summary": answer = .summary
        default: throw Invalid(field: "answer", message: "One of \(Self.answerKinds.joined(separator: ", ")).")
        }
        if let owner = try reader.name("owner") { self.owner = owner.lowercased() == "me" ? .me : .named(owner) }
        team = try reader.name("team")
        region = try reader.name("region")
        account = try reader.name("account")
        product = try reader.name("product")
        category = try reader.name("category")
        states = try reader.list("states", among: Self.states(of: subject))
        activityType = try reader.choice("activityType", among: ActivityType.allCases.map(\.rawValue))
        priority = try reader.choice("priority", among: TaskPriority.allCases.map(\.rawValue))
        source = try reader.choice("source", among: LeadSource.allCases.map(\.rawValue))
        amountAtLeast = try reader.amount("amountFrom")
        amountAtMost = try reader.amount("amountTo")
        if let low = amountAtLeast, let high = amountAtMost, low > high {
            throw Invalid(field: "amountTo", message: "Must not be below amountFrom.")
        }
        scoreAtLeast = try reader.whole("scoreFrom", in: 0...100)
        limit = try reader.whole("limit", in: 1...100)
        period = try reader.period("period")
        comparedWith = try reader.period("comparedWith")
        byCloseDate = try reader.flag("byCloseDate")
        stalled = try reader.flag("stalled")
        snoozed = try reader.flag("snoozed")
    }

    static func json(_ period: Period) -> [String: Any] {
        var object: [String: Any] = ["words": period.words]
        object["from"] = period.from?.text
        object["to"] = period.to?.text
        return object
    }
}

/// Typed reads of one JSON object's values, each failure naming its field.
private struct JSONReader {
    typealias Invalid = ParsedQuestion.Invalid
    let object: [String: Any]

    func text(_ key: String, required: Bool = false) throws(Invalid) -> String? {
        guard let value = object[key], !(value is NSNull) else {
            if required { throw Invalid(field: key, message: "Required.") }
            return nil
        }
        guard let text = value as? String else { throw Invalid(field: key, message: "Must be text.") }
        return text
    }

    func name(_ key: String) throws(Invalid) -> String? {
        guard let text = try text(key)?.trimmingCharacters(in: .whitespaces) else { return nil }
        guard (1...ParsedQuestion.longestName).contains(text.count) else {
            throw Invalid(field: key, message: "A name of 1 to \(ParsedQuestion.longestName) characters.")
        }
        return text
    }

    func choice(_ key: String, among allowed: [String]) throws(Invalid) -> String? {
        guard let text = try text(key) else { return nil }
        guard allowed.contains(text) else {
            throw Invalid(field: key, message: "One of \(allowed.joined(separator: ", ")).")
        }
        return text
    }

    func list(_ key: String, among allowed: [String]) throws(Invalid) -> [String] {
        guard let value = object[key], !(value is NSNull) else { return [] }
        guard let values = value as? [String], values.count <= allowed.count else {
            throw Invalid(field: key, message: "A list of text.")
        }
        guard values.allSatisfy(allowed.contains) else {
            throw Invalid(
                field: key,
                message: allowed.isEmpty
                    ? "These records have no status to ask about." : "Each one of \(allowed.joined(separator: ", ")).")
        }
        return values
    }

    func number(_ key: String) throws(Invalid) -> Double? {
        guard let value = object[key], !(value is NSNull) else { return nil }
        guard !Self.isBoolean(value), let number = (value as? NSNumber)?.doubleValue, number.isFinite else {
            throw Invalid(field: key, message: "Must be a number.")
        }
        return number
    }

    func amount(_ key: String) throws(Invalid) -> Double? {
        guard let number = try number(key) else { return nil }
        guard (0...ParsedQuestion.largestAmount).contains(number) else {
            throw Invalid(field: key, message: "An amount from 0 to 1,000,000,000,000.")
        }
        return number
    }

    func whole(_ key: String, in range: ClosedRange<Int>) throws(Invalid) -> Int? {
        guard let number = try number(key) else { return nil }
        guard number == number.rounded(), Double(range.lowerBound) <= number, number <= Double(range.upperBound) else {
            throw Invalid(field: key, message: "A whole number from \(range.lowerBound) to \(range.upperBound).")
        }
        return Int(number)
    }

    func flag(_ key: String) throws(Invalid) -> Bool {
        guard let value = object[key], !(value is NSNull) else { return false }
        guard Self.isBoolean(value), let flag = value as? Bool else {
            throw Invalid(field: key, message: "Must be true or false.")
        }
        return flag
    }

    /// JSON's true and false, which Foundation hands over as numbers.
    static func isBoolean(_ value: Any) -> Bool {
        guard let number = value as? NSNumber else { return false }
        return String(cString: number.objCType) == "c"
    }

    func period(_ key: String) throws(Invalid) -> ParsedQuestion.Period? {
        guard let value = object[key], !(value is NSNull) else { return nil }
        guard let span = value as? [String: Any], Set(span.keys).isSubset(of: ["from", "to", "words"]) else {
            throw Invalid(field: key, message: "An object with from, to (YYYY-MM-DD) and words.")
        }
        let inner = JSONReader(object: span)
        func day(_ part: String) throws(Invalid) -> CalendarDay? {
            guard let text = try inner.text(part) else { return nil }
            guard let day = CalendarDay(text: text) else {
                throw Invalid(field: "\(key).\(part)", message: "A day as YYYY-MM-DD.")
            }
            return day
        }
        let from = try day("from"), to = try day("to")
        if let from, let to, from > to { throw Invalid(field: "\(key).to", message: "Must not be before from.") }
        guard from != nil || to != nil else { throw Invalid(field: key, message: "Give from, to or both.") }
        let words = try inner.text("words")?.trimmingCharacters(in: .whitespaces) ?? ""
        guard words.count <= ParsedQuestion.longestWords else {
            throw Invalid(field: "\(key).words", message: "At most \(ParsedQuestion.longestWords) characters.")
        }
        let said =
            words.isEmpty
            ? [from.map { "from \($0.text)" }, to.map { "to \($0.text)" }].compactMap { $0 }.joined(separator: " ")
            : words
        return ParsedQuestion.Period(from: from, to: to, words: said)
    }
}
