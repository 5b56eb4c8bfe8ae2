import Foundation
import SalesPulseCore
import Vapor

/// Pipeline boards (S3): a column per status or stage with counts and totals; cards move by
/// drag and drop (saved through the API) or by each card's "move to" menu, which works
/// without JavaScript and from a keyboard.
struct BoardController: RouteCollection {
    let page: RecordPageSpec
    let board: BoardSpec

    struct Card: Encodable {
        let id: String
        let href: String
        let name: String
        let owner: String
        let amount: String
        let amountCents: Int64
        let score: String?
        let badges: [Badge]
        let moves: [FormField.Option]
        let canMove: Bool
        /// A qualified lead converts from its card.
        let convertHref: String?
    }

    struct Column: Encodable {
        let value: String
        let label: String
        let count: Int
        let total: String
        let totalCents: Int64
        let cards: [Card]
        let more: Int
        /// For closed columns: the period shown, and how many finished before it.
        let period: String?
        let older: Int
    }

    struct Page: Encodable {
        let title: String
        let nav: Navigation
        let path: String
        let field: String
        let columns: [Column]
        let listHref: String
        let message: String?
        let hasSnooze: Bool
        let snoozeToggleHref: String
        let showingSnoozed: Bool
    }

    func boot(routes: any RoutesBuilder) throws {
        routes.get(PathComponent(stringLiteral: page.path), "board", use: show)
        routes.post(PathComponent(stringLiteral: page.path), ":id", "move", use: move)
    }

    static let cardsPerColumn = 50

    @Sendable func show(req: Request) async throws -> View {
        try await req.authorize(.read, page.spec.policy)
        var parameters = try req.query.decode([String: String].self).filter { !$0.value.isEmpty }
        let message = parameters.removeValue(forKey: "message")
        parameters.removeValue(forKey: board.field)
        let actor = try await req.actor()
        let lister = RecordLister(spec: page.spec, db: req.db)
        var base = try RecordListQuery(spec: page.spec, request: req, extraParameters: ["message"])
        base.page = PageRequest(limit: Self.cardsPerColumn, cursor: nil)
        base.sort = try RecordListQuery(spec: page.spec, sort: "-updatedAt", limit: 1).sort
        let field = page.spec.field(board.field)!
        let amountField = page.spec.field(board.amountField)!
        let totals = try await lister.totals(
            base, actor: actor, now: req.now, groupedBy: field.column, summing: amountField.column)
        var recentBase = base
        recentBase.conditions.append(
            .atLeast(
                column: "updated_at",
                value: .date(req.now.addingTimeInterval(-Double(BoardSpec.closedPeriodDays) * 86_400))))
        let recentTotals =
            board.closedColumns.isEmpty
            ? [:]
            : try await lister.totals(
                recentBase, actor: actor, now: req.now, groupedBy: field.column, summing: amountField.column)
        var columns: [Column] = []
        var records: [(String, [Record])] = []
        var display = RecordDisplay(db: req.db, actor: actor)
        for value in board.columns {
            var query = board.closedColumns.contains(value) ? recentBase : base
            query.conditions.append(.equals(column: field.column, values: [.text(value)]))
            let cards = try await lister.page(query, actor: actor, now: req.now).items
            records.append((value, cards))
        }
        try await display.loadNames(for: records.flatMap(\.1), spec: page.spec)
        let trialSteps =
            page.path == RecordSpec.leads.path
            ? try await TrialSteps.badges(for: records.flatMap(\.1).map(\.id), on: req.db.sql) : [:]
        let owner = page.spec.fields.first { $0.name == page.spec.ownerField }
        for (value, cards) in records {
            let closed = board.closedColumns.contains(value)
            let total = (closed ? recentTotals[value] : totals[value]) ?? (0, 0)
            let moves = board.allowedMoves(from: value, role: actor.role).map {
                FormField.Option(value: $0, label: FieldLabel.value($0))
            }
            columns.append(
                Column(
                    value: value, label: FieldLabel.value(value), count: total.count,
                    total: RecordDisplay.money(total.sum), totalCents: total.sum,
                    cards: cards.map { record in
                        Card(
                            id: record.id.uuidString, href: "/\(page.path)/\(record.id)",
                            name: record[field: page.nameField].text ?? "—",
                            owner: owner.map { display.text($0, record[field: $0.name]) } ?? "",
                            amount: record[field: board.amountField].int.map(RecordDisplay.money) ?? "",
                            amountCents: record[field: board.amountField].int ?? 0,
                            score: record[.score].int.map { "\($0)" },
                            badges: RecordBadges.of(record, spec: page.spec, now: req.now)
                                + (trialSteps[record.id].map { [$0] } ?? []), moves: moves, canMove: !moves.isEmpty,
                            convertHref: value == LeadStatus.qualified.rawValue && page.path == "leads"
                                && actor.role != .viewer ? "/leads/\(record.id)/convert" : nil)
                    },
                    more: max(0, total.count - cards.count),
                    period: closed ? "last \(BoardSpec.closedPeriodDays) days" : nil,
                    older: closed ? max(0, (totals[value]?.count ?? 0) - total.count) : 0))
        }
        let hasSnooze = page.spec.field("snoozedUntil") != nil
        var toggle = parameters
        toggle["snoozed"] = base.includeSnoozed ? nil : "true"
        return try await req.view.render(
            "records/board",
            Page(
                title: "\(page.title) board", nav: try req.navigation(), path: page.path, field: board.field,
                columns: columns,
                listHref: URLQuery.path("/\(page.path)", parameters), message: message, hasSnooze: hasSnooze,
                snoozeToggleHref: URLQuery.path("/\(page.path)/board", toggle),
                showingSnoozed: base.includeSnoozed && hasSnooze))
    }

    /// The no-JavaScript move: same rules as a drag, answered with the board again.
    @Sendable func move(req: Request) async throws -> Response {
        struct Form: Content { var to: String? }
        let record = try await req.visibleRecord(page.spec, for: .update)
        let target = try req.content.decode(Form.self).to ?? ""
        do {
            let value = try page.spec.field(board.field)!.parse(text: target)
            _ = try await RecordStore(spec: page.spec, db: req.db).update(
                record, values: [board.field: value], context: try await req.recordContext())
        } catch {
            let payload = ErrorPayload(error)
            guard payload.isShownOnForm else { throw error }
            return req.redirect(to: URLQuery.path("/\(page.path)/board", ["message": payload.message]))
        }
        return req.redirect(to: "/\(page.path)/board")
    }
}
