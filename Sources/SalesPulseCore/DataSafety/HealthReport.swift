/// What a database check found: one entry per check, each with how many problems it counted
/// and a few of them described in words, so an admin reading it knows where to look.
public struct HealthReport: Sendable, Codable, Equatable {
    /// Problems described per check; the count still covers every one.
    public static let detailLimit = 5

    public struct Check: Sendable, Codable, Equatable {
        public let name: String
        public let title: String
        /// What to do when the check finds something.
        public let advice: String?
        public private(set) var problems: Int
        public private(set) var details: [String]
        /// Descriptions left out past the limit.
        public private(set) var unlisted: Int

        public init(name: String, title: String, advice: String? = nil) {
            self.name = name
            self.title = title
            self.advice = advice
            problems = 0
            details = []
            unlisted = 0
        }

        public var healthy: Bool { problems == 0 }

        /// Counts `count` problems under one description.
        public mutating func add(_ count: Int, _ description: String) {
            guard count > 0 else { return }
            problems += count
            if details.count < HealthReport.detailLimit { details.append(description) } else { unlisted += 1 }
        }
    }

    public private(set) var checks: [Check]

    public init(checks: [Check] = []) { self.checks = checks }

    public mutating func append(_ check: Check) { checks.append(check) }

    public var healthy: Bool { checks.allSatisfy(\.healthy) }
    public var problemCount: Int { checks.reduce(0) { $0 + $1.problems } }

    /// The closing sentence.
    public var verdict: String {
        if healthy { return checks.count == 1 ? "The check passed." : "All \(checks.count) checks passed." }
        let failing = checks.filter { !$0.healthy }.count
        let problems = problemCount == 1 ? "1 problem" : "\(problemCount) problems"
        return "\(problems) found in \(failing) of \(checks.count) checks."
    }

    /// The report as a person reads it in a terminal.
    public var text: String { (checks.flatMap(\.lines) + [verdict]).joined(separator: "\n") }
}

extension HealthReport.Check {
    /// The check's result as terminal lines: "ok" and its title, or what it found.
    public var lines: [String] {
        guard !healthy else { return ["ok       \(title)"] }
        var lines = ["PROBLEM  \(title): \(problems == 1 ? "1 problem" : "\(problems) problems")"]
        lines += details.map { "         - \($0)" }
        if unlisted > 0 { lines.append("         - and \(unlisted) more like these") }
        if let advice { lines.append("         \(advice)") }
        return lines
    }
}
