import Fluent
import Foundation
import SalesPulseCore
import SQLKit
import Vapor

/// The context of a record page: its fields, related records, a timeline and quick actions.
struct RecordShowPage: Encodable {
    struct Fact: Encodable {
        let label: String
        let text: String
        let href: String?
    }

    struct Link: Encodable {
        let text: String
        /// nil for a linked row the viewer may not open.
        let href: String?
        var detail = ""
    }

    struct TimelineItem: Encodable {
        let when: String
        let kind: String
        let title: String
        let detail: String
        let href: String?
        let sortKey: Double
    }

    struct StageStep: Encodable {
        let value: String
        let label: String
        let state: String
        let canMove: Bool
    }

    struct Line: Encodable {
        let id: String
        let product: String
        let quantity: Int64
        let unitPrice: String
        let total: String
    }

    let title: String
    let nav: Navigation
    let path: String
    let id: String
    let facts: [Fact]
    let badges: [Badge]
    let timeline: [TimelineItem]
    let canEdit: Bool
    let canDelete: Bool
    let linkField: String?
    let isLead: Bool
    let isOpenLead: Bool
    let parents: [Link]
    let children: [Link]
    let reportsTo: [Link]
    let directReports: [Link]
    let lines: [Line]
    let linesTotal: String
    let products: [FormField.Option]
    let calendarHref: String?
    let saved: Bool
    let message: String?
    let activityTypes: [FormField.Option]
    var related: [RelatedList] = []
    /// A deal's stages as a path, with the current one marked.
    var stagePath: [StageStep] = []
    var isOpenDeal = false
    /// Large deals: where their approval stands; nil when none is needed.
    var approval: DealApprovalPanel?
    var canWin = false
    var linesMismatch: String?
    /// An open lead of a company that runs groups can be booked into a trial lesson.
    var offersTrial = false
    var scoreNote: String?
    var scoreFactors: [Fact] = []
    /// Leaf cannot ask an array whether it is empty, so the page says so.
    var hasParents = false, hasChildren = false, hasHierarchy = false
    var hasReportsTo = false, hasDirectReports = false, hasReporting = false

    static func make(
        _ page: RecordPageSpec, record: Record, request: Request, message: String? = nil
    ) async throws -> RecordShowPage {
        let spec = page.spec
        let actor = try await request.actor()
        var display = RecordDisplay(db: request.db, actor: actor)
        try await display.loadNames(for: [record], spec: spec)
        let closedDeal =
            spec.path == "opportunities" && (OpportunityStage(rawValue: record[.stage].text ?? "")?.isClosed ?? false)
        let facts =
            spec.fields.filter {
                !record[field: $0.name].isNull && !isJSON($0) && !(closedDeal && $0.name == "winProbability")
            }.map {
                Fact(
                    label: FieldLabel.of($0.name), text: display.text($0, record[field: $0.name]),
                    href: display.link($0, record[field: $0.name]))
            } + customFacts(record)
        let scope = try await spec.scope(of: record, on: request.db)
        let linkField = [
            "leads": "leadId", "accounts": "accountId", "contacts": "contactId", "opportunities": "opportunityId",
        ][spec.path]
        let context = RelatedRecords(db: request.db, actor: actor)
        var lines: [Line] = [], total: Int64 = 0, products: [FormField.Option] = []
        if spec.path == "opportunities" {
            (lines, total) = try await context.lines(of: record.id)
            products =
                try await RecordForm.referenceOptions(.opportunityLines, actor: actor, db: request.db)["productId"]
                ?? []
        }
        let status = LeadStatus(rawValue: record[.status].text ?? "")
        var offersTrial = false
        if spec.path == "leads", status?.isOpen == true,
            AccessPolicy.decide(actor, .create, RecordSpec.trialLessons.policy) == .allowed
        {
            offersTrial = try await ScheduledGroup.anyOpen(
                on: request.db.sql, from: CalendarDay(containing: request.now))
        }
        var page = RecordShowPage(
            title: record[field: page.nameField].text ?? page.title, nav: try request.navigation(), path: spec.path,
            id: record.id.uuidString,
            facts: facts,
            badges: RecordBadges.of(record, spec: spec, now: request.now)
                + (spec.path == RecordSpec.leads.path
                    ? try await TrialSteps.badges(for: [record.id], on: request.db.sql).values.map { $0 } : []),
            timeline: try await context.timeline(spec: spec, record: record, linkField: linkField),
            canEdit: AccessPolicy.decide(actor, .update, spec.policy, record: scope) == .allowed,
            canDelete: AccessPolicy.decide(actor, .delete, spec.policy, record: scope) == .allowed,
            linkField: linkField, isLead: spec.path == "leads",
            isOpenLead: spec.path == "leads" && (status?.isOpen ?? false),
            parents: spec.path == "accounts"
                ? try await context.chain(from: record[.parentId].uuid, spec: .accounts, column: "parent_id") : [],
            children: spec.path == "accounts"
                ? try await context.children(of: record.id, spec: .accounts, column: "parent_id") : [],
            reportsTo: spec.path == "contacts"
                ? try await context.chain(from: record[.reportsToId].uuid, spec: .contacts, column: "reports_to_id")
                : [],
            directReports: spec.path == "contacts"
                ? try await context.children(of: record.id, spec: .contacts, column: "reports_to_id") : [],
            lines: lines, linesTotal: RecordDisplay.money(total), products: products,
            calendarHref: AccessPolicy.decide(actor, .export, spec.policy, record: scope) == .allowed
                ? CalendarLinks.eventHref(spec: spec, record: record) : nil,
            saved: request.query[String.self, at: "saved"] != nil,
            message: message ?? request.query[String.self, at: "message"],
            activityTypes: ActivityType.allCases.map { .init(value: $0.rawValue, label: FieldLabel.value($0.rawValue)) }
        )
        page.offersTrial = offersTrial
        page.hasParents = !page.parents.isEmpty
        page.hasChildren = !page.children.isEmpty
        page.hasHierarchy = page.hasParents || page.hasChildren
        page.hasReportsTo = !page.reportsTo.isEmpty
        page.hasDirectReports = !page.directReports.isEmpty
        page.hasReporting = page.hasReportsTo || page.hasDirectReports
        page.related = try await context.lists(for: spec, record: record)
        if spec.path == "opportunities", record[.stage].text != OpportunityStage.closedWon.rawValue {
            page.related = []
        }
        if spec.path == "opportunities" {
            let current = OpportunityStage(rawValue: record[.stage].text ?? "") ?? .prospecting
            let open = OpportunityStage.allCases.filter { !$0.isClosed }
            let reached = open.firstIndex(of: current) ?? open.count
            let allowed = Set(OpportunityWorkflow.allowedMoves(from: current, role: actor.role).map(\.rawValue))
            page.stagePath =
                open.enumerated().map { index, stage in
                    StageStep(
                        value: stage.rawValue, label: FieldLabel.value(stage.rawValue),
                        state: stage == current ? "current" : index < reached ? "done" : "todo",
                        canMove: page.canEdit && allowed.contains(stage.rawValue))
                }
                + (current.isClosed
                    ? [
                        StageStep(
                            value: current.rawValue, label: FieldLabel.value(current.rawValue), state: "current",
                            canMove: false)
                    ] : [])
            page.isOpenDeal = !current.isClosed && page.canEdit
            page.approval = try await DealApprovalPanel.make(
                deal: record, actor: actor, canEdit: page.canEdit, on: request.db)
            page.canWin = page.isOpenDeal && (page.approval?.canWin ?? true)
            if !lines.isEmpty, total != (record[.amount].int ?? 0) {
                page.linesMismatch =
                    "The line items add up to \(RecordDisplay.money(total)), the deal amount is \(RecordDisplay.money(record[.amount].int ?? 0))."
            }
        }
        let isClosedDeal = OpportunityStage(rawValue: record[.stage].text ?? "")?.isClosed ?? false
        if spec.path == "opportunities", !isClosedDeal, let probability = record[.winProbability].int,
            let model = try await ModelRegistry(db: request.db).active(.winProbability)
        {
            let scoring = OpportunityScoring()
            page.scoreNote =
                "Win probability \(probability)% from the deal model (version \(model.version)), beside the manual \(record[.probability].int ?? 0)%; effects in points."
            page.scoreFactors = model.forest.contributions(scoring.features(record, now: request.now)).top(
                4, names: scoring.featureNames
            )
            .map {
                Fact(label: FactorWords.say($0.name), text: String(format: "%+.1f", $0.contribution * 100), href: nil)
            }
        }
        if let explanation = ScoreExplanation(text: record[.scoreFactors].text) {
            page.scoreNote =
                switch explanation.method {
                case .model:
                    "Score \(record[.score].int ?? 0) from the lead scoring model (version \(explanation.version ?? 0)); effects in points of conversion chance."
                case .heuristic:
                    "Score \(record[.score].int ?? 0) from the starter heuristic (fewer than 50 closed leads to learn from yet); effects in points."
                }
            page.scoreFactors = explanation.factors.map {
                Fact(label: FactorWords.say($0.name), text: String(format: "%+.1f", $0.effect), href: nil)
            }
        }
        return page
    }

    private static func isJSON(_ field: FieldSpec) -> Bool {
        if case .json = field.kind { return true }
        return false
    }

    private static func customFacts(_ record: Record) -> [Fact] {
        guard let text = record[.customFields].text,
            let values = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
        else { return [] }
        return values.keys.sorted().map { Fact(label: FieldLabel.value($0), text: "\(values[$0]!)", href: nil) }
    }
}

/// Rows around a record that its page shows, each limited to what the actor may see.
struct RelatedRecords {
    let db: any Database
    let actor: Actor

    func timeline(spec: RecordSpec, record: Record, linkField: String?) async throws -> [RecordShowPage.TimelineItem] {
        var items: [RecordShowPage.TimelineItem] = []
        if let linkField {
            for (related, title, when) in [
                (RecordSpec.activities, "subject", "occurredAt"), (.tasks, "title", "dueAt"),
                (.notes, "body", "createdAt"),
            ] {
                let column = related.field(linkField)!.column
                let query = try RecordListQuery(
                    spec: related, sort: "-createdAt", limit: 50,
                    conditions: [.equals(column: column, values: [.uuid(record.id)])])
                for row in try await RecordLister(spec: related, db: db).page(query, actor: actor).items {
                    let at = (when == "createdAt" ? row.createdAt : row[field: when].date) ?? row.createdAt ?? Date()
                    let kind =
                        related.path == "activities"
                        ? FieldLabel.value(row[.type].text ?? "activity") : FieldLabel.value(related.label)
                    let detail =
                        related.path == "tasks"
                        ? "Task, \(FieldLabel.value(row[.status].text ?? ""))"
                        : (row[.notes].text ?? row[.outcome].text ?? "")
                    items.append(
                        .init(
                            when: PageDate.format(at), kind: kind,
                            title: String((row[field: title].text ?? "").prefix(200)),
                            detail: String(detail.prefix(300)),
                            href: RecordPageSpec.named(related.path) == nil ? nil : "/\(related.path)/\(row.id)",
                            sortKey: at.timeIntervalSince1970))
                }
            }
        }
        let audit = try await db.sql.select().column("*").from(AuditTrail.table)
            .where("resource", .equal, SQLBind(spec.path)).where("record_id", .equal, SQLBind(record.id))
            .orderBy("at", .descending).limit(50).all()
        let names = try await userNames()
        for row in audit {
            let entry = try AuditTrail.decode(row)
            let changes = (try? JSONSerialization.jsonObject(with: Data(entry.changes.utf8)) as? [[String: Any]]) ?? []
            // Counters and scores the system keeps are noise in a person's history of the record.
            let fields = changes.compactMap { $0["field"] as? String }.filter { spec.field($0)?.writable ?? false }
            if entry.action == AuditTrail.Action.update.rawValue, fields.isEmpty { continue }
            let who = names[entry.actorID] ?? "Someone"
            let title: String
            switch entry.action {
            case "create": title = "\(who) created this \(spec.label)"
            case "delete": title = "\(who) deleted this \(spec.label)"
            case AuditTrail.Action.erase.rawValue: title = "\(who) erased this person's data on request"
            case AuditTrail.Action.access.rawValue:
                title = "\(who) exported this person's data for their access request"
            case AuditTrail.Action.retain.rawValue:
                title = "Personal data removed: lost and untouched past the company's retention period"
            default: title = "\(who) changed " + fields.map { FieldLabel.of($0).lowercased() }.joined(separator: ", ")
            }
            items.append(
                .init(
                    when: PageDate.format(entry.at), kind: "History", title: title, detail: "", href: nil,
                    sortKey: entry.at.timeIntervalSince1970))
        }
        return items.sorted { $0.sortKey > $1.sortKey }
    }

    func chain(from start: UUID?, spec: RecordSpec, column: String) async throws -> [RecordShowPage.Link] {
        var links: [RecordShowPage.Link] = []
        var cursor = start
        let store = RecordStore(spec: spec, db: db)
        while let id = cursor, links.count < 20, let row = try await store.find(id) {
            guard AccessPolicy.canSee(actor, try await spec.scope(of: row, on: db)) else {
                // Neither its name nor anything above it: the chain stops at what may be opened.
                links.insert(.init(text: "a restricted \(spec.label)", href: nil), at: 0)
                break
            }
            links.insert(.init(text: row[.name].text ?? "—", href: "/\(spec.path)/\(id)"), at: 0)
            cursor = row[field: spec.fields.first { $0.column == column }!.name].uuid
        }
        return links
    }

    func children(of id: UUID, spec: RecordSpec, column: String) async throws -> [RecordShowPage.Link] {
        let query = try RecordListQuery(
            spec: spec, sort: "name", limit: 100, conditions: [.equals(column: column, values: [.uuid(id)])])
        return try await RecordLister(spec: spec, db: db).page(query, actor: actor).items.map {
            .init(text: $0[.name].text ?? "—", href: "/\(spec.path)/\($0.id)")
        }
    }

    func lines(of opportunity: UUID) async throws -> ([RecordShowPage.Line], Int64) {
        let query = try RecordListQuery(
            spec: .opportunityLines, sort: "createdAt", limit: 500,
            conditions: [.equals(column: "opportunity_id", values: [.uuid(opportunity)])])
        let rows = try await RecordLister(spec: .opportunityLines, db: db).page(query, actor: actor).items
        var display = RecordDisplay(db: db, actor: actor)
        try await display.loadNames(for: rows, spec: .opportunityLines)
        var total: Int64 = 0
        let lines = rows.map { row -> RecordShowPage.Line in
            let quantity = row[.quantity].int ?? 1, price = row[.unitPrice].int ?? 0
            total += quantity * price
            return .init(
                id: row.id.uuidString,
                product: display.text(RecordSpec.opportunityLines.field("productId")!, row[.productId]),
                quantity: quantity, unitPrice: String(format: "%.2f", Double(price) / 100),
                total: RecordDisplay.money(quantity * price))
        }
        return (lines, total)
    }

    private func userNames() async throws -> [UUID: String] {
        Dictionary(
            uniqueKeysWithValues: try await User.query(on: db).all().compactMap { user in
                user.id.map { ($0, user.name) }
            })
    }
}
