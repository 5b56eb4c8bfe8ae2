import FieldRoutes
import Foundation
import SalesPulseCore
import Vapor

/// Turns a rep's request into a planned day: loads the accounts they may see, estimates the
/// travel between them, orders the visits and times them.
struct DayRoutePlanner {
    let req: Request

    func plan(_ request: DayRouteRequest) async throws -> DayRoute {
        let actor = try await req.actor()
        let ids = request.accountIds
        guard !ids.isEmpty else {
            throw DomainError.invalid(field: "accountIds", "Pick at least one account to visit.")
        }
        guard ids.count <= DayRouteRequest.maximumStops else {
            throw DomainError.invalid(
                field: "accountIds", "Plan at most \(DayRouteRequest.maximumStops) visits in a day.")
        }
        guard Set(ids).count == ids.count else {
            throw DomainError.invalid(field: "accountIds", "An account is listed twice.")
        }
        let accounts = try await visibleAccounts(ids + [request.start?.accountId].compactMap { $0 }, actor: actor)
        let stops = try ids.map { id in
            guard let account = accounts[id] else {
                throw DomainError.invalid(field: "accountIds", "There is no such account you can see.")
            }
            return account
        }
        let unplaced = stops.filter { $0.place == nil }.map(\.name)
        guard unplaced.isEmpty else {
            throw DomainError.invalid(
                field: "accountIds",
                "\(unplaced.prefix(3).joined(separator: ", "))\(unplaced.count > 3 ? " and \(unplaced.count - 3) more" : "") \(unplaced.count == 1 ? "has" : "have") no location yet; add one on the account first."
            )
        }
        let start = try startPlace(request.start, accounts: accounts, first: stops[0])
        let day = try self.day(request.day)
        let departure = try clock(request.departAt ?? "09:00", field: "departAt")
        let visitMinutes = request.visitMinutes ?? 30
        guard (0...600).contains(visitMinutes) else {
            throw DomainError.invalid(field: "visitMinutes", "Give a visit length from 0 to 600 minutes.")
        }
        let mode = request.travelMode ?? .car
        let model = try await req.companySettings.travel().model(mode)

        // Place 0 is the start; places 1...n are the stops in the order picked.
        let points = [GeoPoint(latitude: start.latitude, longitude: start.longitude)] + stops.map { $0.place! }
        var windows = [TimeWindow?](repeating: nil, count: points.count)
        for (index, stop) in stops.enumerated() {
            guard let window = request.windows?[stop.id.uuidString] else { continue }
            let opens = try clock(window.opens, field: "windows"), closes = try clock(window.closes, field: "windows")
            guard opens <= closes else {
                throw DomainError.invalid(field: "windows", "\(stop.name) closes before it opens.")
            }
            windows[index + 1] = TimeWindow(opens: opens, closes: closes)
        }
        let returns = request.returnToStart ?? true
        var matrix = model.matrix(points), distancesFrom = DayRoute.DistanceSource.estimate
        if mode == .car, let url = req.settings.routerURL {
            do {
                matrix = try await RoadRouter(client: req.client, baseURL: url).matrix(points, estimate: matrix)
                distancesFrom = .roads
            } catch {
                req.logger.warning("Routing server not used, distances estimated: \(error)")
            }
        }
        let problem = RouteProblem(
            matrix: matrix, start: 0, end: returns ? 0 : nil, stops: Array(1...stops.count),
            serviceSeconds: [0] + Array(repeating: Double(visitMinutes * 60), count: stops.count), windows: windows,
            departure: departure)
        let plan =
            request.keepOrder == true
            ? RoutePlanner.timed(problem, order: problem.stops) : RoutePlanner.plan(problem, budget: .seconds(1))
        let midnight = PageDate.calendar.startOfDay(for: day)
        let at = { (seconds: Double) in InternetTime.format(midnight.addingTimeInterval(seconds.rounded())) }
        let planned = plan.visits.enumerated().map { number, visit in
            let account = stops[visit.place - 1], leg = plan.legs[number]
            return DayRoute.Stop(
                number: number + 1, accountId: account.id, name: account.name, address: account.address,
                latitude: account.place!.latitude, longitude: account.place!.longitude, arrivesAt: at(visit.arrival),
                leavesAt: at(visit.departure), waitMinutes: Int((visit.waitSeconds / 60).rounded()),
                lateMinutes: Int((visit.lateSeconds / 60).rounded(.up)),
                problem: visit.lateSeconds > 0
                    ? "Arrives \(Self.clockText(visit.arrival)), after \(account.name) closes at \(Self.clockText(windows[visit.place]!.closes))."
                    : nil,
                kilometresFromPrevious: Self.kilometres(leg.metres), minutesFromPrevious: Self.minutes(leg.seconds),
                mapsLink:
                    "geo:\(account.place!.latitude),\(account.place!.longitude)?q=\(account.place!.latitude),\(account.place!.longitude)"
            )
        }
        return DayRoute(
            day: Self.dayText(day), travelMode: mode, start: start, end: returns ? start : nil, stops: planned,
            totalKilometres: Self.kilometres(plan.travelMetres), travelMinutes: Self.minutes(plan.travelSeconds),
            visitMinutes: visitMinutes * stops.count, finishesAt: at(plan.finish),
            pickedOrderKilometres: Self.kilometres(plan.naiveTravelMetres),
            pickedOrderMinutes: Self.minutes(plan.naiveTravelSeconds), shortestPossible: plan.isOptimal,
            distancesFrom: distancesFrom)
    }

    struct Account {
        let id: UUID
        let name: String
        let address: String?
        let place: GeoPoint?
    }

    /// The accounts among `ids` the person may see, by id.
    private func visibleAccounts(_ ids: [UUID], actor: Actor) async throws -> [UUID: Account] {
        let query = try RecordListQuery(
            spec: .accounts, sort: "name", limit: DayRouteRequest.maximumStops + 1,
            conditions: [.equals(column: "id", values: ids.map { .uuid($0) })])
        let rows = try await RecordLister(spec: .accounts, db: req.db).page(query, actor: actor, now: req.now).items
        return Dictionary(
            uniqueKeysWithValues: rows.map { row in
                (
                    row.id,
                    Account(
                        id: row.id, name: row[.name].text ?? "Account", address: row[.address].text, place: row.place)
                )
            })
    }

    private func startPlace(
        _ start: DayRouteRequest.Place?, accounts: [UUID: Account], first: Account
    ) throws
        -> DayRoute.Place
    {
        if let id = start?.accountId {
            guard let account = accounts[id], let place = account.place else {
                throw DomainError.invalid(field: "start", "Start from an account you can see that has a location.")
            }
            return DayRoute.Place(name: account.name, latitude: place.latitude, longitude: place.longitude)
        }
        if let latitude = start?.latitude, let longitude = start?.longitude {
            guard (-90...90).contains(latitude), (-180...180).contains(longitude) else {
                throw DomainError.invalid(field: "start", "That position is not a place on Earth.")
            }
            return DayRoute.Place(name: "your position", latitude: latitude, longitude: longitude)
        }
        if start != nil {
            throw DomainError.invalid(field: "start", "Give the start as an account or as a latitude and longitude.")
        }
        return DayRoute.Place(name: first.name, latitude: first.place!.latitude, longitude: first.place!.longitude)
    }

    private func day(_ text: String?) throws -> Date {
        guard let text, !text.isEmpty else { return req.now }
        guard let day = CalendarDay(text: text) else {
            throw DomainError.invalid(field: "day", "Give the day as a date, YYYY-MM-DD.")
        }
        return PageDate.parseInput(day.text + "T12:00") ?? req.now
    }

    /// "HH:MM" as seconds from midnight.
    private func clock(_ text: String, field: String) throws -> Double {
        guard let time = ClockTime(text: text) else {
            throw DomainError.invalid(field: field, "Give times as HH:MM, such as 09:30.")
        }
        return Double(time.minutes * 60)
    }

    static func clockText(_ seconds: Double) -> String {
        let minutes = Int((seconds / 60).rounded())
        return String(format: "%02d:%02d", (minutes / 60) % 24, minutes % 60)
    }

    static func dayText(_ date: Date) -> String {
        let parts = PageDate.calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", parts.year ?? 1970, parts.month ?? 1, parts.day ?? 1)
    }

    static func kilometres(_ metres: Double) -> Double { (metres / 100).rounded() / 10 }

    static func minutes(_ seconds: Double) -> Int { Int((seconds / 60).rounded()) }
}

extension Record {
    /// Where the record is, when it has a location.
    var place: GeoPoint? {
        guard let latitude = self[.latitude].int, let longitude = self[.longitude].int else { return nil }
        return GeoPoint(latitude: Double(latitude) / 1_000_000, longitude: Double(longitude) / 1_000_000)
    }
}
