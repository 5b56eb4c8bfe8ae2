import SalesPulseCore

/// More questions of the set: months, stalled and snoozed records, overdue deals, and the
/// everyday phrasings of managers, reps and admins.
extension QuestionParserTests {
    static let nextMonth = period("2027-01-01", "2027-01-31", "next month")
    static let lastYear = period("2025-01-01", "2025-12-31", "last year")
    static let overdue = period(nil, "2026-12-05", "overdue")

    static let moreCases: [(String, Q)] = [
        // by month
        (
            "revenue by month this year",
            q(.sales) {
                $0.answer = .grouped(.month); $0.period = thisYear
            }
        ),
        (
            "sales per month last year",
            q(.sales) {
                $0.answer = .grouped(.month); $0.period = lastYear
            }
        ),
        (
            "monthly revenue this year",
            q(.sales) {
                $0.answer = .grouped(.month); $0.period = thisYear
            }
        ),
        ("leads per month", q(.leads) { $0.answer = .grouped(.month) }),
        (
            "new leads by month this year",
            q(.leads) {
                $0.answer = .grouped(.month); $0.states = ["new"]; $0.period = thisYear
            }
        ),
        (
            "how many calls each month this year",
            q(.activities) {
                $0.answer = .grouped(.month); $0.activityType = "call"; $0.period = thisYear
            }
        ),
        (
            "won deals by month",
            q(.opportunities) {
                $0.answer = .grouped(.month); $0.states = ["closed_won"]; $0.byCloseDate = true
            }
        ),
        (
            "top 3 months by revenue this year",
            q(.sales) {
                $0.answer = .top(3, .month); $0.period = thisYear
            }
        ),
        (
            "pipeline by month this year",
            q(.opportunities) {
                $0.answer = .grouped(.month); $0.states = open; $0.period = thisYear; $0.byCloseDate = true
            }
        ),
        (
            "meetings by month for Anna",
            q(.activities) {
                $0.answer = .grouped(.month); $0.activityType = "meeting"; $0.owner = .named("anna")
            }
        ),
        // stalled, snoozed, overdue
        (
            "stalled deals",
            q(.opportunities) {
                $0.states = open; $0.stalled = true
            }
        ),
        (
            "stuck deals for team North",
            q(.opportunities) {
                $0.states = open; $0.stalled = true; $0.team = "north"
            }
        ),
        (
            "how many stalled deals",
            q(.opportunities) {
                $0.answer = .count; $0.states = open; $0.stalled = true
            }
        ),
        (
            "my stalled opportunities",
            q(.opportunities) {
                $0.states = open; $0.stalled = true; $0.owner = .me
            }
        ),
        (
            "stalled deals over 20k",
            q(.opportunities) {
                $0.states = open; $0.stalled = true; $0.amountAtLeast = 20_000
            }
        ),
        (
            "stalled deals by rep",
            q(.opportunities) {
                $0.answer = .grouped(.rep); $0.states = open; $0.stalled = true
            }
        ),
        (
            "total value of stalled deals",
            q(.opportunities) {
                $0.answer = .total; $0.states = open; $0.stalled = true
            }
        ),
        ("snoozed leads", q(.leads) { $0.snoozed = true }),
        (
            "my snoozed leads",
            q(.leads) {
                $0.snoozed = true; $0.owner = .me
            }
        ),
        (
            "how many snoozed leads",
            q(.leads) {
                $0.answer = .count; $0.snoozed = true
            }
        ),
        (
            "overdue deals",
            q(.opportunities) {
                $0.states = open; $0.period = overdue; $0.byCloseDate = true
            }
        ),
        (
            "my overdue deals",
            q(.opportunities) {
                $0.states = open; $0.period = overdue; $0.byCloseDate = true; $0.owner = .me
            }
        ),
        (
            "late opportunities by rep",
            q(.opportunities) {
                $0.answer = .grouped(.rep); $0.states = open; $0.period = overdue; $0.byCloseDate = true
            }
        ),
        (
            "overdue tasks for Omar",
            q(.tasks) {
                $0.states = ["open"]; $0.period = overdue; $0.owner = .named("omar")
            }
        ),
        (
            "how many overdue tasks",
            q(.tasks) {
                $0.answer = .count; $0.states = ["open"]; $0.period = overdue
            }
        ),
        (
            "urgent overdue tasks",
            q(.tasks) {
                $0.states = ["open"]; $0.period = overdue; $0.priority = "urgent"
            }
        ),
        // pipeline in a period is what closes in it
        (
            "pipeline this quarter",
            q(.opportunities) {
                $0.answer = .total; $0.states = open; $0.period = thisQuarter; $0.byCloseDate = true
            }
        ),
        (
            "pipeline next month",
            q(.opportunities) {
                $0.answer = .total; $0.states = open; $0.period = nextMonth; $0.byCloseDate = true
            }
        ),
        (
            "my pipeline this month",
            q(.opportunities) {
                $0.answer = .total; $0.states = open; $0.period = thisMonth; $0.byCloseDate = true; $0.owner = .me
            }
        ),
        (
            "pipeline by region this quarter",
            q(.opportunities) {
                $0.answer = .grouped(.region); $0.states = open; $0.period = thisQuarter; $0.byCloseDate = true
            }
        ),
        // everyday phrasings
        (
            "what deals close this week",
            q(.opportunities) {
                $0.states = open; $0.period = thisWeek; $0.byCloseDate = true
            }
        ),
        (
            "deals expected to close next month",
            q(.opportunities) {
                $0.states = open; $0.period = nextMonth; $0.byCloseDate = true
            }
        ),
        (
            "which deals did we win last month",
            q(.opportunities) {
                $0.states = ["closed_won"]; $0.period = lastMonth; $0.byCloseDate = true
            }
        ),
        (
            "lost deals this quarter",
            q(.opportunities) {
                $0.states = ["closed_lost"]; $0.period = thisQuarter; $0.byCloseDate = true
            }
        ),
        (
            "deals lost by rep this year",
            q(.opportunities) {
                $0.answer = .grouped(.rep); $0.states = ["closed_lost"]; $0.period = thisYear; $0.byCloseDate = true
            }
        ),
        (
            "how many deals did Maria win this year",
            q(.opportunities) {
                $0.answer = .count; $0.states = ["closed_won"]; $0.period = thisYear; $0.byCloseDate = true;
                $0.owner = .named("maria")
            }
        ),
        (
            "average sale last quarter",
            q(.sales) {
                $0.answer = .average; $0.period = lastQuarter
            }
        ),
        (
            "average deal size for team South",
            q(.opportunities) {
                $0.answer = .average; $0.team = "south"
            }
        ),
        (
            "revenue from referral this year",
            q(.sales) {
                $0.answer = .total; $0.source = "referral"; $0.period = thisYear
            }
        ),
        (
            "whatsapp leads this week",
            q(.leads) {
                $0.source = "whatsapp"; $0.period = thisWeek
            }
        ),
        (
            "telegram leads last month",
            q(.leads) {
                $0.source = "telegram_bot"; $0.period = lastMonth
            }
        ),
        (
            "instagram leads by rep",
            q(.leads) {
                $0.answer = .grouped(.rep); $0.source = "instagram_ads"
            }
        ),
        (
            "leads from the landing page today",
            q(.leads) {
                $0.source = "landing_page"; $0.period = period("2026-12-06", "2026-12-06", "today")
            }
        ),
        (
            "call tracking leads this month",
            q(.leads) {
                $0.source = "call_tracking"; $0.period = thisMonth
            }
        ),
        (
            "cold call leads by status",
            q(.leads) {
                $0.answer = .grouped(.status); $0.source = "cold_call"
            }
        ),
        (
            "lost leads last quarter",
            q(.leads) {
                $0.states = ["lost"]; $0.period = lastQuarter
            }
        ),
        (
            "converted leads this year",
            q(.leads) {
                $0.states = ["converted"]; $0.period = thisYear
            }
        ),
        (
            "qualified leads for Pedro",
            q(.leads) {
                $0.states = ["qualified"]; $0.owner = .named("pedro")
            }
        ),
        (
            "hot leads in region East",
            q(.leads) {
                $0.scoreAtLeast = 80; $0.region = "east"
            }
        ),
        (
            "leads with score over 60 this week",
            q(.leads) {
                $0.scoreAtLeast = 60; $0.period = thisWeek
            }
        ),
        (
            "how many hot leads do I have",
            q(.leads) {
                $0.answer = .count; $0.scoreAtLeast = 80; $0.owner = .me
            }
        ),
        (
            "visits this week",
            q(.activities) {
                $0.activityType = "visit"; $0.period = thisWeek
            }
        ),
        (
            "my visits today",
            q(.activities) {
                $0.activityType = "visit"; $0.owner = .me; $0.period = period("2026-12-06", "2026-12-06", "today")
            }
        ),
        (
            "emails sent yesterday",
            q(.activities) {
                $0.activityType = "email"; $0.period = period("2026-12-05", "2026-12-05", "yesterday")
            }
        ),
        (
            "meetings per rep last week",
            q(.activities) {
                $0.answer = .grouped(.rep); $0.activityType = "meeting"; $0.period = lastWeek
            }
        ),
        (
            "how many meetings did Lena hold this month",
            q(.activities) {
                $0.answer = .count; $0.activityType = "meeting"; $0.owner = .named("lena"); $0.period = thisMonth
            }
        ),
        (
            "activities by type this month",
            q(.activities) {
                $0.answer = .grouped(.type); $0.period = thisMonth
            }
        ),
        (
            "completed tasks this week",
            q(.tasks) {
                $0.states = ["done"]; $0.period = thisWeek
            }
        ),
        (
            "open tasks by priority",
            q(.tasks) {
                $0.answer = .grouped(.priority); $0.states = ["open"]
            }
        ),
        (
            "follow-ups due tomorrow",
            q(.tasks) {
                $0.states = ["open"]; $0.period = period("2026-12-07", "2026-12-07", "tomorrow")
            }
        ),
        (
            "my tasks due next week",
            q(.tasks) {
                $0.states = ["open"]; $0.owner = .me; $0.period = nextWeek
            }
        ),
        ("contacts at account Northwind", q(.contacts) { $0.account = "northwind" }),
        ("deals for account Globex", q(.opportunities) { $0.account = "globex" }),
        (
            "sales to customer Initech this year",
            q(.sales) {
                $0.account = "initech"; $0.period = thisYear
            }
        ),
        ("accounts by region", q(.accounts) { $0.answer = .grouped(.region) }),
        (
            "how many accounts for team North",
            q(.accounts) {
                $0.answer = .count; $0.team = "north"
            }
        ),
        (
            "deals between 5,000 and 20,000 closing this month",
            q(.opportunities) {
                $0.amountAtLeast = 5_000; $0.amountAtMost = 20_000; $0.states = open; $0.period = thisMonth;
                $0.byCloseDate = true
            }
        ),
        (
            "sales under 500 last month",
            q(.sales) {
                $0.amountAtMost = 500; $0.period = lastMonth
            }
        ),
        (
            "revenue in March",
            q(.sales) {
                $0.answer = .total; $0.period = period("2026-03-01", "2026-03-31", "in March")
            }
        ),
        (
            "revenue in Q2 2026 by region",
            q(.sales) {
                $0.answer = .grouped(.region); $0.period = period("2026-04-01", "2026-06-30", "Q2 2026")
            }
        ),
        (
            "revenue this month vs last month",
            q(.sales) {
                $0.answer = .total; $0.period = thisMonth; $0.comparedWith = lastMonth
            }
        ),
        (
            "how many leads this week compared with last week",
            q(.leads) {
                $0.answer = .count; $0.period = thisWeek; $0.comparedWith = lastWeek
            }
        ),
        (
            "win rate this year",
            q(.opportunities) {
                $0.answer = .winRate; $0.period = thisYear
            }
        ),
        (
            "my win rate last quarter",
            q(.opportunities) {
                $0.answer = .winRate; $0.owner = .me; $0.period = lastQuarter
            }
        ),
        (
            "lead conversion rate for team South this year",
            q(.leads) {
                $0.answer = .conversionRate; $0.team = "south"; $0.period = thisYear
            }
        ),
        (
            "summary of account Umbrella",
            q(.accounts) {
                $0.answer = .summary; $0.account = "umbrella"
            }
        ),
        (
            "tell me about Acme",
            q(.accounts) {
                $0.answer = .summary; $0.account = "acme"
            }
        ),
        (
            "top 5 reps by revenue this quarter",
            q(.sales) {
                $0.answer = .top(5, .rep); $0.period = thisQuarter
            }
        ),
        (
            "best 3 sources by revenue last year",
            q(.sales) {
                $0.answer = .top(3, .source); $0.period = lastYear
            }
        ),
        (
            "biggest 10 deals this quarter",
            q(.opportunities) {
                $0.limit = 10; $0.period = thisQuarter
            }
        ),
        ("sales since 15 November", q(.sales) { $0.period = period("2026-11-15", "2026-12-06", "since 2026-11-15") }),
        ("leads in the last 90 days", q(.leads) { $0.period = period("2026-09-08", "2026-12-06", "the last 90 days") }),
        (
            "oportunities closing next week",
            q(.opportunities) {
                $0.states = open; $0.period = nextWeek; $0.byCloseDate = true
            }
        ),
        // products and categories
        ("products", q(.products)),
        ("how many products", q(.products) { $0.answer = .count }),
        ("products in category Software", q(.products) { $0.category = "software" }),
        ("products over 1000", q(.products) { $0.amountAtLeast = 1_000 }),
        (
            "sales of product Pulse CRM seat last month",
            q(.sales) {
                $0.product = "pulse crm seat"; $0.period = lastMonth
            }
        ),
        (
            "revenue from product Onboarding package this year",
            q(.sales) {
                $0.answer = .total; $0.product = "onboarding package"; $0.period = thisYear
            }
        ),
        (
            "revenue in category Services this quarter",
            q(.sales) {
                $0.answer = .total; $0.category = "services"; $0.period = thisQuarter
            }
        ),
        (
            "open deals in the Hardware category",
            q(.opportunities) {
                $0.states = open; $0.category = "hardware"
            }
        ),
        (
            "sales by rep for product Analytics add-on",
            q(.sales) {
                $0.answer = .grouped(.rep); $0.product = "analytics add-on"
            }
        ),
        // the people who sell
        ("list reps", q(.reps)),
        ("reps in team North", q(.reps) { $0.team = "north" }),
        ("how many reps", q(.reps) { $0.answer = .count }),
        ("which salespeople are in the South team", q(.reps) { $0.team = "south" }),
        ("teams", q(.teams)),
        ("how many teams", q(.teams) { $0.answer = .count }),
        ("Leads", q(.leads)),
        (
            "DEALS WON THIS MONTH",
            q(.opportunities) {
                $0.states = ["closed_won"]; $0.period = thisMonth; $0.byCloseDate = true
            }
        ),
    ]
}
