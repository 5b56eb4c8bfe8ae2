import Foundation
import SalesPulseCore
import Vapor

/// The centre's two views: the groups with their occupancy, counts and advice, and the week's
/// timetable per room or per teacher. Everyone who signs in reads them; the records behind
/// them keep their own permissions.
struct SchoolPagesController: RouteCollection {
    struct GroupsPage: Encodable {
        let title = "Groups and rooms"
        let nav: Navigation
        let overview: SchoolOverview
        let canPlan: Bool
        /// Seats and trials are counted for the whole centre; only someone who sees every
        /// enrolment and trial can open the rows behind a count and find them all there.
        let canDrill: Bool
    }

    struct TimetablePage: Encodable {
        let title = "Timetable"
        let nav: Navigation
        let timetable: Timetable
        let canPlan: Bool
    }

    func boot(routes: any RoutesBuilder) throws {
        routes.get("school", use: groups)
        routes.get("timetable", use: timetable)
    }

    @Sendable func groups(req: Request) async throws -> View {
        try await req.authorize(.read, .referenceData)
        let overview = try await SchoolOverview.make(
            sql: req.db.sql, now: req.now, zone: try await req.companySettings.timeZone())
        return try await req.view.render(
            "school/groups",
            GroupsPage(
                nav: try req.navigation(), overview: overview, canPlan: try await req.canPlan(),
                canDrill: AccessPolicy.visibleOwnerIDs(try await req.actor()) == nil))
    }

    @Sendable func timetable(req: Request) async throws -> View {
        try await req.authorize(.read, .referenceData)
        let table = try await Timetable.make(req)
        return try await req.view.render(
            "school/timetable",
            TimetablePage(nav: try req.navigation(), timetable: table, canPlan: try await req.canPlan()))
    }
}

struct SchoolAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let school = routes.grouped("school")
        school.get("groups", use: groups)
        school.get("timetable", use: timetable)
        school.get("trials", use: trials)
    }

    @Sendable func trials(req: Request) async throws -> Response {
        try await req.authorize(.read, .businessRecord)
        return try Self.json(try await TrialAgenda.make(req))
    }

    @Sendable func groups(req: Request) async throws -> Response {
        try await req.authorize(.read, .referenceData)
        return try Self.json(
            try await SchoolOverview.make(sql: req.db.sql, now: req.now, zone: try await req.companySettings.timeZone())
        )
    }

    @Sendable func timetable(req: Request) async throws -> Response {
        try await req.authorize(.read, .referenceData)
        return try Self.json(try await Timetable.make(req))
    }

    static func json(_ value: some Encodable) throws -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        var headers = HTTPHeaders()
        headers.contentType = .json
        return Response(status: .ok, headers: headers, body: .init(data: try encoder.encode(value)))
    }
}

extension Timetable {
    /// ?week=YYYY-MM-DD (any day of it; this week when absent) and ?by=room|teacher.
    static func make(_ req: Request) async throws -> Timetable {
        struct Query: Decodable { var week: String?; var by: String? }
        let query = try req.query.decode(Query.self)
        var week: CalendarDay?
        if let text = query.week, !text.isEmpty {
            guard let day = CalendarDay(text: text) else {
                throw DomainError.invalid(field: "week", "Give the week as a date, YYYY-MM-DD.")
            }
            week = day
        }
        var rows = Rows.rooms
        if let by = query.by, !by.isEmpty {
            guard let chosen = Rows(rawValue: by) else {
                throw DomainError.invalid(field: "by", "Choose room or teacher.")
            }
            rows = chosen
        }
        return try await make(
            sql: req.db.sql, week: week, rows: rows, now: req.now, zone: try await req.companySettings.timeZone())
    }
}

extension Request {
    /// Whether this person may change the centre's groups and rooms.
    func canPlan() async throws -> Bool {
        AccessPolicy.decide(try await actor(), .create, .referenceData) == .allowed
    }
}
