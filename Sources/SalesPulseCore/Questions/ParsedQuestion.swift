/// What a question in words asks for, as the parser understood it: which records, which
/// answer (a list, a count, a total, a breakdown), and the conditions. Names of people, teams,
/// regions and accounts stay as typed; the app resolves them against what the asker may see.
public struct ParsedQuestion: Sendable, Equatable {
    public enum Subject: String, Sendable, CaseIterable {
        case leads, contacts, accounts, opportunities, activities, tasks, sales, products
        /// The people who sell, and the teams they sell in: lists and counts only.
        case reps, teams

        /// "opportunities", "calls", "sales" as a person says it.
        public var words: String {
            switch self {
            case .opportunities: "deals"
            default: rawValue
            }
        }
    }

    public enum Grouping: String, Sendable, CaseIterable {
        case source, rep, stage, status, region, type, priority, month
    }

    public enum Answer: Sendable, Equatable {
        case list
        case count
        /// The sum of the records' money: revenue of sales, amount of deals, budget of leads.
        case total
        case average
        case grouped(Grouping)
        /// The first `count` groups by total money (by count where the records have none).
        case top(Int, Grouping)
        /// Won over won and lost, of deals closed in the period.
        case winRate
        /// Converted over all, of leads created in the period.
        case conversionRate
        /// One account's contacts, open deals, sales, last activities and open tasks.
        case summary
    }

    public enum Owner: Sendable, Equatable {
        case me
        /// A person's name as typed ("maria"); the app finds them among the users it may see.
        case named(String)
    }

    /// An inclusive range of days, and the words it was asked in ("this month").
    public struct Period: Sendable, Equatable {
        public let from: CalendarDay?
        public let to: CalendarDay?
        public let words: String

        public init(from: CalendarDay?, to: CalendarDay?, words: String) {
            self.from = from
            self.to = to
            self.words = words
        }
    }

    public var subject: Subject
    public var answer: Answer = .list
    public var owner: Owner?
    public var team: String?
    public var region: String?
    public var account: String?
    /// A product, or a product category, as typed: sales with a line of it, deals with a line in it.
    public var product: String?
    public var category: String?
    /// Record values of status (leads, tasks) or stage (deals); "open" deals are the open stages.
    public var states: [String] = []
    public var activityType: String?
    /// Tasks: low, normal, high or urgent.
    public var priority: String?
    public var source: String?
    public var amountAtLeast: Double?
    public var amountAtMost: Double?
    public var scoreAtLeast: Int?
    /// "top 5 deals": the largest few records.
    public var limit: Int?
    public var period: Period?
    /// "revenue this month vs last month": the second period, answered the same way.
    public var comparedWith: Period?
    /// For deals: whether the period is about when they close (expected or actual) rather than
    /// when they were created.
    public var byCloseDate = false
    /// Open deals with no change and no activity for a month.
    public var stalled = false
    /// Leads put aside until a later day, and only those.
    public var snoozed = false

    public init(subject: Subject) {
        self.subject = subject
    }
}
