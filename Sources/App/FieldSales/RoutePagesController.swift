import Documents
import FieldRoutes
import Foundation
import SalesPulseCore
import SQLKit
import Vapor

/// The day planner a rep opens on the phone in the morning, and the coverage page their
/// manager reads.
struct RoutePagesController: RouteCollection {
    struct Candidate: Encodable {
        let id: UUID
        let name: String
        let owner: String
        let lastVisit: String
        let status: String
        let openDeals: Int
        let latitude: Double
        let longitude: Double
        let checked: Bool
        let isStart: Bool
        /// The customer's hours on the day, "HH:MM", as typed.
        let opens: String
        let closes: String
    }

    struct StopRow: Encodable {
        let time: String
        let stop: DayRoute.Stop
    }

    struct Hidden: Encodable {
        let name: String
        let value: String
    }

    struct PlanPage: Encodable {
        let title = "Plan my visits"
        let nav: Navigation
        let form: DayRouteForm
        let candidates: [Candidate]
        let withoutLocation: Int
        let route: DayRoute?
        let stops: [StopRow]
        let comesBack: Bool
        let finishTime: String?
        let travelTime: String?
        let pickedTravelTime: String?
        let modeLabel: String?
        let error: String?
        let map: String
        let exportQuery: String?
        let saveFields: [Hidden]
        let modes: [FormField.Option]
        let today: String
        let notice: String?
        let checkInBack: String
    }

    func boot(routes: any RoutesBuilder) throws {
        routes.get("routes", use: plan)
        routes.get("routes", "plan.ics", use: calendar)
        routes.get("routes", "plan.gpx", use: gpx)
        routes.post("routes", "visits", use: save)
        routes.post("routes", "check-in", ":id", use: checkIn)
    }

    @Sendable func plan(req: Request) async throws -> View {
        try await req.authorize(.read, .businessRecord)
        let form = try req.query.decode(DayRouteForm.self)
        let coverage = try await TerritoryCoverage.make(req)
        var route: DayRoute?, error: String?
        if form.isPlanning {
            do {
                route = try await DayRoutePlanner(req: req).plan(try form.request())
            } catch let failure as DomainError {
                error = ErrorPayload(failure).message
            }
        }
        let picked = Set(form.accounts ?? []).union(try await preselected(req, form.pick, coverage))
        let placed = coverage.accounts.filter { $0.latitude != nil }
        let candidates = placed.map { account in
            Candidate(
                id: account.id, name: account.name, owner: account.owner,
                lastVisit: account.daysSinceVisit.map { $0 == 0 ? "today" : "\($0) days ago" } ?? "never",
                status: account.status, openDeals: account.openDeals, latitude: account.latitude ?? 0,
                longitude: account.longitude ?? 0, checked: picked.contains(account.id.uuidString),
                isStart: form.start == account.id.uuidString, opens: form.opens?[account.id.uuidString] ?? "",
                closes: form.closes?[account.id.uuidString] ?? "")
        }
        let map = Self.map(placed, route: route, tiles: req.application.settings.mapTiles)
        let order = route?.order ?? []
        return try await req.view.render(
            "routes/plan",
            PlanPage(
                nav: try req.navigation(), form: form, candidates: candidates,
                withoutLocation: coverage.accounts.count - placed.count, route: route,
                stops: route?.stops.map {
                    StopRow(
                        time: Self.clock(Self.visitStart($0, route: route), day: route?.day) + "–"
                            + Self.clock($0.leavesAt), stop: $0)
                } ?? [], comesBack: form.planned == nil || form.back != nil,
                finishTime: route.map { Self.clock($0.finishesAt, day: $0.day) },
                travelTime: route.map { Self.duration($0.travelMinutes) },
                pickedTravelTime: route.map { Self.duration($0.pickedOrderMinutes) },
                modeLabel: route?.travelMode.label.lowercased(), error: error,
                map: SVGWriter.svg(map), exportQuery: route.map { _ in form.query(order: order) },
                saveFields: form.fixed(order: order).map { Hidden(name: $0.0, value: $0.1) },
                modes: TravelMode.allCases.map {
                    FormField.Option(
                        value: $0.rawValue, label: $0.label, selected: $0.rawValue == (form.travelMode ?? "car"))
                }, today: DayRoutePlanner.dayText(req.now), notice: try await checkInNotice(req, form.checkedIn),
                checkInBack: form.query(order: order)))
    }

    @Sendable func calendar(req: Request) async throws -> Response {
        try await req.authorize(.export, .businessRecord)
        let route = try await DayRoutePlanner(req: req).plan(try req.query.decode(DayRouteForm.self).request())
        return CalendarController.icsResponse(
            DayRouteFiles.calendar(route, stamp: req.now, zone: PageDate.zone.identifier),
            filename: "visits-\(route.day).ics")
    }

    @Sendable func gpx(req: Request) async throws -> Response {
        try await req.authorize(.export, .businessRecord)
        let route = try await DayRoutePlanner(req: req).plan(try req.query.decode(DayRouteForm.self).request())
        let response = Response(status: .ok, body: .init(string: DayRouteFiles.gpx(route)))
        response.headers.replaceOrAdd(name: .contentType, value: "application/gpx+xml")
        response.headers.replaceOrAdd(
            name: .contentDisposition, value: "attachment; filename=\"route-\(route.day).gpx\"")
        return response
    }

    @Sendable func save(req: Request) async throws -> Response {
        try await req.authorize(.create, .businessRecord)
        let route = try await DayRoutePlanner(req: req).plan(try req.content.decode(DayRouteForm.self).request())
        _ = try await DayRouteVisits(context: try await req.recordContext()).save(route)
        return req.redirect(to: "/tasks?dueAtFrom=\(route.day)", redirectType: .normal)
    }

    /// Records the visit where the phone is, then back to the plan with how far from the customer.
    @Sendable func checkIn(req: Request) async throws -> Response {
        let account = try await req.visibleRecord(.accounts, for: .read)
        try await req.authorize(.create, .businessRecord)
        struct Form: Content {
            var latitude: String?
            var longitude: String?
            var back: String?
        }
        let form = try req.content.decode(Form.self)
        let number = { (text: String?) in text.flatMap { Double($0.trimmingCharacters(in: .whitespaces)) } }
        let result = try await VisitCheckIn(req: req).checkIn(
            at: account, VisitCheckIn.Position(latitude: number(form.latitude), longitude: number(form.longitude)))
        let back = (form.back ?? "").filter { $0 != "#" }
        return req.redirect(to: "/routes?\(back)\(back.isEmpty ? "" : "&")checkedIn=\(result.activityId)")
    }

    /// The sentence after a check-in, read back from the visit itself.
    private func checkInNotice(_ req: Request, _ text: String?) async throws -> String? {
        guard let id = text.flatMap(UUID.init(uuidString:)),
            let visit = try await RecordStore(spec: .activities, db: req.db).find(id),
            AccessPolicy.decide(
                try await req.actor(), .read, .businessRecord,
                record: try await RecordSpec.activities.scope(of: visit, on: req.db)) == .allowed,
            let accountID = visit[.accountId].uuid,
            let account = try await RecordStore(spec: .accounts, db: req.db).find(accountID)
        else { return nil }
        return VisitCheckIn.sentence(VisitCheckIn.Result(visit: visit, account: account))
    }

    /// Accounts by how recently they were visited, and the day's stops numbered along the route.
    static func map(
        _ accounts: [TerritoryCoverage.Account], route: DayRoute?, areas: [PlaceMap.Area] = [], tiles: MapTiles?
    ) -> Drawing {
        let stopNumbers = Dictionary(uniqueKeysWithValues: (route?.stops ?? []).map { ($0.accountId, $0.number) })
        var places = accounts.filter { stopNumbers[$0.id] == nil }.map { account in
            PlaceMap.Place(
                label: "\(account.name): \(account.daysSinceVisit.map { "visited \($0) days ago" } ?? "never visited")",
                latitude: account.latitude!, longitude: account.longitude!, color: color(account.status),
                link: "/accounts/\(account.id)")
        }
        var path: [Int] = []
        if let route {
            places.append(
                PlaceMap.Place(
                    label: "Start: \(route.start.name)", latitude: route.start.latitude,
                    longitude: route.start.longitude,
                    color: .ink, badge: "S"))
            path.append(places.count - 1)
            for stop in route.stops {
                places.append(
                    PlaceMap.Place(
                        label: "\(stop.number). \(stop.name), \(clock(stop.arrivesAt))", latitude: stop.latitude,
                        longitude: stop.longitude, color: stop.problem == nil ? .toneBlue : .bad,
                        badge: String(stop.number), link: "/accounts/\(stop.accountId)"))
                path.append(places.count - 1)
            }
            if route.end != nil { path.append(path[0]) }
        }
        return PlaceMap.draw(
            title: route == nil ? "Accounts on the map" : "The day's route", places: places, route: path,
            areas: areas, tiles: tiles)
    }

    /// When the visit begins: on arrival, or when the customer opens after an early arrival.
    static func visitStart(_ stop: DayRoute.Stop, route: DayRoute?) -> String {
        guard stop.waitMinutes > 0, let route, !route.stops.isEmpty, let leaves = InternetTime.parse(stop.leavesAt)
        else { return stop.arrivesAt }
        return InternetTime.format(leaves.addingTimeInterval(-Double(route.visitMinutes / route.stops.count) * 60))
    }

    static func color(_ status: String) -> Color {
        switch status {
        case "visited30": .good
        case "visited90": .warning
        case "stale": .bad
        default: .muted
        }
    }

    /// "09:40" from an instant, in the person's zone; "09:40 (+1 day)" when after the plan's day.
    static func clock(_ text: String, day: String? = nil) -> String {
        guard let date = InternetTime.parse(text) else { return text }
        let parts = PageDate.calendar.dateComponents([.hour, .minute], from: date)
        let time = String(format: "%02d:%02d", parts.hour ?? 0, parts.minute ?? 0)
        guard let day, let planned = CalendarDay(text: day),
            let actual = CalendarDay(text: DayRoutePlanner.dayText(date)),
            actual.number > planned.number
        else { return time }
        let later = actual.number - planned.number
        return "\(time) (+\(later) day\(later == 1 ? "" : "s"))"
    }

    /// "1 h 35 min", "25 min".
    static func duration(_ minutes: Int) -> String {
        minutes < 60 ? "\(minutes) min" : "\(minutes / 60) h" + (minutes % 60 == 0 ? "" : " \(minutes % 60) min")
    }

    /// Accounts the quick picks stand for: not visited for 30 days, or on today's open tasks.
    private func preselected(_ req: Request, _ pick: String?, _ coverage: TerritoryCoverage) async throws -> Set<String>
    {
        switch pick {
        case "stale":
            return Set(coverage.accounts.filter { ($0.daysSinceVisit ?? .max) > 30 }.map(\.id.uuidString))
        case "today":
            let actor = try await req.actor()
            let dayStart = PageDate.calendar.startOfDay(for: req.now)
            struct Row: Decodable { let account_id: UUID }
            let rows = try await req.db.sql.select().column("account_id").from("tasks")
                .where("assignee_id", .equal, SQLBind(actor.userID))
                .where("status", .equal, SQLBind(TaskStatus.open.rawValue))
                .where("account_id", .isNot, SQLLiteral.null)
                .where("due_at", .greaterThanOrEqual, SQLBind(dayStart))
                .where("due_at", .lessThan, SQLBind(dayStart.addingTimeInterval(86_400)))
                .all(decoding: Row.self)
            return Set(rows.map(\.account_id.uuidString))
        default:
            return []
        }
    }
}
