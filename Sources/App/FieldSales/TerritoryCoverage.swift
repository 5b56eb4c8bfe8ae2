import FieldRoutes
import Foundation
import SalesPulseCore
import SQLKit
import Vapor

/// How well each rep covers their accounts: who was visited in the last 30, 60 and 90 days,
/// who never was, and how the visiting days went (visits, distance, time with customers
/// against time on the road). A rep's territory is the area drawn for them on the map, or,
/// without one, the accounts they own; areas drawn for teams are reported on their own.
struct TerritoryCoverage: Content {
    struct Rep: Content {
        let repId: UUID
        let name: String
        let team: String?
        let accounts: Int
        let visited30: Int
        let visited60: Int
        let visited90: Int
        let neverVisited: Int
        /// Share of accounts visited in the last 30 days, in percent.
        let coverage30: Int
        let visitsLast30Days: Int
        let visitDays: Int
        let visitsPerDay: Double
        let kilometresPerDay: Double
        let customerMinutes: Int
        let travelMinutes: Int
        /// The accounts counted are those inside the area drawn for the rep, not those they own.
        let drawnArea: Bool
    }

    /// A territory drawn on the map, with the accounts inside it.
    struct Area: Content {
        let id: UUID
        let name: String
        let assignedTo: String
        let accounts: Int
        let visited30: Int
        let neverVisited: Int
        let coverage30: Int
        /// Accounts inside not visited for 60 days that have open deals.
        let neglectedWithDeals: Int
        let corners: [Territories.Corner]
    }

    /// A team's reps added up; reps without a team count under "No team".
    struct Team: Content {
        let name: String
        let reps: Int
        let accounts: Int
        let visited30: Int
        let neverVisited: Int
        let coverage30: Int
        let visitsLast30Days: Int
        let customerMinutes: Int
        let travelMinutes: Int

        static func of(_ reps: [Rep]) -> [Team] {
            Dictionary(grouping: reps) { $0.team ?? "No team" }.map { name, members in
                let accounts = members.reduce(0) { $0 + $1.accounts }
                let visited = members.reduce(0) { $0 + $1.visited30 }
                return Team(
                    name: name, reps: members.count, accounts: accounts, visited30: visited,
                    neverVisited: members.reduce(0) { $0 + $1.neverVisited },
                    coverage30: accounts == 0 ? 0 : Int((Double(visited) * 100 / Double(accounts)).rounded()),
                    visitsLast30Days: members.reduce(0) { $0 + $1.visitsLast30Days },
                    customerMinutes: members.reduce(0) { $0 + $1.customerMinutes },
                    travelMinutes: members.reduce(0) { $0 + $1.travelMinutes })
            }
            .sorted { $0.name < $1.name }
        }
    }

    struct Account: Content {
        let id: UUID
        let name: String
        let owner: String
        let region: String?
        let latitude: Double?
        let longitude: Double?
        let lastVisit: String?
        let daysSinceVisit: Int?
        let openDeals: Int
        /// visited30, visited90, stale (over 90 days) or never.
        let status: String
    }

    struct Recommendation: Content {
        let text: String
        let link: String
    }

    let today: String
    let reps: [Rep]
    let teams: [Team]
    let accounts: [Account]
    let territories: [Area]
    let recommendations: [Recommendation]

    static func make(_ req: Request) async throws -> TerritoryCoverage {
        let actor = try await req.actor()
        let owners = AccessPolicy.visibleOwnerIDs(actor)
        let sql = req.db.sql
        let now = req.now
        let travel = try await req.companySettings.travel().car

        struct UserRow: Decodable { let id: UUID; let name: String; let team: String? }
        let users = try await sql.raw(
            "SELECT u.id, u.name, t.name AS team FROM users u LEFT JOIN teams t ON t.id = u.team_id"
        ).all(decoding: UserRow.self)
        let userByID = Dictionary(uniqueKeysWithValues: users.map { ($0.id, $0) })

        let accountQuery = sql.select().columns("id", "name", "owner_id", "region_id", "latitude", "longitude")
            .from("accounts")
        if let owners { accountQuery.where("owner_id", .in, SQLBind.group(Array(owners))) }
        struct AccountRow: Decodable {
            let id: UUID; let name: String; let owner_id: UUID?; let region_id: UUID?
            let latitude: Int64?; let longitude: Int64?
        }
        let accountRows = try await accountQuery.orderBy("name").all(decoding: AccountRow.self)

        struct LastVisit: Decodable { let account_id: UUID; let last: Date }
        let lastVisits = try await sql.raw(
            "SELECT account_id, MAX(occurred_at) AS last FROM activities WHERE type = 'visit' AND account_id IS NOT NULL GROUP BY account_id"
        ).all(decoding: LastVisit.self)
        let lastVisit = Dictionary(uniqueKeysWithValues: lastVisits.map { ($0.account_id, $0.last) })

        struct OpenDeals: Decodable { let account_id: UUID; let n: Int }
        let openDealRows = try await sql.raw(
            "SELECT account_id, COUNT(*) AS n FROM opportunities WHERE account_id IS NOT NULL AND stage NOT IN ('closed_won', 'closed_lost') GROUP BY account_id"
        ).all(decoding: OpenDeals.self)
        let openDeals = Dictionary(uniqueKeysWithValues: openDealRows.map { ($0.account_id, $0.n) })

        struct RegionRow: Decodable { let id: UUID; let name: String }
        let regions = Dictionary(
            uniqueKeysWithValues: try await sql.raw("SELECT id, name FROM regions").all(decoding: RegionRow.self).map {
                ($0.id, $0.name)
            })

        let accounts = accountRows.map { row -> Account in
            let last = lastVisit[row.id]
            let days = last.map { Int(now.timeIntervalSince($0) / 86_400) }
            let status =
                days.map { $0 <= 30 ? "visited30" : $0 <= 90 ? "visited90" : "stale" } ?? "never"
            return Account(
                id: row.id, name: row.name, owner: row.owner_id.flatMap { userByID[$0]?.name } ?? "Nobody",
                region: row.region_id.flatMap { regions[$0] },
                latitude: row.latitude.map { Double($0) / 1_000_000 },
                longitude: row.longitude.map { Double($0) / 1_000_000 },
                lastVisit: last.map(InternetTime.format), daysSinceVisit: days, openDeals: openDeals[row.id] ?? 0,
                status: status)
        }

        let drawn = try await Territories(req: req).visible()
        let inside = drawn.map { _, area, _ in
            accounts.filter { account in
                guard let latitude = account.latitude, let longitude = account.longitude else { return false }
                return area.contains(GeoPoint(latitude: latitude, longitude: longitude))
            }
        }
        let areas = zip(drawn, inside).map { territory, members in
            let visited = members.filter { ($0.daysSinceVisit ?? .max) <= 30 }.count
            return Area(
                id: territory.0.id!, name: territory.0.name, assignedTo: territory.assignedTo, accounts: members.count,
                visited30: visited, neverVisited: members.filter { $0.status == "never" }.count,
                coverage30: members.isEmpty ? 0 : Int((Double(visited) * 100 / Double(members.count)).rounded()),
                neglectedWithDeals: members.filter { ($0.daysSinceVisit ?? .max) > 60 && $0.openDeals > 0 }.count,
                corners: territory.1.corners.map { Territories.Corner(latitude: $0.latitude, longitude: $0.longitude) })
        }
        // A rep's areas together, each account once even where two of them overlap.
        var drawnFor: [UUID: [Account]] = [:], counted: [UUID: Set<UUID>] = [:]
        for (territory, members) in zip(drawn, inside) {
            guard let repID = territory.0.$rep.id else { continue }
            for member in members where counted[repID, default: []].insert(member.id).inserted {
                drawnFor[repID, default: []].append(member)
            }
        }

        let days = try await visitDays(sql: sql, owners: owners, since: now.addingTimeInterval(-30 * 86_400))
        var reps: [Rep] = []
        let byOwner = Dictionary(grouping: zip(accountRows, accounts), by: { $0.0.owner_id })
        let repIDs = Set(byOwner.keys.compactMap { $0 }).union(days.keys).union(drawnFor.keys)
        for repID in repIDs {
            guard let user = userByID[repID] else { continue }
            let mine = drawnFor[repID] ?? (byOwner[repID] ?? []).map(\.1)
            let within = { (limit: Int) in mine.filter { ($0.daysSinceVisit ?? .max) <= limit }.count }
            let repDays = days[repID] ?? []
            let metres = repDays.reduce(0.0) { $0 + $1.metres }
            let visits = repDays.reduce(0) { $0 + $1.visits }
            reps.append(
                Rep(
                    repId: repID, name: user.name, team: user.team, accounts: mine.count, visited30: within(30),
                    visited60: within(60), visited90: within(90),
                    neverVisited: mine.filter { $0.status == "never" }.count,
                    coverage30: mine.isEmpty ? 0 : Int((Double(within(30)) * 100 / Double(mine.count)).rounded()),
                    visitsLast30Days: visits, visitDays: repDays.count,
                    visitsPerDay: repDays.isEmpty ? 0 : (Double(visits) / Double(repDays.count) * 10).rounded() / 10,
                    kilometresPerDay: repDays.isEmpty
                        ? 0 : (travel.roadMetres(metres) / Double(repDays.count) / 100).rounded() / 10,
                    customerMinutes: repDays.reduce(0) { $0 + $1.customerMinutes },
                    travelMinutes: Int((travel.seconds(metres) / 60).rounded()), drawnArea: drawnFor[repID] != nil))
        }
        reps.sort { ($0.coverage30, $0.name) < ($1.coverage30, $1.name) }
        return TerritoryCoverage(
            today: DayRoutePlanner.dayText(now), reps: reps, teams: Team.of(reps), accounts: accounts,
            territories: areas, recommendations: recommend(accounts))
    }

    struct VisitDay {
        var visits = 0
        var metres = 0.0
        var customerMinutes = 0
    }

    /// Each rep's visiting days: visits, straight-line distance between consecutive visits
    /// (the check-in position, else the account's), and minutes spent with customers.
    private static func visitDays(
        sql: any SQLDatabase, owners: Set<UUID>?, since: Date
    ) async throws
        -> [UUID: [VisitDay]]
    {
        struct Row: Decodable {
            let user_id: UUID; let occurred_at: Date; let duration_minutes: Int?
            let latitude: Int64?; let longitude: Int64?; let account_latitude: Int64?; let account_longitude: Int64?
        }
        let query = sql.select().column(SQLColumn("user_id", table: "v")).column(SQLColumn("occurred_at", table: "v"))
            .column(SQLColumn("duration_minutes", table: "v")).column(SQLColumn("latitude", table: "v"))
            .column(SQLColumn("longitude", table: "v"))
            .column(SQLAlias(SQLColumn("latitude", table: "a"), as: SQLIdentifier("account_latitude")))
            .column(SQLAlias(SQLColumn("longitude", table: "a"), as: SQLIdentifier("account_longitude")))
            .from(SQLAlias(SQLIdentifier("activities"), as: SQLIdentifier("v")))
            .join(
                SQLAlias(SQLIdentifier("accounts"), as: SQLIdentifier("a")), method: SQLJoinMethod.left,
                on: SQLColumn("account_id", table: "v"), .equal, SQLColumn("id", table: "a")
            )
            .where(SQLColumn("type", table: "v"), .equal, SQLBind("visit"))
            .where(SQLColumn("occurred_at", table: "v"), .greaterThanOrEqual, SQLBind(since))
            .where(SQLColumn("user_id", table: "v"), .isNot, SQLLiteral.null)
        if let owners { query.where(SQLColumn("user_id", table: "v"), .in, SQLBind.group(Array(owners))) }
        let rows = try await query.orderBy(SQLColumn("occurred_at", table: "v")).all(decoding: Row.self)
        var result: [UUID: [String: (day: VisitDay, last: GeoPoint?)]] = [:]
        for row in rows {
            let key = DayRoutePlanner.dayText(row.occurred_at)
            var entry = result[row.user_id]?[key] ?? (VisitDay(), nil)
            entry.day.visits += 1
            entry.day.customerMinutes += row.duration_minutes ?? 0
            let micro =
                row.latitude.flatMap { lat in row.longitude.map { (lat, $0) } }
                ?? row.account_latitude.flatMap { lat in row.account_longitude.map { (lat, $0) } }
            if let (lat, lon) = micro {
                let here = GeoPoint(latitude: Double(lat) / 1_000_000, longitude: Double(lon) / 1_000_000)
                if let last = entry.last { entry.day.metres += last.distance(to: here) }
                entry.last = here
            }
            result[row.user_id, default: [:]][key] = entry
        }
        return result.mapValues { $0.values.map(\.day) }
    }

    /// Regions with accounts nobody has visited for 60 days, those with open deals first.
    private static func recommend(_ accounts: [Account]) -> [Recommendation] {
        let neglected = accounts.filter { ($0.daysSinceVisit ?? .max) > 60 }
        let byRegion = Dictionary(grouping: neglected) { $0.region ?? "no region" }
        return byRegion.map { region, list in
            let withDeals = list.filter { $0.openDeals > 0 }.count
            return (
                withDeals, list.count,
                Recommendation(
                    text:
                        "\(list.count) account\(list.count == 1 ? "" : "s") in \(region) not visited for 60 days\(withDeals > 0 ? ", \(withDeals) of them with open deals" : "").",
                    link: "/routes?pick=stale")
            )
        }
        .sorted { ($0.0, $0.1, $0.2.text) > ($1.0, $1.1, $1.2.text) }.prefix(5).map(\.2)
    }
}
