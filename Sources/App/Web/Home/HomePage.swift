import Fluent
import Foundation
import SalesPulseCore
import SQLKit
import Vapor

/// Home is a to-do list first: today's and overdue work with one-click actions, then what a
/// person needs to sell today (hot leads, their pipeline, progress to target). Managers also
/// see who is at risk, what is stuck and which leads are kept waiting; admins what needs
/// attention.
struct HomePage: Encodable {
    struct Stage: Encodable {
        let label: String
        let tone: String
        let count: Int
        let total: String
        let href: String
    }

    struct Lead: Encodable {
        let name: String
        let company: String
        let score: Int64
        let href: String
    }

    struct Agent: Encodable {
        let name: String
        let href: String
        let progress: String
        let progressPercent: Int
        let risk: String
        let missChance: String
    }

    struct Attention: Encodable {
        let text: String
        let href: String?
        let tone: String
    }

    let title = "Home"
    let nav: Navigation
    let firstName: String
    let today: String
    let message: String?
    /// Where the one-click actions return to.
    let back = "/"
    let overdue: [WorkList.Item]
    let dueToday: [WorkList.Item]
    let hasWork: Bool
    let hotLeads: [Lead]
    let pipeline: [Stage]
    let pipelineTitle: String
    let pipelineTotal: String
    let target: Agent?
    let expectedPercent: Int
    let isManager: Bool
    let team: [Agent]
    let stalledCount: Int
    let stalledHref: String
    /// The person's own new leads with nothing logged yet.
    let toAnswer: LeadsToAnswer
    /// Leads kept waiting, for managers and admins; nil for reps.
    let waiting: WaitingLeads?
    let isAdmin: Bool
    let attention: [Attention]
    /// Leaf cannot ask an array whether it is empty, so the page says so.
    var hasOverdue = false, hasDueToday = false, hasHotLeads = false, hasTeam = false

    static func make(_ req: Request) async throws -> HomePage {
        let user = try req.requireUser()
        let actor = try await req.actor()
        let userID = try user.requireID()
        let work = try await WorkList.load(req, personID: userID, actor: actor)
        let month = MonthSpan(containing: req.now)
        let report = try await AgentPerformanceReport.make(db: req.db, actor: actor, month: month, now: req.now)
        let agents = report.rows.map(agent)
        let daysElapsed = Calendar(identifier: .gregorian).component(.day, from: req.now)
        var stalled = 0
        if actor.role != .rep {
            let service = try await AnalyticsService(req: req)
            stalled = try await service.stalledDealCount(
                AnalyticsFilter(parameters: [:], today: CalendarDay(containing: req.now)))
        }
        let (pipeline, pipelineTotal) = try await self.pipeline(
            req, actor: actor, ownerID: actor.role == .rep ? userID : nil)
        var page = HomePage(
            nav: try req.navigation(), firstName: String(user.name.split(separator: " ").first ?? ""),
            today: dayTitle(req.now), message: req.query[String.self, at: "message"],
            overdue: work.overdue, dueToday: work.today, hasWork: !(work.overdue.isEmpty && work.today.isEmpty),
            hotLeads: try await hotLeads(req, actor: actor, ownerID: userID),
            pipeline: pipeline,
            pipelineTitle: ["rep": "My pipeline", "manager": "Team pipeline"][actor.role.rawValue]
                ?? "Company pipeline",
            pipelineTotal: pipelineTotal,
            target: report.rows.first { $0.agent.id == userID }.map(agent),
            expectedPercent: Int((Double(daysElapsed) / Double(month.dayCount) * 100).rounded()),
            isManager: actor.role == .manager || actor.role == .admin,
            team: actor.role == .rep ? [] : Array(agents.sorted { $0.progressPercent < $1.progressPercent }.prefix(12)),
            stalledCount: stalled, stalledHref: "/dashboards/pipeline#stalled-deals",
            toAnswer: try await LeadsToAnswer.load(req, actor: actor, ownerID: userID),
            waiting: actor.role == .manager || actor.role == .admin
                ? try await WaitingLeads.load(req, actor: actor) : nil,
            isAdmin: actor.role == .admin, attention: actor.role == .admin ? try await attention(req) : [])
        page.hasOverdue = !page.overdue.isEmpty
        page.hasDueToday = !page.dueToday.isEmpty
        page.hasHotLeads = !page.hotLeads.isEmpty
        page.hasTeam = !page.team.isEmpty
        return page
    }

    private static func agent(_ row: AgentPerformanceReport.Row) -> Agent {
        Agent(
            name: row.agent.name, href: "/agents/\(row.agent.id?.uuidString ?? "")",
            progress:
                "\(RecordDisplay.money(row.performance.activity.salesCents)) of \(RecordDisplay.money(row.agent.monthlyTargetCents))",
            progressPercent: min(100, Int((row.progress * 100).rounded())), risk: row.risk?.rawValue ?? "",
            missChance: row.missProbability.map { "\(Int(($0 * 100).rounded()))% chance of missing" }
                ?? (row.prediction ?? ""))
    }

    private static func hotLeads(_ req: Request, actor: Actor, ownerID: UUID) async throws -> [Lead] {
        var query = try RecordListQuery(
            spec: .leads, sort: "-score", limit: 5,
            conditions: [
                .equals(column: "owner_id", values: [.uuid(ownerID)]),
                .equals(column: "status", values: LeadStatus.allCases.filter(\.isOpen).map { .text($0.rawValue) }),
            ])
        query.includeSnoozed = false
        return try await RecordLister(spec: .leads, db: req.db).page(query, actor: actor, now: req.now).items.map {
            Lead(
                name: $0[.name].text ?? "—", company: $0[.company].text ?? "", score: $0[.score].int ?? 0,
                href: "/leads/\($0.id)")
        }
    }

    /// Open deals per stage: a rep's own; for everyone else, all the deals they may see.
    private static func pipeline(_ req: Request, actor: Actor, ownerID: UUID?) async throws -> ([Stage], String) {
        var query = try RecordListQuery(spec: .opportunities, sort: "name", limit: 1)
        if let ownerID { query.conditions.append(.equals(column: "owner_id", values: [.uuid(ownerID)])) }
        let totals = try await RecordLister(spec: .opportunities, db: req.db)
            .totals(query, actor: actor, now: req.now, groupedBy: "stage", summing: "amount")
        let open = OpportunityStage.allCases.filter { ![.closedWon, .closedLost].contains($0) }
        let stages = open.map { stage in
            let total = totals[stage.rawValue] ?? (0, 0)
            return Stage(
                label: FieldLabel.value(stage.rawValue), tone: Badge.tone(ofChoice: stage.rawValue), count: total.count,
                total: RecordDisplay.money(total.sum),
                href: URLQuery.path("/opportunities", ["stage": stage.rawValue, "ownerId": ownerID?.uuidString ?? ""]))
        }
        return (stages, RecordDisplay.money(open.reduce(0) { $0 + (totals[$1.rawValue]?.sum ?? 0) }))
    }

    /// What an admin should look at: locked sign-ins, models still on the starter heuristic,
    /// records nobody owns.
    private static func attention(_ req: Request) async throws -> [Attention] {
        var items: [Attention] = []
        let locked = try await LoginThrottle.query(on: req.db).filter(\.$lockedUntil > req.now).count()
        let failing = try await LoginThrottle.query(on: req.db).filter(\.$failures > 0).count()
        if locked > 0 {
            items.append(
                Attention(
                    text: "\(locked) sign-in\(locked == 1 ? " is" : "s are") locked after repeated failures", href: nil,
                    tone: "tone-overdue"))
        }
        if failing > locked {
            items.append(
                Attention(
                    text:
                        "\(failing - locked) address\(failing - locked == 1 ? " has" : "es have") recent failed sign-ins",
                    href: nil, tone: "tone-warning"))
        }
        let registry = ModelRegistry(db: req.db)
        for kind in ModelKind.allCases {
            if let active = try await registry.active(kind) {
                items.append(
                    Attention(
                        text: "\(kind.label): version \(active.version) in use", href: "/models", tone: "tone-done"))
            } else {
                items.append(Attention(text: "\(kind.label): not trained yet", href: "/models", tone: "tone-warning"))
            }
        }
        let sql = req.db.sql
        for (table, label, href) in [
            ("leads", "leads", "/leads"), ("accounts", "accounts", "/accounts"),
            ("opportunities", "deals", "/opportunities"),
        ] {
            let row = try await sql.raw(
                "SELECT COUNT(*) AS \(ident: "n") FROM \(ident: table) WHERE \(ident: "owner_id") IS NULL"
            ).first()
            let count = try row?.decode(column: "n", as: Int.self) ?? 0
            if count > 0 {
                items.append(Attention(text: "\(count) \(label) have no owner", href: href, tone: "tone-warning"))
            }
        }
        return items
    }
}

extension HomePage {
    /// "Sunday 29 November".
    static func dayTitle(_ date: Date) -> String {
        let calendar = PageDate.calendar
        let parts = calendar.dateComponents([.weekday, .day, .month], from: date)
        let weekdays = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]
        return
            "\(weekdays[(parts.weekday ?? 1) - 1]) \(parts.day ?? 1) \(CalendarDay.monthNames[(parts.month ?? 1) - 1])"
    }
}
