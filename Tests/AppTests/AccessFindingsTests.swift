@testable import App
import Fluent
import Foundation
import SQLKit
import Testing
import Vapor
import VaporTesting

/// The three ways through S1 that a probe found, each closed at the root: page writes go
/// through the store's policy check, cursors carry signed values, exports need the grant.
@Suite("Access findings")
struct AccessFindingsTests {
    @Test func viewerQuickActionsOnARecordPageAreRefusedAndWriteNothing() async throws {
        try await withTestApp { app in
            // given a lead of repA's and a viewer signed in on the web
            let company = try await CRMCompany.make(app)
            let lead = try await company.create(.repA, "leads", try await company.sampleBody("leads", ownedBy: .repA))
            let account = try await company.create(
                .repA, "accounts", try await company.sampleBody("accounts", ownedBy: .repA))
            let before = try await DatabaseFingerprint.take(app)
            let browser = Browser(app)
            try await browser.signIn("viewer@example.com")
            try await browser.get("/leads/\(lead)")
            // when the viewer posts every quick action the page has
            let attempts: [(String, [String: String])] = [
                ("/leads/\(lead)/notes", ["body": "viewer note"]),
                ("/leads/\(lead)/activities", ["type": "call", "subject": "viewer call"]),
                ("/leads/\(lead)/tasks", ["title": "viewer task", "dueAt": "2030-01-01T09:00"]),
                ("/accounts/\(account)/notes", ["body": "viewer note"]),
                ("/leads/\(lead)/follow-up", ["at": "2030-01-01T09:00", "note": "x"]),
                ("/leads/\(lead)/snooze", ["until": "2030-01-01T09:00"]),
            ]
            for (path, form) in attempts {
                // then each is a 403 page, not a redirect that looks like success
                let response = try await browser.post(path, form)
                #expect(response.status == .forbidden, "\(path): \(response.status)")
            }
            // and nothing changed: no rows, counters, audit entries or roll-ups
            #expect(try await DatabaseFingerprint.take(app) == before)
        }
    }

    @Test func theStoreItselfRefusesAWriteTheRoleMayNotMake() async throws {
        try await withTestApp { app in
            let company = try await CRMCompany.make(app)
            let viewer = try await ActorResolver.resolve(company.users[.viewer]!, on: app.db)
            let context = RecordContext(db: app.db, actor: viewer, now: Date(), logger: app.logger)
            await #expect(throws: DomainError.self) {
                _ = try await RecordStore(spec: .notes, db: app.db).create(
                    given: ["body": .text("sneaky")], context: context)
            }
            #expect(
                try await app.db.sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n")
                    .from("notes").first()?.decode(column: "n", as: Int.self) == 0)
        }
    }

    @Test func cursorsAreSignedBoundToTheirListAndPerson() async throws {
        try await withTestApp { app in
            let company = try await CRMCompany.make(app)
            for n in 1...3 {
                try await company.create(
                    .repA, "opportunities", try await company.sampleBody("opportunities", ownedBy: .repA, n))
            }
            let first = try await company.call(.repA, .GET, "/api/v1/opportunities?sort=-amount&limit=1")
            let cursor = try #require(try first.json()["nextCursor"] as? String)
            #expect(
                try await company.call(.repA, .GET, "/api/v1/opportunities?sort=-amount&limit=1&cursor=\(cursor)")
                    .status == .ok)
            // an edited cursor, one carried to another sort or list, or to another person, is refused
            var tampered = Array(cursor)
            tampered[4] = tampered[4] == "A" ? "B" : "A"
            let refusals = [
                (CRMCompany.Person.repA, "/api/v1/opportunities?sort=-amount&limit=1&cursor=\(String(tampered))"),
                (.repA, "/api/v1/opportunities?sort=amount&limit=1&cursor=\(cursor)"),
                (.repA, "/api/v1/leads?sort=-amount&limit=1&cursor=\(cursor)"),
                (.manager, "/api/v1/opportunities?sort=-amount&limit=1&cursor=\(cursor)"),
            ]
            for (person, path) in refusals {
                let response = try await company.call(person, .GET, path)
                #expect(response.status.code == 422, "\(path): \(response.text)")
            }
            let error = try await company.call(.repA, .GET, refusals[0].1).apiError()
            #expect(error.field == "cursor" || error.field == "sort")
        }
    }

    /// The old cursor looked its row up by id, unchecked, and paged from that row's stored value:
    /// naming a hidden deal's id let a rep bisect its amount. A cursor now pages from the value it
    /// carries, so the answer is the same whichever id it names.
    @Test func aCursorNamingAHiddenRowLearnsNothingAboutIt() async throws {
        try await withTestApp { app in
            let company = try await CRMCompany.make(app)
            let hiddenAccount = try await company.create(.repB, "accounts", #"{"name":"Hidden Co"}"#)
            let hidden = try await company.create(
                .repB, "opportunities", #"{"name":"Secret","amount":7777,"accountId":"\#(hiddenAccount)"}"#)
            for n in 1...4 {
                try await company.create(
                    .repA, "opportunities",
                    try await company.sampleBody("opportunities", ownedBy: .repA, n).replacingOccurrences(
                        of: #""amount":5000"#, with: #""amount":\#(n * 2000)"#))
            }
            let key = try await ListCursor.key(on: app.db.sql)
            let repA = try #require(company.users[.repA]?.id)
            func page(after id: String) async throws -> [String] {
                let cursor = try ListCursor(
                    list: "opportunities", sort: "-amount", actor: repA, value: "500000", id: UUID(uuidString: id)!
                ).encoded(key: key)
                let response = try await company.call(
                    .repA, .GET, "/api/v1/opportunities?sort=-amount&limit=10&cursor=\(cursor)")
                #expect(response.status == .ok, "\(response.text)")
                return (try response.json()["items"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
            }
            let visibleID = try #require(
                (try await company.call(.repA, .GET, "/api/v1/opportunities?limit=1").json()["items"]
                    as? [[String: Any]])?.first?["id"] as? String)
            // the same page whether the cursor names the hidden deal or one of repA's own
            #expect(try await page(after: hidden) == (try await page(after: visibleID)))
            #expect(!(try await page(after: hidden)).contains(hidden))
        }
    }

    @Test func pagingWalksRowsThatShareASortValueExactlyOnce() async throws {
        try await withTestApp { app in
            let company = try await CRMCompany.make(app)
            var created: Set<String> = []
            for n in 1...7 {
                created.insert(
                    try await company.create(.repA, "leads", try await company.sampleBody("leads", ownedBy: .repA, n)))
            }
            for sort in ["-createdAt", "status", "name", "-score"] {
                var seen: [String] = []
                var cursor: String?
                repeat {
                    let path = "/api/v1/leads?sort=\(sort)&limit=2" + (cursor.map { "&cursor=\($0)" } ?? "")
                    let json = try await company.call(.repA, .GET, path).json()
                    seen += (json["items"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
                    cursor = json["nextCursor"] as? String
                } while cursor != nil && seen.count < 20
                #expect(seen.count == 7, "\(sort)")
                #expect(Set(seen) == created, "\(sort)")
            }
        }
    }

    @Test func viewersGetNoCalendarFilesOrFeedUntilAnAdminGrantsExports() async throws {
        try await withTestApp { app in
            let company = try await CRMCompany.make(app)
            let lead = try await company.create(
                .repA, "leads",
                #"{"name":"Ada","followUpAt":"2030-01-02T10:00:00Z","followUpNote":"call back","ownerId":"\#(try company.id(.repA))"}"#
            )
            let task = try await company.create(.repA, "tasks", try await company.sampleBody("tasks", ownedBy: .repA))
            let viewer = Browser(app)
            try await viewer.signIn("viewer@example.com")
            for path in ["/leads/\(lead)/calendar.ics", "/tasks/\(task)/calendar.ics"] {
                #expect(try await viewer.get(path).status == .forbidden, "\(path)")
            }
            let page = try await viewer.get("/leads/\(lead)")
            #expect(page.status == .ok)
            #expect(!page.text.contains("calendar.ics"))
            #expect(try await viewer.get("/account/calendar").text.contains("no feed for you"))
            #expect(try await viewer.post("/account/calendar", [:]).status == .forbidden)
            let dashboardFile = try await viewer.get("/dashboards/executive/report.pdf")
            #expect(dashboardFile.status == .forbidden)
            #expect(!(try await viewer.get("/dashboards/executive").text.contains("report.pdf")))
            // a feed address the viewer held before stops answering
            let viewerUser = company.users[.viewer]!
            viewerUser.calendarToken = "viewer-feed-secret"
            try await viewerUser.save(on: app.db)
            #expect(try await app.testing().sendRequest(.GET, "/calendar/viewer-feed-secret.ics").status == .forbidden)
            // the owner may
            let owner = Browser(app)
            try await owner.signIn("repa@example.com")
            #expect(try await owner.get("/leads/\(lead)/calendar.ics").status == .ok)
            // when an admin grants exports to viewers, the same calls succeed
            #expect(
                try await company.call(.viewer, .PATCH, "/api/v1/settings", #"{"exportRoles":["viewer"]}"#).status
                    == .forbidden)
            let granted = try await company.call(
                .admin, .PATCH, "/api/v1/settings", #"{"exportRoles":["manager","rep","viewer"]}"#)
            #expect(granted.status == .ok)
            #expect(try await viewer.get("/leads/\(lead)/calendar.ics").status == .ok)
            #expect(try await app.testing().sendRequest(.GET, "/calendar/viewer-feed-secret.ics").status == .ok)
            // and withdrawing it from reps takes their downloads away
            _ = try await company.call(.admin, .PATCH, "/api/v1/settings", #"{"exportRoles":[]}"#)
            #expect(try await owner.get("/leads/\(lead)/calendar.ics").status == .forbidden)
            let bad = try await company.call(.admin, .PATCH, "/api/v1/settings", #"{"exportRoles":["boss"]}"#)
            #expect(bad.status == .unprocessableEntity)
            #expect(try bad.apiError().field == "exportRoles")
        }
    }

    @Test func adminsGrantExportsOnTheSettingsPage() async throws {
        try await withTestApp { app in
            let company = try await CRMCompany.make(app)
            let admin = Browser(app)
            try await admin.signIn("admin@example.com")
            let page = try await admin.get("/admin/settings")
            #expect(page.status == .ok)
            #expect(page.text.contains("Who may export"))
            #expect(try await admin.post("/admin/settings", ["export_viewer": "on"]).status == .seeOther)
            #expect(try await CompanySettings(sql: app.db.sql).exportRoles() == [.admin, .viewer])
            let manager = Browser(app)
            try await manager.signIn("manager@example.com")
            #expect(try await manager.get("/admin/settings").status == .forbidden)
            #expect(try await manager.post("/admin/settings", ["export_manager": "on"]).status == .forbidden)
            #expect(try await company.call(.manager, .GET, "/api/v1/settings").status == .forbidden)
        }
    }

    @Test func linkedRecordsTheViewerMayNotOpenShowWithoutTheirName() async throws {
        try await withTestApp { app in
            let company = try await CRMCompany.make(app)
            let parent = try await company.create(
                .repB, "accounts", #"{"name":"Zephyr Holdings","ownerId":"\#(try company.id(.repB))"}"#)
            let child = try await company.create(
                .admin, "accounts",
                #"{"name":"Zephyr Retail","parentId":"\#(parent)","ownerId":"\#(try company.id(.repA))"}"#)
            let contact = try await company.create(
                .admin, "contacts", #"{"name":"Pat","accountId":"\#(parent)","ownerId":"\#(try company.id(.repA))"}"#)
            let rep = Browser(app)
            try await rep.signIn("repa@example.com")
            for path in ["/accounts/\(child)", "/contacts/\(contact)", "/contacts", "/accounts"] {
                let page = try await rep.get(path)
                #expect(page.status == .ok, "\(path)")
                #expect(!page.text.contains("Zephyr Holdings"), "\(path)")
                #expect(!page.text.contains("/accounts/\(parent)"), "\(path)")
            }
            #expect(try await rep.get("/accounts/\(child)").text.contains("a restricted account"))
            // the owner of the parent, and the admin, see it by name
            let admin = Browser(app)
            try await admin.signIn("admin@example.com")
            #expect(try await admin.get("/accounts/\(child)").text.contains("Zephyr Holdings"))
        }
    }

    @Test func guessingAcrossAddressesFromOnePlaceLocksThatPlaceOut() async throws {
        try await withTestApp({ $0.clientLockout = .init(maxFailures: 3, lockDuration: 600) }) { app in
            try await makeUser(app, email: "real@example.com", role: "rep")
            let port = Int.random(in: 20_000...40_000)
            let server = try app.testing(method: .running(hostname: "127.0.0.1", port: port))
            func attempt(_ email: String, _ password: String) async throws -> HTTPStatus {
                try await server.sendRequest(
                    .POST, "/api/v1/auth/tokens", headers: ["Content-Type": "application/json"],
                    body: ByteBuffer(string: #"{"email":"\#(email)","password":"\#(password)","name":"t"}"#)
                ).status
            }
            // three wrong guesses, each at a different address, none of them locked on its own
            for n in 1...3 { #expect(try await attempt("guess\(n)@example.com", "wrong") != .created) }
            // then even the right password for a fourth address is refused from this client
            #expect(try await attempt("real@example.com", testPassword) == .tooManyRequests)
            // the per-address lock of the typed address is untouched
            #expect(try await LoginThrottle.query(on: app.db).filter(\.$emailKey == "real@example.com").count() == 0)
        }
    }
}
