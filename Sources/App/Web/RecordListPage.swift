import Foundation
import SalesPulseCore
import SQLKit
import Vapor

/// The context of a record list page: filters kept in the URL, sortable headers, one page of
/// rows and a link to the next.
struct RecordListPage: Encodable {
    struct Column: Encodable {
        let label: String
        let sortHref: String?
        let sortState: String
    }

    struct Cell: Encodable {
        let label: String
        let text: String
        let href: String?
        /// Statuses and stages show as coloured badges.
        var tone: String?
    }

    struct Row: Encodable {
        let id: String
        let name: String
        let href: String
        let cells: [Cell]
        let badges: [Badge]
    }

    struct Filter: Encodable {
        let name: String
        let label: String
        let options: [FormField.Option]
    }

    let title: String
    let nav: Navigation
    let path: String
    let query: String
    let filters: [Filter]
    let columns: [Column]
    let rows: [Row]
    let isEmpty: Bool
    let nextHref: String?
    let boardHref: String?
    let canCreate: Bool
    let hasSnooze: Bool
    let showingSnoozed: Bool
    let snoozeToggleHref: String
    let hiddenParameters: [FormField.Option]
    let chips: [FilterChip]
    let hasChips: Bool
    let clearHref: String
    /// Every matching row, not just this page: "126 deals · 1,204,500.00".
    let matchCount: Int
    let matchTotal: String?
    let countLabel: String
    let message: String?
    /// Rows chosen by their tick boxes change together.
    let canBulk: Bool
    let bulkActions: [BulkActions.Choice]
    let bulkOwners: [FormField.Option]
    let bulkStatuses: [FormField.Option]
    let hasOwnerAction: Bool
    let hasStatusAction: Bool
    let hasFollowUpAction: Bool
    /// The column chooser: every field that can be a column, ticked when shown.
    let columnChoices: [FormField.Option]
    /// The same rows as a file, for those the company lets export.
    let exportCSVHref: String?
    let exportXLSXHref: String?
    /// Likely duplicates to merge, for the types that have them.
    let duplicatesHref: String?

    static func make(_ page: RecordPageSpec, request: Request) async throws -> RecordListPage {
        let spec = page.spec
        let parameters = try request.query.decode([String: String].self).filter { !$0.value.isEmpty }
        var query = try RecordListQuery(spec: spec, request: request)
        query.wordSearch = true
        let actor = try await request.actor()
        let result = try await RecordLister(spec: spec, db: request.db).page(query, actor: actor, now: request.now)
        var display = RecordDisplay(db: request.db, actor: actor)
        try await display.loadNames(for: result.items, spec: spec)
        let options = try await RecordForm.referenceOptions(spec, actor: actor, db: request.db)
        let preferences = UserPreferences(sql: request.db.sql, userID: actor.userID)
        let shown = page.columns(chosen: try await preferences.value(UserPreferences.columnsKey(page.path)))
        let fields = shown.compactMap(spec.field)
        func href(_ changes: [String: String?]) -> String {
            var merged = parameters
            merged["cursor"] = nil
            for (key, value) in changes { merged[key] = value ?? nil }
            return URLQuery.path("/\(spec.path)", merged)
        }
        let columns = fields.map { field -> Column in
            let state = query.sort.name == field.name ? (query.sort.descending ? "descending" : "ascending") : "none"
            return Column(
                label: FieldLabel.of(field.name),
                sortHref: field.sortable ? href(["sort": state == "ascending" ? "-\(field.name)" : field.name]) : nil,
                sortState: state)
        }
        let trialSteps =
            spec.path == RecordSpec.leads.path
            ? try await TrialSteps.badges(for: result.items.map(\.id), on: request.db.sql) : [:]
        let rows = result.items.map { record in
            Row(
                id: record.id.uuidString, name: record[field: page.nameField].text ?? spec.label,
                href: "/\(spec.path)/\(record.id.uuidString)",
                cells: fields.map { field in
                    Cell(
                        label: FieldLabel.of(field.name), text: display.text(field, record[field: field.name]),
                        href: nil,
                        tone: ["status", "stage"].contains(field.name)
                            ? record[field: field.name].text.map(Badge.tone(ofChoice:)) : nil)
                },
                badges: RecordBadges.of(record, spec: spec, now: request.now)
                    + (trialSteps[record.id].map { [$0] } ?? []))
        }
        let filters = page.filters.compactMap(spec.field).map { field -> Filter in
            let current = parameters[field.name] ?? ""
            let choices: [FormField.Option]
            switch field.kind {
            case .choice(let raw): choices = raw.map { .init(value: $0, label: FieldLabel.value($0)) }
            case .bool: choices = [.init(value: "true", label: "Yes"), .init(value: "false", label: "No")]
            default: choices = options[field.name] ?? []
            }
            return Filter(
                name: field.name, label: FieldLabel.of(field.name),
                options: [.init(value: "", label: "Any")]
                    + choices.map {
                        var option = $0; option.selected = option.value == current; return option
                    })
        }
        let hasSnooze = spec.field("snoozedUntil") != nil
        let moneyColumn = spec.field("amount").flatMap { field -> String? in
            if case .money = field.kind { return field.column }; return nil
        }
        let summary = try await RecordLister(spec: spec, db: request.db).summary(
            query, actor: actor, now: request.now, summing: moneyColumn)
        var filterDisplay = RecordDisplay(db: request.db, actor: actor)
        let filterValues = Dictionary(
            uniqueKeysWithValues: parameters.compactMap { name, raw -> (String, FieldValue)? in
                guard let field = spec.field(name), case .reference = field.kind, let id = UUID(uuidString: raw) else {
                    return nil
                }
                return (name, .uuid(id))
            })
        try await filterDisplay.loadNames(
            for: [Record(id: UUID(), values: filterValues, createdAt: nil, updatedAt: nil)], spec: spec)
        let chips = try await FilterChip.of(
            parameters, spec: spec, display: filterDisplay, db: request.db.sql, removing: href)
        let mayExport = AccessPolicy.decide(actor, .export, spec.policy) == .allowed
        let exported = parameters.filter { $0.key != "cursor" && $0.key != "limit" }
        return RecordListPage(
            title: page.title, nav: try request.navigation(), path: spec.path, query: parameters["q"] ?? "",
            filters: filters,
            columns: columns, rows: rows, isEmpty: rows.isEmpty,
            nextHref: result.nextCursor.map { cursor in
                var next = parameters
                next["cursor"] = cursor
                return URLQuery.path("/\(spec.path)", next)
            },
            boardHref: page.board == nil
                ? nil
                : URLQuery.path("/\(spec.path)/board", parameters.filter { $0.key != "cursor" && $0.key != "sort" }),
            canCreate: AccessPolicy.decide(actor, .create, spec.policy) == .allowed,
            hasSnooze: hasSnooze, showingSnoozed: query.includeSnoozed && hasSnooze,
            snoozeToggleHref: href(["snoozed": query.includeSnoozed ? nil : "true"]),
            hiddenParameters: parameters.filter { ["sort", "snoozed"].contains($0.key) }.map {
                .init(value: $0.value, label: $0.key)
            },
            chips: chips, hasChips: !chips.isEmpty,
            clearHref: URLQuery.path("/\(spec.path)", parameters.filter { ["sort", "snoozed"].contains($0.key) }),
            matchCount: summary.count, matchTotal: summary.sum.map(RecordDisplay.money),
            countLabel: summary.count == 1 ? spec.label : page.title.lowercased(),
            message: request.query[String.self, at: "message"],
            canBulk: AccessPolicy.decide(actor, .update, spec.policy) == .allowed && !rows.isEmpty,
            bulkActions: BulkActions.actions(for: page),
            bulkOwners: spec.ownerField.flatMap { options[$0] } ?? [],
            bulkStatuses: page.board.map { board in
                board.columns.map { FormField.Option(value: $0, label: FieldLabel.value($0)) }
            } ?? [],
            hasOwnerAction: spec.ownerField != nil, hasStatusAction: page.board != nil,
            hasFollowUpAction: spec.field("followUpAt") != nil,
            columnChoices: page.choosableColumns.filter { $0 != page.nameField }.map {
                FormField.Option(value: $0, label: FieldLabel.of($0), selected: shown.contains($0))
            },
            exportCSVHref: mayExport
                ? URLQuery.path("/\(spec.path)/export", exported.merging(["format": "csv"]) { $1 }) : nil,
            exportXLSXHref: mayExport
                ? URLQuery.path("/\(spec.path)/export", exported.merging(["format": "xlsx"]) { $1 }) : nil,
            duplicatesHref: DuplicatePairs.types.contains { $0.path == spec.path }
                && AccessPolicy.decide(actor, .update, spec.policy) == .allowed
                ? "/\(spec.path)/duplicates" : nil)
    }
}

/// Small flags shown next to a row or on a card: overdue follow-ups, snoozes.
/// A word in a coloured pill; `tone` picks the colour (a CSS class), the word carries the meaning.
struct Badge: Encodable, Sendable, Equatable {
    let text: String
    var tone = ""

    /// The tone for a stored choice such as a lead status or deal stage.
    static func tone(ofChoice raw: String) -> String { "tone-\(raw)" }
}

enum RecordBadges {
    static func of(_ record: Record, spec: RecordSpec, now: Date) -> [Badge] {
        var badges: [Badge] = []
        if let due = record[.followUpAt].date, LeadStatus(rawValue: record[.status].text ?? "")?.isOpen ?? false {
            badges.append(
                due < now
                    ? Badge(text: "Follow-up overdue", tone: "tone-overdue")
                    : Badge(text: "Follow-up \(PageDate.format(due).prefix(10))"))
        }
        if let due = record[.dueAt].date, record[.status].text == TaskStatus.open.rawValue, due < now {
            badges.append(Badge(text: "Overdue", tone: "tone-overdue"))
        }
        if let until = record[.snoozedUntil].date, until > now {
            badges.append(Badge(text: "Snoozed until \(PageDate.format(until).prefix(10))", tone: "tone-cancelled"))
        }
        if spec.path == RecordSpec.trialLessons.path, let timing = TrialTiming(record, now: now, zone: PageDate.zone) {
            if timing.isOverdue {
                badges.append(Badge(text: "Result not recorded", tone: "tone-overdue"))
            } else if timing.hoursUntil >= 0 {
                badges.append(
                    Badge(
                        text: timing.isToday ? "Today, in \(timing.hoursUntil) h" : "In \(timing.hoursUntil) h",
                        tone: timing.isToday ? "tone-warning" : ""))
            }
        }
        return badges
    }
}

/// Builds page URLs from query parameters, in a stable order so links are shareable and testable.
enum URLQuery {
    static func path(_ base: String, _ parameters: [String: String]) -> String {
        let pairs = parameters.filter { !$0.value.isEmpty }.sorted { $0.key < $1.key }
        guard !pairs.isEmpty else { return base }
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return base + "?"
            + pairs.map { "\($0.key)=\($0.value.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")" }.joined(
                separator: "&")
    }
}
