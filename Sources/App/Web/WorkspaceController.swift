import Fluent
import Foundation
import SalesPulseCore
import SQLKit
import Vapor

/// "My day" and the global search box.
struct WorkspaceController: RouteCollection {
    struct Item: Encodable {
        let title: String
        let href: String
        let detail: String
        let overdue: Bool
    }

    struct MyDay: Encodable {
        let title = "My day"
        let nav: Navigation
        let person: String
        let people: [FormField.Option]
        let canSwitch: Bool
        let back: String
        let overdue: [WorkList.Item]
        let dueToday: [WorkList.Item]
        let snoozesEnding: [Item]
        let trials: [Item]
        let hasTrials: Bool
        let hasOverdue: Bool
        let hasDueToday: Bool
        let hasSnoozes: Bool
    }

    struct SearchGroup: Encodable {
        let title: String
        let count: Int
        let items: [Item]
        let moreHref: String
        let hasMore: Bool
    }

    struct SearchPage: Encodable {
        let title = "Search"
        let nav: Navigation
        let query: String
        let groups: [SearchGroup]
        var nothingFound: Bool
        /// The answer when the words read as a question ("deals closing this month").
        var answer: String?
        var answerHref: String?
    }

    func boot(routes: any RoutesBuilder) throws {
        routes.get("my-day", use: myDay)
        routes.get("search", use: search)
    }

    @Sendable func myDay(req: Request) async throws -> View {
        let actor = try await req.actor()
        var personID = actor.userID
        if let chosen = req.query[String.self, at: "user"].flatMap(UUID.init(uuidString:)), chosen != actor.userID {
            guard actor.role == .admin || actor.managedUserIDs.contains(chosen) else {
                throw DomainError.notFound("No such person in your team.")
            }
            personID = chosen
        }
        let endOfDay = PageDate.endOfToday(req.now)
        let person = try await User.find(personID, on: req.db)
        let work = try await WorkList.load(req, personID: personID, actor: actor)
        let snoozes = try await items(
            req, .leads, actor: actor, sort: "snoozedUntil",
            conditions: [
                .equals(column: "owner_id", values: [.uuid(personID)]),
                .atLeast(column: "snoozed_until", value: .date(req.now.addingTimeInterval(-86_400))),
                .atMost(column: "snoozed_until", value: .date(endOfDay)),
            ], title: "name", when: "snoozedUntil", includeSnoozed: true)
        let trials = try await trialItems(req, actor: actor, personID: personID, endOfDay: endOfDay)
        var people: [FormField.Option] = []
        if actor.role == .manager || actor.role == .admin {
            let ids = actor.role == .admin ? nil : Array(actor.managedUserIDs.union([actor.userID]))
            let query = User.query(on: req.db).filter(\.$isActive == true).sort(\.$name)
            if let ids { query.filter(\.$id ~~ ids) }
            people = try await query.all().map {
                .init(value: $0.id!.uuidString, label: $0.name, selected: $0.id == personID)
            }
        }
        return try await req.view.render(
            "my-day",
            MyDay(
                nav: try req.navigation(), person: person?.name ?? "", people: people, canSwitch: !people.isEmpty,
                back: URLQuery.path("/my-day", ["user": personID == actor.userID ? "" : personID.uuidString]),
                overdue: work.overdue, dueToday: work.today, snoozesEnding: snoozes, trials: trials,
                hasTrials: !trials.isEmpty,
                hasOverdue: !work.overdue.isEmpty, hasDueToday: !work.today.isEmpty, hasSnoozes: !snoozes.isEmpty))
    }

    /// Today's trial lessons, and those of the past week still marked scheduled: their result
    /// is wanted.
    private func trialItems(_ req: Request, actor: Actor, personID: UUID, endOfDay: Date) async throws -> [Item] {
        let query = try RecordListQuery(
            spec: .trialLessons, sort: "startsAt", limit: 100,
            conditions: [
                .equals(column: "owner_id", values: [.uuid(personID)]),
                .equals(column: "status", values: [.text(TrialStatus.scheduled.rawValue)]),
                .atLeast(column: "starts_at", value: .date(req.now.addingTimeInterval(-7 * 86_400))),
                .atMost(column: "starts_at", value: .date(endOfDay)),
            ])
        let records = try await RecordLister(spec: .trialLessons, db: req.db).page(query, actor: actor, now: req.now)
            .items
        let names = try await CalendarLinks.names(.trialLessons, records, db: req.db)
        return records.map { record in
            let ended = (record[.endsAt].date ?? .distantFuture) <= req.now
            let start = record[.startsAt].date.map(PageDate.format) ?? ""
            return Item(
                title: "Trial lesson: \(names[record.id] ?? "a lead")", href: "/trial-lessons/\(record.id)",
                detail: ended ? "\(start) · record the result" : start, overdue: ended)
        }
    }

    private func items(
        _ req: Request, _ spec: RecordSpec, actor: Actor, sort: String, conditions: [RecordListQuery.Condition],
        title: String, when: String, includeSnoozed: Bool = false
    ) async throws -> [Item] {
        var query = try RecordListQuery(spec: spec, sort: sort, limit: 100, conditions: conditions)
        query.includeSnoozed = includeSnoozed
        return try await RecordLister(spec: spec, db: req.db).page(query, actor: actor, now: req.now).items.map {
            record in
            let at = record[field: when].date
            return Item(
                title: record[field: title].text ?? "—", href: "/\(spec.path)/\(record.id)",
                detail: at.map(PageDate.format) ?? "",
                overdue: at.map { $0 < req.now } ?? false)
        }
    }

    @Sendable func search(req: Request) async throws -> View {
        let text = (req.query[String.self, at: "q"] ?? "").trimmingCharacters(in: .whitespaces)
        var groups: [SearchGroup] = []
        if !text.isEmpty {
            let actor = try await req.actor()
            for page in [
                RecordPageSpec.named("leads")!, .named("contacts")!, .named("accounts")!, .named("opportunities")!,
                .named("tasks")!,
            ] {
                var query = try RecordListQuery(spec: page.spec, sort: page.nameField, limit: 10)
                query.search = text.lowercased()
                query.wordSearch = true
                query.includeSnoozed = true
                let lister = RecordLister(spec: page.spec, db: req.db)
                let rows = try await lister.page(query, actor: actor, now: req.now).items
                guard !rows.isEmpty else { continue }
                let count = try await lister.count(query, actor: actor, now: req.now)
                groups.append(
                    SearchGroup(
                        title: page.title, count: count,
                        items: rows.map {
                            Item(
                                title: $0[field: page.nameField].text ?? "—", href: "/\(page.path)/\($0.id)",
                                detail: [$0[.company].text, $0[.email].text, $0[.phone].text].compactMap { $0 }
                                    .joined(separator: " · "), overdue: false)
                        }, moreHref: URLQuery.path("/\(page.path)", ["q": text]), hasMore: count > rows.count))
            }
        }
        var page = SearchPage(
            nav: try req.navigation(), query: text, groups: groups, nothingFound: !text.isEmpty && groups.isEmpty)
        if text.count <= QuestionsAPIController.longest,
            QuestionParser(today: CalendarDay(containing: req.now)).parse(text).question != nil
        {
            let answer = try await req.questionAnswerer().answer(text)
            if answer.suggestions.isEmpty {
                page.answer = answer.sentence
                page.nothingFound = false
                page.answerHref = URLQuery.path("/ask", ["q": text])
            }
        }
        return try await req.view.render("search", page)
    }
}
