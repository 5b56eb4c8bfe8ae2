@testable import App
import Foundation
import SalesPulseCore
import SQLKit
import Testing
import Vapor
import VaporTesting

/// Lead forms on landing pages: a submission becomes a lead of the form's source, given by the
/// form's rule and announced to its owner; the same person again is matched; spam, floods
/// and foreign sites are refused and counted, never stored.
@Suite struct IntakeTests {
    struct Company {
        let app: Application
        let admin: User
        let bearer: String
        let reps: [User]
        let resting: User
        let team: Team
    }

    private func company(_ app: Application) async throws -> Company {
        let admin = try await makeUser(app, email: "admin@example.com", role: "admin")
        let team = try await makeTeam(app, "North")
        var reps: [User] = []
        for name in ["ana", "bruno", "carla"] { reps.append(try await makeUser(app, email: "\(name)@example.com", role: "rep", team: "North")) }
        let resting = try await makeUser(app, email: "dario@example.com", role: "rep", team: "North")
        resting.isActive = false
        try await resting.save(on: app.db)
        return Company(app: app, admin: admin, bearer: try await token(for: admin, app), reps: reps, resting: resting, team: team)
    }

    private func form(_ company: Company, _ json: String) async throws -> [String: Any] {
        let created = try await company.app.api(.POST, "/api/v1/admin/intake/forms", token: company.bearer, json: json)
        #expect(created.status == .created, "\(created.text)")
        return try created.json()
    }

    private func submit(_ app: Application, _ address: String, _ fields: [String: String], headers: HTTPHeaders = [:]) async throws -> TestingHTTPResponse {
        var fields = fields
        if fields[SpamGuard.openedField] == nil { fields[SpamGuard.openedField] = String(Int((app.clock.now().timeIntervalSince1970 - 20) * 1000)) }
        let body = fields.map { "\($0.key.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)=\($0.value.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)" }
            .joined(separator: "&")
        var headers = headers
        headers.contentType = .urlEncodedForm
        return try await app.testing().sendRequest(.POST, address, headers: headers, body: ByteBuffer(string: body))
    }

    private func path(_ form: [String: Any]) -> String {
        URL(string: form["address"] as? String ?? "")?.path ?? ""
    }

    private func count(_ app: Application, _ query: SQLQueryString) async throws -> Int {
        try await app.db.sql.raw("SELECT COUNT(*) AS \(ident: "n") FROM \(query)").first()?.decode(column: "n", as: Int.self) ?? 0
    }

    @Test func aSubmissionBecomesAnAssignedLeadAndTheSamePersonAgainIsMatched() async throws {
        try await withTestApp { app in
            // given
            let company = try await company(app)
            let form = try await form(company, #"{"name": "Spring open day", "source": "landing_page", "assignTo": "roundRobin", "team": "\#(company.team.id!)", "thankYouUrl": "https://www.example.com/thanks"}"#)
            #expect((form["snippet"] as? String)?.contains(#"name="\#(SpamGuard.honeypotField)""#) == true)

            // when
            let sent = try await submit(app, path(form), ["name": "Olga Pires", "email": "Olga@Pires.example", "phone": "+351 912 345 678", "message": "Is there a Saturday class?"])

            // then
            #expect(sent.status == .seeOther)
            #expect(sent.headers.first(name: .location) == "https://www.example.com/thanks")
            let lead = try #require(try await app.db.sql.raw("SELECT id, owner_id, source, email, need FROM leads").first())
            #expect(try lead.decode(column: "source", as: String.self) == "landing_page")
            #expect(try lead.decode(column: "email", as: String.self) == "olga@pires.example")
            let owner = try lead.decode(column: "owner_id", as: UUID.self)
            #expect(company.reps.compactMap(\.id).contains(owner))
            try await runDueJobs(app)
            #expect(try await count(app, "notifications WHERE user_id = \(bind: owner)") == 1, "the rep hears of it at once")

            // and the same person again, by email in other letters and by phone written otherwise
            #expect(try await submit(app, path(form), ["name": "Olga", "email": "OLGA@pires.example", "message": "Any news?"]).status == .seeOther)
            #expect(try await submit(app, path(form), ["name": "O. Pires", "phone": "912-345-678"]).status == .seeOther)
            #expect(try await count(app, "leads") == 1)
            let leadID = try lead.decode(column: "id", as: UUID.self)
            #expect(try await count(app, "activities WHERE lead_id = \(bind: leadID) AND user_id = \(bind: owner)") == 2)
            let log = try await app.api(.GET, "/api/v1/admin/intake/log", token: company.bearer).json()["items"] as? [[String: Any]] ?? []
            #expect(log.compactMap { $0["outcome"] as? String }.sorted() == ["created", "matched", "matched"])
            let listed = try await app.api(.GET, "/api/v1/admin/intake/forms", token: company.bearer).json()["items"] as? [[String: Any]] ?? []
            #expect(listed.first?["received"] as? Int == 3 && listed.first?["refused"] as? Int == 0)
        }
    }

    @Test func turnsAreFairAndSkipThoseNotActive() async throws {
        try await withTestApp { app in
            let company = try await company(app)
            let form = try await form(company, #"{"name": "Ads", "source": "instagram_ads", "assignTo": "roundRobin", "team": "\#(company.team.id!)"}"#)
            for index in 0..<30 {
                if index % 15 == 14 { app.clock.advance(by: 61) }
                let sent = try await submit(app, path(form), ["name": "Person \(index)", "email": "person\(index)@example.com"])
                #expect(sent.status == .ok, "\(index): \(sent.status)")
            }
            let owners = try await app.db.sql.raw("SELECT owner_id, COUNT(*) AS n FROM leads GROUP BY owner_id").all().reduce(into: [UUID: Int]()) {
                $0[try $1.decode(column: "owner_id", as: UUID.self)] = try $1.decode(column: "n", as: Int.self)
            }
            #expect(owners.count == 3)
            #expect(owners.values.allSatisfy { $0 == 10 })
            #expect(owners[company.resting.id!] == nil)
        }
    }

    @Test func spamFloodsAndIncompleteFormsAreRefusedAndCountedNeverStored() async throws {
        try await withTestApp { app in
            let company = try await company(app)
            let form = try await form(company, #"{"name": "Web", "source": "website", "assignTo": "\#(company.reps[0].id!)"}"#)
            let address = path(form)

            let trapped = try await submit(app, address, ["name": "Bot", "email": "bot@spam.example", SpamGuard.honeypotField: "http://spam.example"])
            #expect(trapped.status == .ok, "a bot is thanked like anyone")
            #expect(trapped.text.contains("Thank you"))
            let hasty = try await submit(app, address, ["name": "Bot", "email": "bot2@spam.example", SpamGuard.openedField: String(Int(app.clock.now().timeIntervalSince1970 * 1000))])
            #expect(hasty.status == .ok)
            let nothing = try await submit(app, address, ["name": "No Way To Reach"])
            #expect(nothing.status == .unprocessableEntity)
            #expect(nothing.text.contains("email address or phone number"))
            let bad = try await submit(app, address, ["name": "Typo", "email": "typo@"])
            #expect(bad.status == .unprocessableEntity)
            #expect(try await count(app, "leads") == 0)
            let refused = try await app.db.sql.raw("SELECT reason FROM intake_log WHERE outcome = 'refused' ORDER BY received_at").all()
                .map { try $0.decode(column: "reason", as: String.self) }
            #expect(refused.count == 4)
            #expect(refused.contains("the hidden field was filled in"))

            // a flood from one address
            var statuses: [HTTPStatus] = []
            for index in 0..<(IntakeController.perClient + 2) {
                statuses.append(try await submit(app, address, ["name": "Flood \(index)", "email": "flood\(index)@example.com"]).status)
            }
            #expect(statuses.filter { $0 == .tooManyRequests }.count == 6, "\(statuses)")

            // unknown and paused forms
            #expect(try await submit(app, "/intake/forms/no-such-key", ["email": "a@example.com"]).status == .notFound)
            let paused = try await app.api(.PATCH, "/api/v1/admin/intake/forms/\(form["id"] as? String ?? "")", token: company.bearer, json: #"{"active": false}"#)
            #expect(paused.status == .ok)
            app.clock.advance(by: 61)
            #expect(try await submit(app, address, ["name": "Late", "email": "late@example.com"]).status == .notFound)
        }
    }

    @Test func scriptsMayPostOnlyFromTheSitesTheFormAllows() async throws {
        try await withTestApp { app in
            let company = try await company(app)
            let form = try await form(company, #"{"name": "Site", "source": "website", "assignTo": "\#(company.reps[1].id!)", "origins": ["https://www.example.com"]}"#)
            let address = path(form)
            let preflight = try await app.testing().sendRequest(.OPTIONS, address, headers: ["Origin": "https://www.example.com", "Access-Control-Request-Method": "POST"])
            #expect(preflight.status == .noContent)
            #expect(preflight.headers.first(name: .accessControlAllowOrigin) == "https://www.example.com")
            #expect(try await app.testing().sendRequest(.OPTIONS, address, headers: ["Origin": "https://evil.example"]).status == .forbidden)

            let opened = Int((app.clock.now().timeIntervalSince1970 - 20) * 1000)
            let json = #"{"name": "Rui Neves", "email": "rui@neves.example", "_opened": "\#(opened)"}"#
            let accepted = try await app.testing().sendRequest(.POST, address, headers: ["Origin": "https://www.example.com", "Content-Type": "application/json"],
                                                               body: ByteBuffer(string: json))
            #expect(accepted.status == .ok)
            #expect(try accepted.json()["received"] as? Bool == true)
            #expect(accepted.headers.first(name: .accessControlAllowOrigin) == "https://www.example.com")
            let foreign = try await app.testing().sendRequest(.POST, address, headers: ["Origin": "https://evil.example", "Content-Type": "application/json"],
                                                              body: ByteBuffer(string: json.replacingOccurrences(of: "rui@", with: "other@")))
            #expect(foreign.status == .forbidden)
            #expect(try await count(app, "leads") == 1)
        }
    }

    @Test func anAdminSetsUpAFormOnThePageWithFieldErrors() async throws {
        try await withTestApp { app in
            let company = try await company(app)
            let browser = Browser(app)
            try await browser.signIn("admin@example.com")
            #expect(try await browser.get("/admin/intake").text.contains("No lead forms yet"))
            let missing = try await browser.post("/admin/intake", ["name": "Open day", "source": "landing_page", "assignTo": "roundRobin", "team": ""])
            #expect(missing.status == .unprocessableEntity)
            #expect(missing.text.contains(#"id="team-error""#))
            let badSite = try await browser.post("/admin/intake", ["name": "Open day", "source": "landing_page", "assignTo": "roundRobin",
                                                                   "team": company.team.id!.uuidString, "origins": "www.example.com/page"])
            #expect(badSite.text.contains(#"id="origins-error""#))
            let made = try await browser.post("/admin/intake", ["name": "Open day", "source": "landing_page", "assignTo": "roundRobin",
                                                                "team": company.team.id!.uuidString, "origins": "https://www.example.com"])
            #expect(made.status == .seeOther)
            let page = try await browser.get("/admin/intake")
            #expect(page.text.contains("Open day"))
            #expect(page.text.contains("/intake/forms/"))
            #expect(page.text.contains("Reps of North, in turn"))
        }
    }
}
