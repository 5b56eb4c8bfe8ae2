import SalesPulseCore
import Testing

/// Questions a sales team types, each with the structured query it must become. Sunday
/// 6 December 2026 is "today".
@Suite struct QuestionParserTests {
    typealias Q = ParsedQuestion
    static let today = CalendarDay(year: 2026, month: 12, day: 6)!

    static func day(_ text: String) -> CalendarDay { CalendarDay(text: text)! }
    static func period(_ from: String?, _ to: String?, _ words: String) -> Q.Period {
        Q.Period(from: from.map(day), to: to.map(day), words: words)
    }

    static let open = ["prospecting", "qualification", "proposal", "negotiation"]
    static let thisMonth = period("2026-12-01", "2026-12-31", "this month")
    static let lastMonth = period("2026-11-01", "2026-11-30", "last month")
    static let lastQuarter = period("2026-07-01", "2026-09-30", "last quarter")
    static let thisQuarter = period("2026-10-01", "2026-12-31", "this quarter")
    static let thisWeek = period("2026-11-30", "2026-12-06", "this week")
    static let nextWeek = period("2026-12-07", "2026-12-13", "next week")
    static let lastWeek = period("2026-11-23", "2026-11-29", "last week")
    static let thisYear = period("2026-01-01", "2026-12-31", "this year")

    static func q(_ subject: Q.Subject, _ build: (inout Q) -> Void = { _ in }) -> Q {
        var question = Q(subject: subject)
        build(&question)
        return question
    }

    static let cases: [(String, Q)] = [
        // lists
        (
            "opportunities closing this month",
            q(.opportunities) {
                $0.states = open; $0.period = thisMonth; $0.byCloseDate = true
            }
        ),
        (
            "deals closing next week",
            q(.opportunities) {
                $0.states = open; $0.period = nextWeek; $0.byCloseDate = true
            }
        ),
        (
            "show my open deals",
            q(.opportunities) {
                $0.states = open; $0.owner = .me
            }
        ),
        ("my leads", q(.leads) { $0.owner = .me }),
        (
            "my new leads",
            q(.leads) {
                $0.owner = .me; $0.states = ["new"]
            }
        ),
        (
            "qualified leads this week",
            q(.leads) {
                $0.states = ["qualified"]; $0.period = thisWeek
            }
        ),
        (
            "leads from the website last month",
            q(.leads) {
                $0.source = "website"; $0.period = lastMonth
            }
        ),
        ("referral leads", q(.leads) { $0.source = "referral" }),
        ("leads from trade show", q(.leads) { $0.source = "trade_show" }),
        (
            "cold call leads this year",
            q(.leads) {
                $0.source = "cold_call"; $0.period = thisYear
            }
        ),
        ("hot leads", q(.leads) { $0.scoreAtLeast = 80 }),
        ("leads with score above 70", q(.leads) { $0.scoreAtLeast = 70 }),
        (
            "lost leads last quarter",
            q(.leads) {
                $0.states = ["lost"]; $0.period = lastQuarter
            }
        ),
        (
            "converted leads in March",
            q(.leads) {
                $0.states = ["converted"]; $0.period = period("2026-03-01", "2026-03-31", "in March")
            }
        ),
        (
            "pending tasks for Maria",
            q(.tasks) {
                $0.states = ["open"]; $0.owner = .named("maria")
            }
        ),
        (
            "my overdue tasks",
            q(.tasks) {
                $0.states = ["open"]; $0.owner = .me; $0.period = period(nil, "2026-12-05", "overdue")
            }
        ),
        (
            "overdue follow-ups",
            q(.tasks) {
                $0.states = ["open"]; $0.period = period(nil, "2026-12-05", "overdue")
            }
        ),
        (
            "completed tasks yesterday",
            q(.tasks) {
                $0.states = ["done"]; $0.period = period("2026-12-05", "2026-12-05", "yesterday")
            }
        ),
        (
            "tasks due tomorrow",
            q(.tasks) {
                $0.states = ["open"]; $0.period = period("2026-12-07", "2026-12-07", "tomorrow")
            }
        ),
        (
            "calls today",
            q(.activities) {
                $0.activityType = "call"; $0.period = period("2026-12-06", "2026-12-06", "today")
            }
        ),
        (
            "my meetings this week",
            q(.activities) {
                $0.activityType = "meeting"; $0.owner = .me; $0.period = thisWeek
            }
        ),
        (
            "visits last week",
            q(.activities) {
                $0.activityType = "visit"; $0.period = lastWeek
            }
        ),
        (
            "emails sent in the last 30 days",
            q(.activities) {
                $0.activityType = "email"; $0.period = period("2026-11-07", "2026-12-06", "the last 30 days")
            }
        ),
        ("deals over 10k", q(.opportunities) { $0.amountAtLeast = 10_000 }),
        (
            "deals between 5,000 and 20,000",
            q(.opportunities) {
                $0.amountAtLeast = 5_000; $0.amountAtMost = 20_000
            }
        ),
        (
            "open deals under $2,500",
            q(.opportunities) {
                $0.states = open; $0.amountAtMost = 2_500
            }
        ),
        (
            "deals worth more than 50000 closing this quarter",
            q(.opportunities) {
                $0.states = open; $0.amountAtLeast = 50_000; $0.period = thisQuarter; $0.byCloseDate = true;
                $0.answer = .total
            }
        ),
        (
            "won deals last month",
            q(.opportunities) {
                $0.states = ["closed_won"]; $0.period = lastMonth; $0.byCloseDate = true
            }
        ),
        (
            "deals lost this year",
            q(.opportunities) {
                $0.states = ["closed_lost"]; $0.period = thisYear; $0.byCloseDate = true
            }
        ),
        ("deals in negotiation", q(.opportunities) { $0.states = ["negotiation"] }),
        (
            "proposal stage deals for team North",
            q(.opportunities) {
                $0.states = ["proposal"]; $0.team = "north"
            }
        ),
        ("top 5 deals", q(.opportunities) { $0.limit = 5 }),
        ("sales since 1 October", q(.sales) { $0.period = period("2026-10-01", "2026-12-06", "since 2026-10-01") }),
        ("sales before 2026-10-15", q(.sales) { $0.period = period(nil, "2026-10-14", "before 2026-10-15") }),
        ("sales in Q3 2026", q(.sales) { $0.period = period("2026-07-01", "2026-09-30", "Q3 2026") }),
        ("accounts in region West", q(.accounts) { $0.region = "west" }),
        ("customers in the South region", q(.accounts) { $0.region = "south" }),
        ("contacts at account Acme", q(.contacts) { $0.account = "acme" }),
        (
            "open deals for account Kestrel Labs",
            q(.opportunities) {
                $0.states = open; $0.account = "kestrel labs"
            }
        ),
        ("new contacts this month", q(.contacts) { $0.period = thisMonth }),
        // counts
        (
            "how many leads this month",
            q(.leads) {
                $0.answer = .count; $0.period = thisMonth
            }
        ),
        (
            "how many deals did we win last quarter",
            q(.opportunities) {
                $0.answer = .count; $0.states = ["closed_won"]; $0.period = lastQuarter; $0.byCloseDate = true
            }
        ),
        (
            "number of calls this week",
            q(.activities) {
                $0.answer = .count; $0.activityType = "call"; $0.period = thisWeek
            }
        ),
        (
            "how many open tasks do I have",
            q(.tasks) {
                $0.answer = .count; $0.states = ["open"]; $0.owner = .me
            }
        ),
        (
            "count of new leads from instagram",
            q(.leads) {
                $0.answer = .count; $0.states = ["new"]; $0.source = "instagram_ads"
            }
        ),
        (
            "how many meetings did Ivan hold last month",
            q(.activities) {
                $0.answer = .count; $0.activityType = "meeting"; $0.owner = .named("ivan"); $0.period = lastMonth
            }
        ),
        // totals and averages
        (
            "revenue this month",
            q(.sales) {
                $0.answer = .total; $0.period = thisMonth
            }
        ),
        (
            "total revenue last year",
            q(.sales) {
                $0.answer = .total; $0.period = period("2025-01-01", "2025-12-31", "last year")
            }
        ),
        (
            "my pipeline",
            q(.opportunities) {
                $0.answer = .total; $0.states = open; $0.owner = .me
            }
        ),
        (
            "pipeline value for team East",
            q(.opportunities) {
                $0.answer = .total; $0.states = open; $0.team = "east"
            }
        ),
        (
            "total value of won deals this year",
            q(.opportunities) {
                $0.answer = .total; $0.states = ["closed_won"]; $0.period = thisYear; $0.byCloseDate = true
            }
        ),
        ("average deal size", q(.opportunities) { $0.answer = .average }),
        (
            "average sale last quarter",
            q(.sales) {
                $0.answer = .average; $0.period = lastQuarter
            }
        ),
        (
            "win rate this quarter",
            q(.opportunities) {
                $0.answer = .winRate; $0.period = thisQuarter
            }
        ),
        (
            "my win rate",
            q(.opportunities) {
                $0.answer = .winRate; $0.owner = .me
            }
        ),
        (
            "lead conversion rate last month",
            q(.leads) {
                $0.answer = .conversionRate; $0.period = lastMonth
            }
        ),
        (
            "conversion rate for website leads",
            q(.leads) {
                $0.answer = .conversionRate; $0.source = "website"
            }
        ),
        // breakdowns
        (
            "leads by source last quarter",
            q(.leads) {
                $0.answer = .grouped(.source); $0.period = lastQuarter
            }
        ),
        (
            "pipeline by stage for team North",
            q(.opportunities) {
                $0.answer = .grouped(.stage); $0.states = open; $0.team = "north"
            }
        ),
        (
            "revenue by rep this year",
            q(.sales) {
                $0.answer = .grouped(.rep); $0.period = thisYear
            }
        ),
        (
            "revenue per region last month",
            q(.sales) {
                $0.answer = .grouped(.region); $0.period = lastMonth
            }
        ),
        ("deals by owner", q(.opportunities) { $0.answer = .grouped(.rep) }),
        ("tasks by priority", q(.tasks) { $0.answer = .grouped(.priority) }),
        (
            "activities by type this week",
            q(.activities) {
                $0.answer = .grouped(.type); $0.period = thisWeek
            }
        ),
        ("leads by status", q(.leads) { $0.answer = .grouped(.status) }),
        (
            "top 5 reps by revenue this quarter",
            q(.sales) {
                $0.answer = .top(5, .rep); $0.period = thisQuarter
            }
        ),
        ("top 3 sources of leads", q(.leads) { $0.answer = .top(3, .source) }),
        (
            "best regions by revenue last year",
            q(.sales) {
                $0.answer = .top(5, .region); $0.period = period("2025-01-01", "2025-12-31", "last year")
            }
        ),
        // typos, accents, plurals
        (
            "oportunities closing this month",
            q(.opportunities) {
                $0.states = open; $0.period = thisMonth; $0.byCloseDate = true
            }
        ),
        (
            "pending tasks for Mría",
            q(.tasks) {
                $0.states = ["open"]; $0.owner = .named("mria")
            }
        ),
        ("laeds from referal", q(.leads) { $0.source = "referral" }),
        (
            "Opportunity closing in January 2027",
            q(.opportunities) {
                $0.states = open; $0.period = period("2027-01-01", "2027-01-31", "in January 2027");
                $0.byCloseDate = true
            }
        ),
        ("Maria's deals", q(.opportunities) { $0.owner = .named("maria") }),
        ("deals for Carlos Muller", q(.opportunities) { $0.owner = .named("carlos muller") }),
        // comparisons and summaries
        (
            "revenue this month vs last month",
            q(.sales) {
                $0.answer = .total; $0.period = thisMonth; $0.comparedWith = lastMonth
            }
        ),
        (
            "how many leads this week compared to last week",
            q(.leads) {
                $0.answer = .count; $0.period = thisWeek; $0.comparedWith = lastWeek
            }
        ),
        (
            "won deals this quarter versus last quarter",
            q(.opportunities) {
                $0.states = ["closed_won"]; $0.period = thisQuarter; $0.comparedWith = lastQuarter;
                $0.byCloseDate = true
            }
        ),
        (
            "summary of account Acme",
            q(.accounts) {
                $0.answer = .summary; $0.account = "acme"
            }
        ),
        (
            "account summary Kestrel Labs",
            q(.accounts) {
                $0.answer = .summary; $0.account = "kestrel labs"
            }
        ),
        (
            "tell me about account Ironbridge Foods",
            q(.accounts) {
                $0.answer = .summary; $0.account = "ironbridge foods"
            }
        ),
        (
            "overview of Brookline Textiles",
            q(.accounts) {
                $0.answer = .summary; $0.account = "brookline textiles"
            }
        ),
        // more lists a team types
        ("list all leads", q(.leads)),
        ("show deals", q(.opportunities)),
        ("which deals are in proposal", q(.opportunities) { $0.states = ["proposal"] }),
        (
            "what are my tasks today",
            q(.tasks) {
                $0.owner = .me; $0.period = period("2026-12-06", "2026-12-06", "today")
            }
        ),
        ("tasks for this week", q(.tasks) { $0.period = thisWeek }),
        ("high priority tasks", q(.tasks) { $0.priority = "high" }),
        (
            "my urgent tasks due this week",
            q(.tasks) {
                $0.priority = "urgent"; $0.owner = .me; $0.states = ["open"]; $0.period = thisWeek
            }
        ),
        (
            "my calls yesterday",
            q(.activities) {
                $0.activityType = "call"; $0.owner = .me; $0.period = period("2026-12-05", "2026-12-05", "yesterday")
            }
        ),
        (
            "meetings next week",
            q(.activities) {
                $0.activityType = "meeting"; $0.period = nextWeek
            }
        ),
        (
            "activities for Ivan this month",
            q(.activities) {
                $0.owner = .named("ivan"); $0.period = thisMonth
            }
        ),
        ("contacts owned by Sofia", q(.contacts) { $0.owner = .named("sofia") }),
        ("accounts for team South", q(.accounts) { $0.team = "south" }),
        (
            "new leads from whatsapp this week",
            q(.leads) {
                $0.states = ["new"]; $0.source = "whatsapp"; $0.period = thisWeek
            }
        ),
        (
            "leads from telegram in the last 7 days",
            q(.leads) {
                $0.source = "telegram_bot"; $0.period = period("2026-11-30", "2026-12-06", "the last 7 days")
            }
        ),
        (
            "leads from landing page last month",
            q(.leads) {
                $0.source = "landing_page"; $0.period = lastMonth
            }
        ),
        ("social media leads", q(.leads) { $0.source = "social_media" }),
        (
            "call tracking leads this quarter",
            q(.leads) {
                $0.source = "call_tracking"; $0.period = thisQuarter
            }
        ),
        ("contacted leads", q(.leads) { $0.states = ["contacted"] }),
        (
            "open leads for Maria",
            q(.leads) {
                $0.states = ["new", "contacted", "qualified"]; $0.owner = .named("maria")
            }
        ),
        ("leads with a score of at least 90", q(.leads) { $0.scoreAtLeast = 90 }),
        ("deals above 100k", q(.opportunities) { $0.amountAtLeast = 100_000 }),
        ("deals less than 1000", q(.opportunities) { $0.amountAtMost = 1_000 }),
        ("deals at least 25k", q(.opportunities) { $0.amountAtLeast = 25_000 }),
        (
            "sales over 5000 this year",
            q(.sales) {
                $0.amountAtLeast = 5_000; $0.period = thisYear
            }
        ),
        ("sales last week", q(.sales) { $0.period = lastWeek }),
        ("sales yesterday", q(.sales) { $0.period = period("2026-12-05", "2026-12-05", "yesterday") }),
        ("orders this month", q(.sales) { $0.period = thisMonth }),
        (
            "deals closing before 2027-01-15",
            q(.opportunities) {
                $0.states = open; $0.period = period(nil, "2027-01-14", "before 2027-01-15"); $0.byCloseDate = true
            }
        ),
        (
            "deals closing after 1 January 2027",
            q(.opportunities) {
                $0.states = open; $0.period = period("2027-01-02", nil, "after 2027-01-01"); $0.byCloseDate = true
            }
        ),
        ("leads since October 1", q(.leads) { $0.period = period("2026-10-01", "2026-12-06", "since 2026-10-01") }),
        ("leads created in 2025", q(.leads) { $0.period = period("2025-01-01", "2025-12-31", "in 2025") }),
        ("deals in Q1", q(.opportunities) { $0.period = period("2026-01-01", "2026-03-31", "Q1 2026") }),
        (
            "sales in the past 3 months",
            q(.sales) { $0.period = period("2026-09-08", "2026-12-06", "the last 3 months") }
        ),
        ("leads in the last 2 weeks", q(.leads) { $0.period = period("2026-11-23", "2026-12-06", "the last 2 weeks") }),
        (
            "deals closing in the next 30 days",
            q(.opportunities) {
                $0.states = open; $0.period = period("2026-12-06", "2027-01-04", "the next 30 days");
                $0.byCloseDate = true
            }
        ),
        // more counts and figures
        ("how many customers do we have", q(.accounts) { $0.answer = .count }),
        (
            "how many contacts at account Acme",
            q(.contacts) {
                $0.answer = .count; $0.account = "acme"
            }
        ),
        (
            "number of won deals this year",
            q(.opportunities) {
                $0.answer = .count; $0.states = ["closed_won"]; $0.period = thisYear; $0.byCloseDate = true
            }
        ),
        (
            "how many visits did I make this week",
            q(.activities) {
                $0.answer = .count; $0.activityType = "visit"; $0.owner = .me; $0.period = thisWeek
            }
        ),
        (
            "total pipeline",
            q(.opportunities) {
                $0.answer = .total; $0.states = open
            }
        ),
        (
            "sum of sales this quarter",
            q(.sales) {
                $0.answer = .total; $0.period = thisQuarter
            }
        ),
        (
            "average deal size this year",
            q(.opportunities) {
                $0.answer = .average; $0.period = thisYear
            }
        ),
        (
            "revenue for Ivan last month",
            q(.sales) {
                $0.answer = .total; $0.owner = .named("ivan"); $0.period = lastMonth
            }
        ),
        (
            "my revenue this year",
            q(.sales) {
                $0.answer = .total; $0.owner = .me; $0.period = thisYear
            }
        ),
        (
            "win rate for team North last quarter",
            q(.opportunities) {
                $0.answer = .winRate; $0.team = "north"; $0.period = lastQuarter
            }
        ),
        (
            "conversion rate this year",
            q(.leads) {
                $0.answer = .conversionRate; $0.period = thisYear
            }
        ),
        // more breakdowns
        (
            "sales by region this year",
            q(.sales) {
                $0.answer = .grouped(.region); $0.period = thisYear
            }
        ),
        ("deals by stage", q(.opportunities) { $0.answer = .grouped(.stage) }),
        (
            "open deals per rep",
            q(.opportunities) {
                $0.answer = .grouped(.rep); $0.states = open
            }
        ),
        (
            "calls per rep this week",
            q(.activities) {
                $0.answer = .grouped(.rep); $0.activityType = "call"; $0.period = thisWeek
            }
        ),
        (
            "leads by owner this month",
            q(.leads) {
                $0.answer = .grouped(.rep); $0.period = thisMonth
            }
        ),
        ("leads by region", q(.leads) { $0.answer = .grouped(.region) }),
        ("tasks by status", q(.tasks) { $0.answer = .grouped(.status) }),
        ("top 10 reps by revenue", q(.sales) { $0.answer = .top(10, .rep) }),
        (
            "top 3 regions by pipeline",
            q(.opportunities) {
                $0.answer = .top(3, .region); $0.states = open
            }
        ),
        (
            "best sources of leads last year",
            q(.leads) {
                $0.answer = .top(5, .source); $0.period = period("2025-01-01", "2025-12-31", "last year")
            }
        ),
    ]

    @Test func everyQuestionOfTheSetReadsAsExpected() {
        let parser = QuestionParser(today: Self.today)
        var misses: [String] = []
        let all = Self.cases + Self.moreCases
        var took: [Duration] = []
        for (text, expected) in all {
            let clock = ContinuousClock()
            let started = clock.now
            let parsed = parser.parse(text).question
            took.append(clock.now - started)
            if parsed != expected {
                misses.append("\(text)\n  got      \(String(describing: parsed))\n  expected \(expected)")
            }
        }
        let right = all.count - misses.count
        took.sort()
        print(
            "Question parser: \(right) of \(all.count) questions read exactly as expected;",
            "parse p50 \(took[took.count / 2]), p99 \(took[took.count * 99 / 100])")
        #expect(misses.isEmpty, "\(misses.joined(separator: "\n"))")
    }

    /// A question changed through its chips is shown and kept as words; they must read back
    /// as the same question.
    @Test func everyQuestionSaidBackReadsTheSame() {
        let parser = QuestionParser(today: Self.today)
        var misses: [String] = []
        for (_, question) in Self.cases + Self.moreCases {
            let parsed = parser.parse(question.phrase).question
            if parsed != question {
                misses.append("\(question.phrase)\n  got      \(String(describing: parsed))\n  expected \(question)")
            }
        }
        #expect(misses.isEmpty, "\(misses.count) differ:\n\(misses.joined(separator: "\n"))")
    }

    @Test func everyQuestionKeepsItsShapeAsJSON() throws {
        for (_, question) in Self.cases + Self.moreCases {
            #expect(try ParsedQuestion(json: question.json) == question, "\(question)")
        }
    }

    @Test func nonsenseIsNotAQuestion() {
        let parser = QuestionParser(today: Self.today)
        for text in ["hello", "what is the weather", "", "asdf qwer"] {
            #expect(parser.parse(text).question == nil, "\(text)")
        }
    }

    @Test func outlandishNumbersAreNotReadAsFigures() {
        let parser = QuestionParser(today: Self.today)
        for text in [
            "deals over 1e400", "deals over 99999999999999999999", "leads in the last 999999999999999999 days",
            "top -1 reps by revenue", "top 0 deals", "deals over nan", "score above 1e300 leads",
        ] {
            let question = parser.parse(text).question
            #expect(
                question?.amountAtLeast == nil && question?.scoreAtLeast == nil && question?.limit == nil, "\(text)")
            #expect(question?.period == nil, "\(text)")
        }
        #expect(QuestionWords.amount("1e400") == nil && QuestionWords.amount("-5") == nil)
    }

    @Test func typosWithinReachAreForgiven() {
        #expect(QuestionWords.editDistance("oportunities", "opportunities") == 1)
        #expect(QuestionWords.editDistance("laeds", "leads") == 1)
        #expect(QuestionWords.matches("opportunites", "opportunity"))
        #expect(!QuestionWords.matches("lead", "load"), "short words must match exactly")
        #expect(QuestionWords.amount("10k") == 10_000 && QuestionWords.amount("$2,500") == 2_500)
    }
}
