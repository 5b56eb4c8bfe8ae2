@testable import App
import FieldRoutes
import Foundation
import SQLKit
import Testing
import SalesPulseCore
import Vapor

/// Every route of the app with its call and README's answer for each person. Record routes are
/// generated from the record catalog; the rest are listed one by one.
extension RouteRules {
    static let all: [String: RouteRule] = {
        var rules: [String: RouteRule] = [:]
        func add(
            _ key: String, _ expect: @escaping @Sendable (AccessWho) -> Outcome,
            _ call: @escaping @Sendable (AccessCompany, AccessWho) async throws -> RouteCall
        ) {
            precondition(rules[key] == nil, "two rules for \(key)")
            rules[key] = RouteRule(call: call, expect: expect)
        }
        func fixed(
            _ path: String, json: String? = nil, form: [String: String]? = nil, fresh: Bool = false
        ) -> @Sendable (AccessCompany, AccessWho) async throws -> RouteCall {
            { _, _ in RouteCall(path: path, json: json, form: form, freshSession: fresh) }
        }

        // MARK: record API, one set per record type
        for spec in RecordCatalog.all {
            let base = "/api/v1/\(spec.path)"
            let (read, write, create) = expectations(for: spec, true)
            let path = spec.path
            add("GET \(base)", everyone(true), fixed(base))
            if spec.policy == .businessRecord {
                add("GET \(base)/export", exportAny(true), fixed("\(base)/export?format=csv"))
            }
            add("POST \(base)", create) { company, who in
                RouteCall(path: base, json: try await company.body(path, ownedBy: who, naming: "New"))
            }
            add("GET \(base)/:id", read) { company, _ in RouteCall(path: "\(base)/\(try await fresh(company, path))") }
            add("GET \(base)/:id/history", read) { company, _ in
                RouteCall(path: "\(base)/\(try await fresh(company, path))/history")
            }
            add("PATCH \(base)/:id", write) { company, _ in
                RouteCall(path: "\(base)/\(try await fresh(company, path))", json: "{}")
            }
            add("DELETE \(base)/:id", write) { company, _ in
                RouteCall(path: "\(base)/\(try await fresh(company, path))")
            }
        }
        add("POST /api/v1/leads/:id/convert", writeOwned(true)) { company, _ in
            RouteCall(
                path: "/api/v1/leads/\(try await fresh(company, "leads"))/convert",
                json: #"{"opportunity":{"name":"Rollout","amount":1200}}"#)
        }
        add("POST /api/v1/leads/:id/snooze", writeOwned(true)) { company, _ in
            RouteCall(
                path: "/api/v1/leads/\(try await fresh(company, "leads"))/snooze",
                json: #"{"until":"2031-01-01T09:00:00Z"}"#)
        }
        add("POST /api/v1/leads/:id/follow-up", writeOwned(true)) { company, _ in
            RouteCall(
                path: "/api/v1/leads/\(try await fresh(company, "leads"))/follow-up",
                json: #"{"at":"2031-01-01T09:00:00Z","note":"call"}"#)
        }
        add("POST /api/v1/tasks/:id/complete", writeOwned(true)) { company, _ in
            RouteCall(path: "/api/v1/tasks/\(try await fresh(company, "tasks"))/complete", json: "{}")
        }

        // MARK: the rest of the API
        add("GET /api/v1/openapi.json", { _ in .ok }, fixed("/api/v1/openapi.json"))
        add("POST /api/v1/auth/tokens", { _ in .ok }) { company, _ in
            RouteCall(
                path: "/api/v1/auth/tokens",
                json: #"{"email":"\#(company.users[.owner]!.email)","password":"\#(testPassword)","name":"script"}"#)
        }
        add("GET /api/v1/auth/tokens", everyone(true), fixed("/api/v1/auth/tokens"))
        add("DELETE /api/v1/auth/tokens/:tokenID", signedIn(true) { [.admin, .owner].contains($0) ? .ok : .notFound }) {
            company, _ in
            let issued = try await TokenService(db: company.app.db).issue(for: company.users[.owner]!, name: "spare")
            return RouteCall(path: "/api/v1/auth/tokens/\(try issued.token.requireID())")
        }
        add("GET /api/v1/me", everyone(true), fixed("/api/v1/me"))
        add("GET /api/v1/users", signedIn(true) { $0.isManagerOrAdmin ? .ok : .forbidden }, fixed("/api/v1/users"))
        add("POST /api/v1/users", adminOnly(true)) { _, _ in
            RouteCall(
                path: "/api/v1/users",
                json:
                    #"{"email":"new-\#(UUID().uuidString.prefix(8).lowercased())@example.com","password":"a long password","role":"rep"}"#
            )
        }
        add(
            "GET /api/v1/users/:userID",
            signedIn(true) { who in
                switch who {
                case .admin, .teamManager, .owner: .ok
                case .otherManager: .notFound
                default: .forbidden
                }
            }
        ) { company, _ in RouteCall(path: "/api/v1/users/\(company.id(.owner))") }
        add("PATCH /api/v1/users/:userID", adminOnly(true)) { company, _ in
            RouteCall(path: "/api/v1/users/\(try await spareUser(company).requireID())", json: #"{"name":"Renamed"}"#)
        }
        add("DELETE /api/v1/users/:userID", adminOnly(true)) { company, _ in
            RouteCall(path: "/api/v1/users/\(try await spareUser(company).requireID())")
        }
        add("GET /api/v1/teams", everyone(true), fixed("/api/v1/teams"))
        add("POST /api/v1/teams", adminOnly(true)) { _, _ in
            RouteCall(path: "/api/v1/teams", json: #"{"name":"East \#(UUID().uuidString.prefix(8))"}"#)
        }
        add("GET /api/v1/teams/:teamID", everyone(true)) { company, _ in
            RouteCall(path: "/api/v1/teams/\(try await spareTeam(company).requireID())")
        }
        add("PATCH /api/v1/teams/:teamID", adminOnly(true)) { company, _ in
            RouteCall(path: "/api/v1/teams/\(try await spareTeam(company).requireID())", json: #"{"region":"Iberia"}"#)
        }
        add("DELETE /api/v1/teams/:teamID", adminOnly(true)) { company, _ in
            RouteCall(path: "/api/v1/teams/\(try await spareTeam(company).requireID())")
        }
        add("GET /api/v1/settings", adminOnly(true), fixed("/api/v1/settings"))
        add(
            "PATCH /api/v1/settings", adminOnly(true),
            fixed("/api/v1/settings", json: #"{"exportRoles":["manager","rep"]}"#))
        add("GET /api/v1/audit", adminOnly(true), fixed("/api/v1/audit"))
        add("GET /api/v1/models", everyone(true), fixed("/api/v1/models"))
        add(
            "POST /api/v1/models/:kind/train", managers(true, allowed: .invalid),
            fixed("/api/v1/models/lead_score/train"))
        add(
            "POST /api/v1/models/:kind/versions/:version/activate", managers(true, allowed: .notFound),
            fixed("/api/v1/models/lead_score/versions/1/activate"))
        add("GET /api/v1/agents/performance", everyone(true), fixed("/api/v1/agents/performance"))
        add("GET /api/v1/analytics/kpis", everyone(true), fixed("/api/v1/analytics/kpis"))
        add("GET /api/v1/school/groups", everyone(true), fixed("/api/v1/school/groups"))
        add("GET /api/v1/school/timetable", everyone(true), fixed("/api/v1/school/timetable?by=room"))
        add("GET /api/v1/school/trials", everyone(true), fixed("/api/v1/school/trials"))
        add(
            "GET /api/v1/analytics/series", everyone(true),
            fixed("/api/v1/analytics/series?metric=revenue&groupBy=month"))
        add("GET /api/v1/forecasts", everyone(true), fixed("/api/v1/forecasts?metric=revenue&by=region"))
        add("GET /forecasts", everyone(false), fixed("/forecasts?metric=leads&by=team"))
        add("GET /api/v1/insights", everyone(true), fixed("/api/v1/insights"))
        add("GET /insights", everyone(false), fixed("/insights"))
        add("GET /api/v1/reports/sales", everyone(true), fixed("/api/v1/reports/sales?period=this-month"))
        add("GET /api/v1/reports/saved", everyone(true), fixed("/api/v1/reports/saved"))
        add(
            "POST /api/v1/reports/saved", everyone(true),
            fixed("/api/v1/reports/saved", json: #"{"name":"Walk","period":"last-month"}"#))
        add(
            "DELETE /api/v1/reports/saved/:reportID",
            signedIn(true) { [.admin, .owner].contains($0) ? .ok : .notFound }
        ) {
            company, _ in RouteCall(path: "/api/v1/reports/saved/\(try await savedReport(company))")
        }
        add("POST /api/v1/questions", everyone(true), fixed("/api/v1/questions", json: #"{"text":"my open deals"}"#))
        add("GET /ask", everyone(false), fixed("/ask?q=how%20many%20leads%20this%20month"))
        add("GET /ask/ideas", everyone(false), fixed("/ask/ideas"))
        add("GET /reports", everyone(false), fixed("/reports?period=last-week"))
        add("GET /reports/download", exportAny(false), fixed("/reports/download?format=docx"))
        add(
            "POST /reports/saved", everyone(false),
            fixed("/reports/saved", form: ["name": "Walk", "period": "last-month"]))
        add(
            "POST /reports/saved/:reportID/delete", signedIn(false) { [.admin, .owner].contains($0) ? .ok : .notFound }
        ) { company, _ in
            RouteCall(path: "/reports/saved/\(try await savedReport(company))/delete", form: [:])
        }
        add("GET /api/v1/analytics/rollups", wholeCompany(true), fixed("/api/v1/analytics/rollups?by=source"))

        // MARK: record pages
        for page in RecordPageSpec.all {
            let base = "/\(page.path)"
            let path = page.path
            let (read, write, create) = expectations(for: page.spec, false)
            add("GET \(base)", everyone(false), fixed(base))
            if page.spec.policy == .businessRecord {
                add("GET \(base)/export", exportAny(false), fixed("\(base)/export?format=xlsx"))
            }
            add("GET \(base)/new", create, fixed("\(base)/new"))
            add("POST \(base)", create) { company, who in
                RouteCall(path: base, form: try await createForm(company, path, who))
            }
            add("GET \(base)/:id", read) { company, _ in RouteCall(path: "\(base)/\(try await fresh(company, path))") }
            add("GET \(base)/:id/edit", write) { company, _ in
                RouteCall(path: "\(base)/\(try await fresh(company, path))/edit")
            }
            add("POST \(base)/:id", write) { company, _ in
                let id = try await fresh(company, path)
                return RouteCall(path: "\(base)/\(id)", form: try await company.form(of: path, id: id))
            }
            add("POST \(base)/:id/delete", write) { company, _ in
                RouteCall(path: "\(base)/\(try await fresh(company, path))/delete", form: [:])
            }
            add("POST \(base)/columns", everyone(false), fixed("\(base)/columns", form: ["columns[]": page.nameField]))
            add("POST \(base)/bulk", write) { company, _ in
                RouteCall(path: "\(base)/bulk", form: ["ids[]": try await fresh(company, path), "action": "delete"])
            }
            if ["leads", "accounts", "contacts", "opportunities"].contains(path) {
                let quick: [(String, [String: String])] = [
                    ("activities", ["type": "call", "subject": "Quick call"]),
                    ("tasks", ["title": "Quick task", "dueAt": "2030-01-01T09:00"]),
                    ("notes", ["body": "Quick note"]),
                ]
                for (action, form) in quick {
                    add("POST \(base)/:id/\(action)", writeOwned(false)) { company, _ in
                        RouteCall(path: "\(base)/\(try await fresh(company, path))/\(action)", form: form)
                    }
                }
            }
            if let board = page.board {
                let to = path == "leads" ? "contacted" : "qualification"
                add("GET \(base)/board", everyone(false), fixed("\(base)/board"))
                add("POST \(base)/:id/move", write) { company, _ in
                    RouteCall(path: "\(base)/\(try await fresh(company, path))/move", form: ["to": to])
                }
                _ = board
            }
        }
        for path in ["leads", "tasks", "activities", "trial-lessons"] {
            add("GET /\(path)/:id/calendar.ics", exportOwned(false)) { company, _ in
                RouteCall(path: "/\(path)/\(try await fresh(company, path))/calendar.ics")
            }
        }
        add("POST /leads/:id/follow-up", writeOwned(false)) { company, _ in
            RouteCall(
                path: "/leads/\(try await fresh(company, "leads"))/follow-up",
                form: ["at": "2031-01-01T09:00", "note": "call"])
        }
        add("POST /leads/:id/snooze", writeOwned(false)) { company, _ in
            RouteCall(path: "/leads/\(try await fresh(company, "leads"))/snooze", form: ["until": "2031-01-01T09:00"])
        }
        add("GET /leads/:id/convert", writeOwned(false)) { company, _ in
            RouteCall(path: "/leads/\(try await fresh(company, "leads"))/convert")
        }
        add("POST /leads/:id/convert", writeOwned(false)) { company, _ in
            RouteCall(
                path: "/leads/\(try await fresh(company, "leads"))/convert",
                form: [
                    "account": "new", "accountName": "Converted \(UUID().uuidString.prefix(8))", "contact": "new",
                    "createOpportunity": "on", "opportunityName": "Rollout", "amount": "1200",
                ])
        }
        add("POST /opportunities/:id/stage", writeOwned(false)) { company, _ in
            RouteCall(
                path: "/opportunities/\(try await fresh(company, "opportunities"))/stage",
                form: ["stage": "qualification"])
        }
        add("POST /opportunities/:id/lines", writeOwned(false)) { company, _ in
            let product = try await company.record("products", ownedBy: .admin)
            return RouteCall(
                path: "/opportunities/\(try await fresh(company, "opportunities"))/lines",
                form: ["productId": product, "quantity": "2"])
        }
        add("POST /opportunities/:id/lines/:lineID", writeOwned(false)) { company, _ in
            let line = try await fresh(company, "opportunity-lines")
            let deal = try await company.form(of: "opportunity-lines", id: line)["opportunityId"]!
            return RouteCall(path: "/opportunities/\(deal)/lines/\(line)", form: ["quantity": "5"])
        }
        add("POST /opportunities/:id/lines/:lineID/delete", writeOwned(false)) { company, _ in
            let line = try await fresh(company, "opportunity-lines")
            let deal = try await company.form(of: "opportunity-lines", id: line)["opportunityId"]!
            return RouteCall(path: "/opportunities/\(deal)/lines/\(line)/delete", form: [:])
        }

        for (kind, path) in [("tasks", "tasks"), ("follow-ups", "leads")] {
            add("POST /work/\(kind)/:id/done", writeOwned(false)) { company, _ in
                RouteCall(path: "/work/\(kind)/\(try await fresh(company, path))/done", form: ["back": "/"])
            }
            add("POST /work/\(kind)/:id/reschedule", writeOwned(false)) { company, _ in
                RouteCall(
                    path: "/work/\(kind)/\(try await fresh(company, path))/reschedule",
                    form: ["at": "2031-02-03T09:30", "back": "/my-day"])
            }
        }

        // MARK: other pages
        add("GET /health", { _ in .ok }, fixed("/health"))
        add("GET /metrics", { _ in .ok }, fixed("/metrics"))
        add("GET /calendar/:token", { _ in .ok }) { company, _ in
            let owner = company.users[.owner]!
            owner.calendarToken = "owner-feed"
            try await owner.save(on: company.app.db)
            return RouteCall(path: "/calendar/owner-feed.ics")
        }
        // Lead forms and channel webhooks are public by design: the key in the address is their
        // identity, so who is signed in changes nothing, and an unknown key is 404 for everyone.
        for (route, path) in [
            ("POST /intake/forms/:key", "/intake/forms/no-such-form"),
            ("OPTIONS /intake/forms/:key", "/intake/forms/no-such-form"),
            ("POST /intake/telegram/:key", "/intake/telegram/no-such-bot"),
            ("POST /intake/whatsapp/:key", "/intake/whatsapp/no-such-number"),
            ("GET /intake/whatsapp/:key", "/intake/whatsapp/no-such-number"),
            ("POST /intake/calls/:key", "/intake/calls/no-such-line"),
            ("POST /intake/leadads/:key", "/intake/leadads/no-such-page"),
            ("GET /intake/leadads/:key", "/intake/leadads/no-such-page"),
            ("POST /intake/json/:key", "/intake/json/no-such-service"),
        ] {
            add(
                route, { _ in .notFound },
                fixed(path, form: route.hasPrefix("POST") ? ["email": "someone@example.com"] : nil))
        }
        add("GET /login", { _ in .ok }, fixed("/login"))
        add("POST /login", { _ in .ok }) { company, _ in
            RouteCall(
                path: "/login", form: ["email": company.users[.owner]!.email, "password": testPassword],
                freshSession: true)
        }
        add("POST /logout", { _ in .signIn }, fixed("/logout", form: [:], fresh: true))
        add("GET /forgot-password", { _ in .ok }, fixed("/forgot-password"))
        add("POST /forgot-password", { _ in .ok }, fixed("/forgot-password", form: ["email": "nobody@example.com"]))
        add("GET /reset-password/:token", { _ in .notFound }, fixed("/reset-password/not-a-real-link"))
        add(
            "POST /reset-password/:token", { _ in .invalid },
            fixed(
                "/reset-password/not-a-real-link", form: ["password": "a long password", "confirm": "a long password"]))
        add("GET /", everyone(false), fixed("/"))
        add("GET /team", signedIn(false) { $0.isManagerOrAdmin ? .ok : .forbidden }, fixed("/team"))
        add("GET /my-day", everyone(false), fixed("/my-day"))
        add("GET /search", everyone(false), fixed("/search?q=fixture"))
        add("GET /performance", everyone(false), fixed("/performance"))
        add(
            "GET /agents/:userID",
            signedIn(false) { [.admin, .teamManager, .owner, .viewer].contains($0) ? .ok : .notFound }
        ) { company, _ in
            RouteCall(path: "/agents/\(company.id(.owner))")
        }
        add("GET /models", managers(false), fixed("/models"))
        add("POST /models/:kind/train", managers(false, allowed: .ok), fixed("/models/lead_score/train", form: [:]))
        add(
            "POST /models/:kind/versions/:version/activate", managers(false, allowed: .notFound),
            fixed("/models/lead_score/versions/1/activate", form: [:]))
        add("GET /dashboards", everyone(false), fixed("/dashboards"))
        add("GET /school", everyone(false), fixed("/school"))
        // Day routes: planning reads the owner's account, saving writes the caller's tasks.
        @Sendable func placedAccount(_ company: AccessCompany) async throws -> String {
            let id = try await fresh(company, "accounts")
            try await company.app.db.sql.raw(
                "UPDATE accounts SET latitude = 41878100, longitude = -87629800 WHERE id = \(bind: UUID(uuidString: id)!)"
            ).run()
            return id
        }
        let plansOwned: @Sendable (Bool) -> @Sendable (AccessWho) -> Outcome = { api in
            signedIn(api) { $0.seesOwnersRecords ? .ok : .invalid }
        }
        let savesOwned: @Sendable (Bool) -> @Sendable (AccessWho) -> Outcome = { api in
            signedIn(api) { $0 == .viewer ? .forbidden : $0.seesOwnersRecords ? .ok : .invalid }
        }
        add("POST /api/v1/routes/plan", plansOwned(true)) { company, _ in
            RouteCall(path: "/api/v1/routes/plan", json: #"{"accountIds":["\#(try await placedAccount(company))"]}"#)
        }
        add("POST /api/v1/routes/visits", savesOwned(true)) { company, _ in
            RouteCall(path: "/api/v1/routes/visits", json: #"{"accountIds":["\#(try await placedAccount(company))"]}"#)
        }
        add("GET /api/v1/territories/coverage", everyone(true), fixed("/api/v1/territories/coverage"))
        // Checking in reads the account and writes the caller's visit: hidden accounts are 404.
        add("POST /api/v1/accounts/:id/check-in", writeOwned(true)) { company, _ in
            RouteCall(
                path: "/api/v1/accounts/\(try await placedAccount(company))/check-in",
                json: #"{"latitude":41.8782,"longitude":-87.6299}"#)
        }
        add("POST /routes/check-in/:id", writeOwned(false)) { company, _ in
            RouteCall(
                path: "/routes/check-in/\(try await placedAccount(company))",
                form: ["latitude": "41.8782", "longitude": "-87.6299"])
        }
        // Territories: managers draw them for their own people (here the owner rep), admins for anyone.
        let drawsForOwner: @Sendable (Bool) -> @Sendable (AccessWho) -> Outcome = { api in
            signedIn(api) { [.admin, .teamManager].contains($0) ? .ok : $0 == .otherManager ? .invalid : .forbidden }
        }
        let removesOwners: @Sendable (Bool) -> @Sendable (AccessWho) -> Outcome = { api in
            signedIn(api) { [.admin, .teamManager].contains($0) ? .ok : $0 == .otherManager ? .notFound : .forbidden }
        }
        @Sendable func ownersTerritory(_ company: AccessCompany) async throws -> String {
            let area = try GeoArea.parse("41.8, -87.7\n41.8, -87.6\n41.9, -87.6")
            let territory = Territory(
                name: "Area \(UUID().uuidString.prefix(8))", repID: company.users[.owner]!.id, teamID: nil, area: area)
            try await territory.save(on: company.app.db)
            return territory.id!.uuidString
        }
        let corners = "41.8, -87.7\n41.8, -87.6\n41.9, -87.6"
        add("GET /api/v1/territories", everyone(true), fixed("/api/v1/territories"))
        add("POST /api/v1/territories", drawsForOwner(true)) { company, _ in
            RouteCall(
                path: "/api/v1/territories",
                json:
                    #"{"name":"Area \#(UUID().uuidString.prefix(8))","repId":"\#(company.users[.owner]!.id!)","corners":[{"latitude":41.8,"longitude":-87.7},{"latitude":41.8,"longitude":-87.6},{"latitude":41.9,"longitude":-87.6}]}"#
            )
        }
        add("DELETE /api/v1/territories/:id", removesOwners(true)) { company, _ in
            RouteCall(path: "/api/v1/territories/\(try await ownersTerritory(company))")
        }
        add("POST /coverage/territories", drawsForOwner(false)) { company, _ in
            RouteCall(
                path: "/coverage/territories",
                form: [
                    "name": "Area \(UUID().uuidString.prefix(8))", "assignee": "rep:\(company.users[.owner]!.id!)",
                    "corners": corners,
                ])
        }
        add("POST /coverage/territories/:id/remove", removesOwners(false)) { company, _ in
            RouteCall(path: "/coverage/territories/\(try await ownersTerritory(company))/remove", form: [:])
        }
        add("GET /routes", everyone(false), fixed("/routes?pick=stale"))
        add("GET /coverage", everyone(false), fixed("/coverage"))
        for file in ["plan.ics", "plan.gpx"] {
            add("GET /routes/\(file)", savesOwned(false)) { company, _ in
                RouteCall(path: "/routes/\(file)?accounts%5B%5D=\(try await placedAccount(company))&keepOrder=1")
            }
        }
        add("POST /routes/visits", savesOwned(false)) { company, _ in
            RouteCall(
                path: "/routes/visits", form: ["accounts[]": try await placedAccount(company), "planned": "1"])
        }
        add("GET /timetable", everyone(false), fixed("/timetable?by=teacher"))
        add("GET /dashboards/:kind", everyone(false), fixed("/dashboards/executive"))
        add("GET /dashboards/:kind/report.pdf", exportAny(false), fixed("/dashboards/executive/report.pdf"))
        add("GET /dashboards/:kind/export.xlsx", exportAny(false), fixed("/dashboards/pipeline/export.xlsx"))
        add(
            "GET /dashboards/:kind/tables/:file", exportAny(false),
            fixed("/dashboards/executive/tables/revenue-by-region.csv"))
        add(
            "GET /dashboards/:kind/charts/:file", exportAny(false),
            fixed("/dashboards/executive/charts/revenue-by-region.svg"))
        add("POST /dashboards/channels/import", managers(false)) { _, _ in
            RouteCall(
                path: "/dashboards/channels/import",
                form: ["csv": "day,channel,spend,impressions,clicks\n\(uniqueDay()),website,10,100,5"])
        }
        add("GET /account/password", everyone(false), fixed("/account/password"))
        add("POST /account/password", everyone(false)) { _, _ in
            var call = RouteCall(
                path: "/account/password",
                form: [
                    "currentPassword": testPassword, "newPassword": testPassword + "!", "confirm": testPassword + "!",
                ],
                freshSession: true)
            // A new password ends the person's other sessions: set it back and sign in again.
            call.restore = { company, who in
                guard let user = try await User.find(company.users[who]?.id, on: company.app.db) else { return }
                try await company.app.userService.changeOwnPassword(
                    user, current: testPassword + "!", new: testPassword)
                try await company.browsers[who]?.signIn(user.email)
                try await company.browsers[who]?.get("/")
            }
            return call
        }
        add("GET /account/tokens", everyone(false), fixed("/account/tokens"))
        add("POST /account/tokens", everyone(false), fixed("/account/tokens", form: ["name": "laptop"]))
        // The page revokes the signed-in person's own tokens; admins revoke others' through the API.
        add("POST /account/tokens/:tokenID/revoke", signedIn(false) { $0 == .owner ? .ok : .notFound }) { company, _ in
            let issued = try await TokenService(db: company.app.db).issue(for: company.users[.owner]!, name: "spare")
            return RouteCall(path: "/account/tokens/\(try issued.token.requireID())/revoke", form: [:])
        }
        add("GET /account/calendar", everyone(false), fixed("/account/calendar"))
        add("GET /account/preferences", everyone(false), fixed("/account/preferences"))
        add(
            "POST /account/preferences", everyone(false),
            fixed("/account/preferences", form: ["timeZone": "Europe/Berlin"]))
        add("POST /account/calendar", exportAny(false), fixed("/account/calendar", form: [:]))
        add("GET /admin/users", adminOnly(false), fixed("/admin/users"))
        add("GET /admin/users/new", adminOnly(false), fixed("/admin/users/new"))
        add("POST /admin/users", adminOnly(false)) { _, _ in
            RouteCall(
                path: "/admin/users",
                form: [
                    "email": "new-\(UUID().uuidString.prefix(8).lowercased())@example.com",
                    "password": "a long password", "role": "rep", "name": "New",
                ])
        }
        add("GET /admin/users/:userID", adminOnly(false)) { company, _ in
            RouteCall(path: "/admin/users/\(try await spareUser(company).requireID())")
        }
        add("POST /admin/users/:userID", adminOnly(false)) { company, _ in
            let user = try await spareUser(company)
            return RouteCall(
                path: "/admin/users/\(try user.requireID())",
                form: ["name": "Renamed", "email": user.email, "role": "rep"])
        }
        for action in ["deactivate", "activate"] {
            add("POST /admin/users/:userID/\(action)", adminOnly(false)) { company, _ in
                RouteCall(path: "/admin/users/\(try await spareUser(company).requireID())/\(action)", form: [:])
            }
        }
        add("POST /admin/users/:userID/password", adminOnly(false)) { company, _ in
            RouteCall(
                path: "/admin/users/\(try await spareUser(company).requireID())/password",
                form: ["password": "another long password"])
        }
        add("GET /admin/teams", adminOnly(false), fixed("/admin/teams"))
        add("POST /admin/teams", adminOnly(false)) { _, _ in
            RouteCall(path: "/admin/teams", form: ["name": "East \(UUID().uuidString.prefix(8))"])
        }
        add("GET /admin/teams/:teamID", adminOnly(false)) { company, _ in
            RouteCall(path: "/admin/teams/\(try await spareTeam(company).requireID())")
        }
        add("POST /admin/teams/:teamID", adminOnly(false)) { company, _ in
            let team = try await spareTeam(company)
            return RouteCall(
                path: "/admin/teams/\(try team.requireID())",
                form: ["name": team.name, "region": "Iberia", "leadId": ""])
        }
        add("POST /admin/teams/:teamID/delete", adminOnly(false)) { company, _ in
            RouteCall(path: "/admin/teams/\(try await spareTeam(company).requireID())/delete", form: [:])
        }
        add("GET /admin/settings", adminOnly(false), fixed("/admin/settings"))
        add(
            "POST /admin/settings", adminOnly(false),
            fixed("/admin/settings", form: ["export_manager": "on", "export_rep": "on"]))

        // MARK: notifications (each person's own) and background jobs (admins)
        @Sendable func ownersNotification(_ company: AccessCompany) async throws -> String {
            let app = company.app
            let id = try company.users[.owner]!.requireID()
            try await NotificationInbox(app: app, db: app.db).notify(
                id, .taskDue, title: "Call back", link: "/tasks", key: "walk:\(UUID())", now: Date())
            return try #require(try await NotificationInbox(app: app, db: app.db).list(id, limit: 1).first).id
                .uuidString
        }
        @Sendable func job(_ company: AccessCompany, failed: Bool) async throws -> String {
            let key = "walk:\(UUID())"
            try await company.app.jobs.enqueue(
                "walk.job", payload: ["n": 1], runAt: Date().addingTimeInterval(3_600), uniqueKey: key)
            if failed {
                try await company.app.db.sql.update(JobQueue.table).set("state", to: "failed").where(
                    "unique_key", .equal, key
                ).run()
            }
            let row = try await company.app.db.sql.select().column("id").from(JobQueue.table).where(
                "unique_key", .equal, key
            ).first()
            return try #require(row).decode(column: "id", as: UUID.self).uuidString
        }
        // MARK: approvals of large deals: the deal's people ask, managers of the owner and admins answer
        @Sendable func pendingApproval(_ company: AccessCompany) async throws -> (deal: String, approval: String) {
            let deal = try await fresh(company, "opportunities")
            let approval = DealApproval(
                opportunityID: UUID(uuidString: deal)!, amountCents: 5_000_000, requestedBy: company.users[.owner]!.id!,
                at: Date(), note: nil)
            try await approval.create(on: company.app.db)
            return (deal, try approval.requireID().uuidString)
        }
        let decides: @Sendable (Bool) -> @Sendable (AccessWho) -> Outcome = { api in
            signedIn(api) { who in
                [.admin, .teamManager].contains(who) ? .ok : [.owner, .viewer].contains(who) ? .forbidden : .notFound
            }
        }
        // No approval amount is set in the walk's company, so an allowed ask is refused as needless.
        let asks: @Sendable (Bool) -> @Sendable (AccessWho) -> Outcome = { api in
            signedIn(api) { who in
                who == .viewer ? .forbidden : who.seesOwnersRecords ? (api ? .invalid : .ok) : .notFound
            }
        }
        add("GET /api/v1/opportunities/:id/approvals", readOwned(true)) { company, _ in
            RouteCall(path: "/api/v1/opportunities/\(try await fresh(company, "opportunities"))/approvals")
        }
        add("POST /api/v1/opportunities/:id/approvals", asks(true)) { company, _ in
            RouteCall(
                path: "/api/v1/opportunities/\(try await fresh(company, "opportunities"))/approvals",
                json: #"{"note":"Big one"}"#)
        }
        add("POST /api/v1/opportunities/:id/approvals/:approvalID/decision", decides(true)) { company, _ in
            let (deal, approval) = try await pendingApproval(company)
            return RouteCall(
                path: "/api/v1/opportunities/\(deal)/approvals/\(approval)/decision", json: #"{"decision":"approved"}"#)
        }
        add("POST /opportunities/:id/approval", asks(false)) { company, _ in
            RouteCall(
                path: "/opportunities/\(try await fresh(company, "opportunities"))/approval", form: ["note": "Big one"])
        }
        add("POST /opportunities/:id/approval/decision", decides(false)) { company, _ in
            RouteCall(
                path: "/opportunities/\(try await pendingApproval(company).deal)/approval/decision",
                form: ["decision": "approved"])
        }
        add("GET /notifications", everyone(false), fixed("/notifications"))
        add("POST /notifications/read-all", everyone(false), fixed("/notifications/read-all", form: [:]))
        add("POST /notifications/:notificationID/open", signedIn(false) { $0 == .owner ? .ok : .notFound }) {
            company, _ in
            RouteCall(path: "/notifications/\(try await ownersNotification(company))/open", form: [:])
        }
        add("GET /api/v1/notifications", everyone(true), fixed("/api/v1/notifications"))
        add("POST /api/v1/notifications/read-all", everyone(true), fixed("/api/v1/notifications/read-all", json: "{}"))
        add("POST /api/v1/notifications/:notificationID/read", signedIn(true) { $0 == .owner ? .ok : .notFound }) {
            company, _ in
            RouteCall(path: "/api/v1/notifications/\(try await ownersNotification(company))/read", json: "{}")
        }
        add("GET /admin/jobs", adminOnly(false), fixed("/admin/jobs"))
        add("POST /admin/jobs/:jobID/retry", adminOnly(false)) { company, _ in
            RouteCall(path: "/admin/jobs/\(try await job(company, failed: true))/retry", form: [:])
        }
        add("POST /admin/jobs/:jobID/cancel", adminOnly(false)) { company, _ in
            RouteCall(path: "/admin/jobs/\(try await job(company, failed: false))/cancel", form: [:])
        }
        add("GET /api/v1/admin/jobs", adminOnly(true), fixed("/api/v1/admin/jobs"))
        add("POST /api/v1/admin/jobs/:jobID/retry", adminOnly(true)) { company, _ in
            RouteCall(path: "/api/v1/admin/jobs/\(try await job(company, failed: true))/retry", json: "{}")
        }
        add("POST /api/v1/admin/jobs/:jobID/cancel", adminOnly(true)) { company, _ in
            RouteCall(path: "/api/v1/admin/jobs/\(try await job(company, failed: false))/cancel", json: "{}")
        }
        // MARK: backups (admins)
        @Sendable func clearBackupsUnderWay(_ company: AccessCompany) async throws {
            try await company.app.db.sql.delete(from: BackupRuns.table).where("state", .in, ["queued", "running"]).run()
        }
        @Sendable func finishedBackup(_ company: AccessCompany) async throws -> String {
            let app = company.app
            if let kept = try await BackupRuns(db: app.db).list().first(where: { $0.available && $0.kind == "backup" })
            {
                return kept.id.uuidString
            }
            try await clearBackupsUnderWay(company)
            let run = try await BackupRuns(db: app.db).start(
                .manual, by: nil, schedule: try await BackupJob.schedule(app), now: Date())
            try await BackupJob.perform(run.id, app: app)
            return run.id.uuidString
        }
        let schedule = ["enabled": "on", "hour": "3", "keep": "7"]
        add("GET /admin/backups", adminOnly(false), fixed("/admin/backups"))
        add("POST /admin/backups", adminOnly(false)) { company, _ in
            try await clearBackupsUnderWay(company)
            return RouteCall(path: "/admin/backups", form: [:])
        }
        add("POST /admin/backups/export", adminOnly(false)) { company, _ in
            try await clearBackupsUnderWay(company)
            return RouteCall(path: "/admin/backups/export", form: [:])
        }
        // Restoring without the confirmation: admins pass the policy and are asked for it.
        let adminAskedToConfirm: @Sendable (Bool) -> @Sendable (AccessWho) -> Outcome = { api in
            signedIn(api) { $0 == .admin ? .invalid : .forbidden }
        }
        add("GET /admin/backups/:backupID/restore", adminOnly(false)) { company, _ in
            RouteCall(path: "/admin/backups/\(try await finishedBackup(company))/restore")
        }
        add("POST /admin/backups/:backupID/restore", adminAskedToConfirm(false)) { company, _ in
            RouteCall(path: "/admin/backups/\(try await finishedBackup(company))/restore", form: ["confirm": "no"])
        }
        add("POST /api/v1/admin/backups/:backupID/restore", adminAskedToConfirm(true)) { company, _ in
            RouteCall(
                path: "/api/v1/admin/backups/\(try await finishedBackup(company))/restore", json: #"{"confirm":"no"}"#)
        }
        add("POST /api/v1/admin/exports", adminOnly(true)) { company, _ in
            try await clearBackupsUnderWay(company)
            return RouteCall(path: "/api/v1/admin/exports", json: "{}")
        }
        // MARK: personal data (admins, and roles they allow; none by default). The walk's
        // company has no such person: admins pass the policy and hear so.
        let adminHearsNobody: @Sendable (Bool) -> @Sendable (AccessWho) -> Outcome = { api in
            signedIn(api) { $0 == .admin ? .notFound : .forbidden }
        }
        add("GET /admin/privacy", adminOnly(false), fixed("/admin/privacy?who=nobody%40example.com"))
        add("GET /admin/privacy/export", adminHearsNobody(false), fixed("/admin/privacy/export?who=ana%40lima.example"))
        add("POST /admin/privacy/erase", adminHearsNobody(false)) { _, _ in
            RouteCall(path: "/admin/privacy/erase", form: ["who": "nobody@example.com", "confirm": "ERASE"])
        }
        add("POST /admin/privacy/settings", adminOnly(false)) { _, _ in
            RouteCall(path: "/admin/privacy/settings", form: ["months": ""])
        }
        add(
            "GET /api/v1/admin/privacy/people", adminOnly(true),
            fixed("/api/v1/admin/privacy/people?email=nobody%40example.com"))
        add(
            "GET /api/v1/admin/privacy/export", adminHearsNobody(true),
            fixed("/api/v1/admin/privacy/export?email=ana%40lima.example"))
        add("POST /api/v1/admin/privacy/erase", adminHearsNobody(true)) { _, _ in
            RouteCall(path: "/api/v1/admin/privacy/erase", json: #"{"email":"nobody@example.com","confirm":"ERASE"}"#)
        }
        add("GET /api/v1/admin/privacy/settings", adminOnly(true), fixed("/api/v1/admin/privacy/settings"))
        add("PATCH /api/v1/admin/privacy/settings", adminOnly(true)) { _, _ in
            RouteCall(path: "/api/v1/admin/privacy/settings", json: #"{"retentionMonths":null}"#)
        }
        // MARK: webhooks (admins)
        add("GET /admin/webhooks", adminOnly(false), fixed("/admin/webhooks"))
        add("POST /admin/webhooks", signedIn(false) { $0 == .admin ? .invalid : .forbidden }) { _, _ in
            RouteCall(path: "/admin/webhooks", form: ["url": ""])
        }
        add("POST /admin/webhooks/:webhookID/active", signedIn(false) { $0 == .admin ? .notFound : .forbidden }) {
            _, _ in
            RouteCall(path: "/admin/webhooks/\(UUID())/active", form: [:])
        }
        add(
            "POST /admin/webhooks/deliveries/:deliveryID/replay",
            signedIn(false) { $0 == .admin ? .notFound : .forbidden }
        ) { _, _ in
            RouteCall(path: "/admin/webhooks/deliveries/\(UUID())/replay", form: [:])
        }
        add("GET /api/v1/admin/webhooks", adminOnly(true), fixed("/api/v1/admin/webhooks"))
        add("POST /api/v1/admin/webhooks", signedIn(true) { $0 == .admin ? .invalid : .forbidden }) { _, _ in
            RouteCall(path: "/api/v1/admin/webhooks", json: #"{"url": ""}"#)
        }
        add("PATCH /api/v1/admin/webhooks/:webhookID", signedIn(true) { $0 == .admin ? .notFound : .forbidden }) {
            _, _ in
            RouteCall(path: "/api/v1/admin/webhooks/\(UUID())", json: #"{"active": false}"#)
        }
        add("GET /api/v1/admin/webhooks/deliveries", adminOnly(true), fixed("/api/v1/admin/webhooks/deliveries"))
        add(
            "POST /api/v1/admin/webhooks/deliveries/:deliveryID/replay",
            signedIn(true) { $0 == .admin ? .notFound : .forbidden }
        ) { _, _ in
            RouteCall(path: "/api/v1/admin/webhooks/deliveries/\(UUID())/replay", json: "{}")
        }
        // MARK: lead forms (admins)
        add("GET /admin/intake", adminOnly(false), fixed("/admin/intake"))
        add("POST /admin/intake", signedIn(false) { $0 == .admin ? .invalid : .forbidden }) { _, _ in
            RouteCall(path: "/admin/intake", form: ["name": ""])
        }
        add("POST /admin/intake/:formID/active", signedIn(false) { $0 == .admin ? .notFound : .forbidden }) { _, _ in
            RouteCall(path: "/admin/intake/\(UUID())/active", form: [:])
        }
        add("GET /api/v1/admin/intake/forms", adminOnly(true), fixed("/api/v1/admin/intake/forms"))
        add("POST /api/v1/admin/intake/forms", signedIn(true) { $0 == .admin ? .invalid : .forbidden }) { _, _ in
            RouteCall(path: "/api/v1/admin/intake/forms", json: #"{"name": ""}"#)
        }
        add("PATCH /api/v1/admin/intake/forms/:formID", signedIn(true) { $0 == .admin ? .notFound : .forbidden }) {
            _, _ in
            RouteCall(path: "/api/v1/admin/intake/forms/\(UUID())", json: #"{"active": false}"#)
        }
        add("GET /api/v1/admin/intake/log", adminOnly(true), fixed("/api/v1/admin/intake/log"))
        add("POST /admin/intake/log/:entryID/replay", signedIn(false) { $0 == .admin ? .notFound : .forbidden }) {
            _, _ in
            RouteCall(path: "/admin/intake/log/\(UUID())/replay", form: [:])
        }
        add("POST /api/v1/admin/intake/log/:entryID/replay", signedIn(true) { $0 == .admin ? .notFound : .forbidden }) {
            _, _ in
            RouteCall(path: "/api/v1/admin/intake/log/\(UUID())/replay", json: "{}")
        }
        add("POST /admin/backups/schedule", adminOnly(false)) { company, _ in
            RouteCall(
                path: "/admin/backups/schedule",
                form: schedule.merging(["folder": company.app.settings.backupDirectory]) { $1 })
        }
        add("GET /admin/backups/:backupID/progress", adminOnly(false)) { company, _ in
            RouteCall(path: "/admin/backups/\(try await finishedBackup(company))/progress")
        }
        add("GET /admin/backups/:backupID/download", adminOnly(false)) { company, _ in
            RouteCall(path: "/admin/backups/\(try await finishedBackup(company))/download")
        }
        add("GET /api/v1/admin/backups", adminOnly(true), fixed("/api/v1/admin/backups"))
        add("POST /api/v1/admin/backups", adminOnly(true)) { company, _ in
            try await clearBackupsUnderWay(company)
            return RouteCall(path: "/api/v1/admin/backups", json: "{}")
        }
        add("GET /api/v1/admin/backups/schedule", adminOnly(true), fixed("/api/v1/admin/backups/schedule"))
        add("PATCH /api/v1/admin/backups/schedule", adminOnly(true)) { company, _ in
            RouteCall(path: "/api/v1/admin/backups/schedule", json: #"{"keep": 5}"#)
        }
        add("GET /api/v1/admin/backups/:backupID", adminOnly(true)) { company, _ in
            RouteCall(path: "/api/v1/admin/backups/\(try await finishedBackup(company))")
        }
        add("GET /api/v1/admin/backups/:backupID/file", adminOnly(true)) { company, _ in
            RouteCall(path: "/api/v1/admin/backups/\(try await finishedBackup(company))/file")
        }
        add("GET /admin/mail", adminOnly(false), fixed("/admin/mail"))
        add("GET /admin/mail/:file", adminOnly(false)) { company, _ in
            let mailbox = try #require(company.app.devMailbox)
            let message = MailMessage(
                messageID: "\(UUID())@walk", from: "a@example.com", to: "b@example.com", subject: "Walk", text: "Hello")
            try await mailbox.send(message, date: Date())
            return RouteCall(path: "/admin/mail/\(try #require(try mailbox.entries().first).file)")
        }

        // MARK: imports: each person's own, and admins see all
        @Sendable func ownersImport(_ company: AccessCompany, finished: Bool) async throws -> String {
            let app = company.app
            let actor = try await ActorResolver.resolve(company.users[.owner]!, on: app.db)
            let service = ImportService(db: app.db, actor: actor, now: Date(), logger: app.logger)
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("walk-\(UUID()).csv").path
            try "Name,Email\nWalk lead,walk-\(UUID().uuidString.prefix(8).lowercased())@example.com\n".write(
                toFile: path, atomically: true, encoding: .utf8)
            defer { try? FileManager.default.removeItem(atPath: path) }
            let record = try await service.upload(path: path, fileName: "walk.csv", type: "leads")
            if finished {
                _ = try await service.start(record.id)
                try await ImportJob.run(record.id, app: app)
            }
            return record.id.uuidString
        }
        let ownImport: @Sendable (Bool) -> @Sendable (AccessWho) -> Outcome = { api in
            signedIn(api) { [.admin, .owner].contains($0) ? .ok : .notFound }
        }
        add("GET /api/v1/imports", everyone(true), fixed("/api/v1/imports"))
        add(
            "POST /api/v1/imports", createOwned(true),
            fixed("/api/v1/imports?type=leads&fileName=walk.csv", json: "Name\nWalk upload\n"))
        add("GET /api/v1/imports/:importID", ownImport(true)) { company, _ in
            RouteCall(path: "/api/v1/imports/\(try await ownersImport(company, finished: false))")
        }
        add("PATCH /api/v1/imports/:importID", ownImport(true)) { company, _ in
            RouteCall(
                path: "/api/v1/imports/\(try await ownersImport(company, finished: false))",
                json: #"{"onDuplicate":"update"}"#)
        }
        add("POST /api/v1/imports/:importID/check", ownImport(true)) { company, _ in
            RouteCall(path: "/api/v1/imports/\(try await ownersImport(company, finished: false))/check", json: "{}")
        }
        add("POST /api/v1/imports/:importID/start", ownImport(true)) { company, _ in
            RouteCall(path: "/api/v1/imports/\(try await ownersImport(company, finished: false))/start", json: "{}")
        }
        add("POST /api/v1/imports/:importID/undo", ownImport(true)) { company, _ in
            RouteCall(path: "/api/v1/imports/\(try await ownersImport(company, finished: true))/undo", json: "{}")
        }
        add("GET /api/v1/imports/:importID/report", ownImport(true)) { company, _ in
            RouteCall(path: "/api/v1/imports/\(try await ownersImport(company, finished: true))/report")
        }
        add("GET /imports", everyone(false), fixed("/imports"))
        // The walk's form carries no file, so those allowed to import are asked for one.
        add(
            "POST /imports", signedIn(false) { $0 == .viewer ? .forbidden : .invalid },
            fixed("/imports", form: ["type": "leads"]))
        add("GET /imports/:importID", ownImport(false)) { company, _ in
            RouteCall(path: "/imports/\(try await ownersImport(company, finished: false))")
        }
        add("POST /imports/:importID", ownImport(false)) { company, _ in
            RouteCall(
                path: "/imports/\(try await ownersImport(company, finished: false))",
                form: ["onDuplicate": "skip", "column_0": "name"])
        }
        add("POST /imports/:importID/start", ownImport(false)) { company, _ in
            RouteCall(path: "/imports/\(try await ownersImport(company, finished: false))/start", form: [:])
        }
        add("POST /imports/:importID/undo", ownImport(false)) { company, _ in
            RouteCall(path: "/imports/\(try await ownersImport(company, finished: true))/undo", form: [:])
        }
        add("GET /imports/:importID/report", ownImport(false)) { company, _ in
            RouteCall(path: "/imports/\(try await ownersImport(company, finished: true))/report")
        }
        add("GET /imports/:importID/progress", ownImport(false)) { company, _ in
            RouteCall(path: "/imports/\(try await ownersImport(company, finished: false))/progress")
        }

        // MARK: duplicates and merges: those who may change both records; undo by who merged, or admins
        @Sendable func ownersMerge(_ company: AccessCompany) async throws -> String {
            let (kept, other) = (try await fresh(company, "leads"), try await fresh(company, "leads"))
            let actor = try await ActorResolver.resolve(company.users[.owner]!, on: company.app.db)
            let context = RecordContext(db: company.app.db, actor: actor, now: Date(), logger: company.app.logger)
            return try await RecordMerge(spec: .leads, context: context).merge(
                keep: UUID(uuidString: kept)!, remove: UUID(uuidString: other)!
            ).id.uuidString
        }
        for spec in DuplicatePairs.types {
            let path = spec.path
            for api in [true, false] {
                let base = api ? "/api/v1/\(path)" : "/\(path)"
                add("GET \(base)/duplicates", createOwned(api), fixed("\(base)/duplicates"))
                add("POST \(base)/:id/merge", writeOwned(api)) { company, _ in
                    let (kept, other) = (try await fresh(company, path), try await fresh(company, path))
                    return api
                        ? RouteCall(path: "\(base)/\(kept)/merge", json: #"{"otherId":"\#(other)"}"#)
                        : RouteCall(path: "\(base)/\(kept)/merge", form: ["otherId": other])
                }
            }
        }
        add("POST /api/v1/merges/:mergeID/undo", ownImport(true)) { company, _ in
            RouteCall(path: "/api/v1/merges/\(try await ownersMerge(company))/undo", json: "{}")
        }
        add("POST /merges/:mergeID/undo", ownImport(false)) { company, _ in
            RouteCall(path: "/merges/\(try await ownersMerge(company))/undo", form: [:])
        }
        return rules
    }()
}
