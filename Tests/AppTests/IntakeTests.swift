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

    func company(_ app: Application) async throws -> Company {
        let admin = try await makeUser(app, email: "admin@example.com", role: "admin")
        let team = try await makeTeam(app, "North")
        var reps: [User] = []
        for name in ["ana", "bruno", "carla"] {
            reps.append(try await makeUser(app, email: "\(name)@example.com", role: "rep", team: "North"))
        }
        let resting = try await makeUser(app, email: "dario@example.com", role: "rep", team: "North")
        resting.isActive = false
        try await resting.save(on: app.db)
        return Company(
            app: app, admin: admin, bearer: try await token(for: admin, app), reps: reps, resting: resting, team: team)
    }

    func form(_ company: Company, _ json: String) async throws -> [String: Any] {
        let created = try await company.app.api(.POST, "/api/v1/admin/intake/forms", token: company.bearer, json: json)
        #expect(created.status == .created, "\(created.text)")
        return try created.json()
    }

    func submit(
        _ app: Application, _ address: String, _ fields: [String: String], headers: HTTPHeaders = [:]
    ) async throws -> TestingHTTPResponse {
        var fields = fields
        if fields[SpamGuard.openedField] == nil {
            fields[SpamGuard.openedField] = String(Int((app.clock.now().timeIntervalSince1970 - 20) * 1000))
        }
        let body = fields.map {
            "\($0.key.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)=\($0.value.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)"
        }
        .joined(separator: "&")
        var headers = headers
        headers.contentType = .urlEncodedForm
        return try await app.testing().sendRequest(.POST, address, headers: headers, body: ByteBuffer(string: body))
    }

    func path(_ form: [String: Any]) -> String {
        URL(string: form["address"] as? String ?? "")?.path ?? ""
    }

    func count(_ app: Application, _ query: SQLQueryString) async throws -> Int {
        try await app.db.sql.raw("SELECT COUNT(*) AS \(ident: "n") FROM \(query)").first()?.decode(
            column: "n", as: Int.self) ?? 0
    }

    @Test func aSubmissionBecomesAnAssignedLeadAndTheSamePersonAgainIsMatched() async throws {
        try await withTestApp { app in
            // given
            let company = try await company(app)
            let form = try await form(
                company,
                #"{"name": "Spring open day", "source": "landing_page", "assignTo": "roundRobin", "team": "\#(company.team.id!)", "thankYouUrl": "https://www.example.com/thanks"}"#
            )
            #expect((form["snippet"] as? String)?.contains(#"name="\#(SpamGuard.honeypotField)""#) == true)

            // when
            let sent = try await submit(
                app, path(form),
                [
                    "name": "Olga Pires", "email": "Olga@Pires.example", "phone": "+351 912 345 678",
                    "message": "Is there a Saturday class?",
                ])

            // then
            #expect(sent.status == .seeOther)
            #expect(sent.headers.first(name: .location) == "https://www.example.com/thanks")
            let lead = try #require(
                try await app.db.sql.raw("SELECT id, owner_id, source, email, need FROM leads").first())
            #expect(try lead.decode(column: "source", as: String.self) == "landing_page")
            #expect(try lead.decode(column: "email", as: String.self) == "olga@pires.example")
            let owner = try lead.decode(column: "owner_id", as: UUID.self)
            #expect(company.reps.compactMap(\.id).contains(owner))
            #expect(
                try await count(app, "notifications WHERE user_id = \(bind: owner)") == 1,
                "the rep hears of it at once, with no job to wait for")
            try await runDueJobs(app)
            #expect(try await count(app, "notifications WHERE user_id = \(bind: owner)") == 1, "and only once")

            // and the same person again, by email in other letters and by phone written otherwise
            #expect(
                try await submit(
                    app, path(form), ["name": "Olga", "email": "OLGA@pires.example", "message": "Any news?"]
                ).status == .seeOther)
            #expect(
                try await submit(app, path(form), ["name": "O. Pires", "phone": "912-345-678"]).status == .seeOther)
            #expect(try await count(app, "leads") == 1)
            let leadID = try lead.decode(column: "id", as: UUID.self)
            #expect(
                try await count(app, "activities WHERE lead_id = \(bind: leadID) AND user_id = \(bind: owner)") == 2)
            let log =
                try await app.api(.GET, "/api/v1/admin/intake/log", token: company.bearer).json()["items"]
                as? [[String: Any]] ?? []
            #expect(log.compactMap { $0["outcome"] as? String }.sorted() == ["created", "matched", "matched"])
            let listed =
                try await app.api(.GET, "/api/v1/admin/intake/forms", token: company.bearer).json()["items"]
                as? [[String: Any]] ?? []
            #expect(listed.first?["received"] as? Int == 3 && listed.first?["refused"] as? Int == 0)
        }
    }

    @Test func turnsAreFairOverAHundredLeadsAndSkipThoseNotActiveOrOnLeave() async throws {
        try await withTestApp { app in
            let company = try await company(app)
            let away = try await makeUser(app, email: "elena@example.com", role: "rep", team: "North")
            let tooEarly = try await app.api(
                .PATCH, "/api/v1/users/\(away.id!)", token: company.bearer, json: #"{"awayUntil": "next week"}"#)
            #expect(tooEarly.status == .unprocessableEntity)
            #expect(try tooEarly.apiError().field == "awayUntil")
            let lastDay = CalendarDay(containing: app.clock.now()).adding(days: 7).text
            let onLeave = try await app.api(
                .PATCH, "/api/v1/users/\(away.id!)", token: company.bearer, json: #"{"awayUntil": "\#(lastDay)"}"#)
            #expect(try onLeave.json()["awayUntil"] as? String == lastDay)
            let form = try await form(
                company,
                #"{"name": "Ads", "source": "instagram_ads", "assignTo": "roundRobin", "team": "\#(company.team.id!)"}"#
            )
            app.intakeLimits = IntakeLimits(perClient: 200)
            for index in 0..<100 {
                let sent = try await submit(
                    app, path(form), ["name": "Person \(index)", "email": "person\(index)@example.com"])
                #expect(sent.status == .ok, "\(index): \(sent.status)")
            }
            let owners = try await app.db.sql.raw("SELECT owner_id, COUNT(*) AS n FROM leads GROUP BY owner_id").all()
                .reduce(into: [UUID: Int]()) {
                    $0[try $1.decode(column: "owner_id", as: UUID.self)] = try $1.decode(column: "n", as: Int.self)
                }
            #expect(Set(owners.keys) == Set(company.reps.compactMap(\.id)))
            #expect(owners.values.sorted() == [33, 33, 34])
            #expect(owners[company.resting.id!] == nil && owners[away.id!] == nil)

            // back from leave, she takes her turns again
            #expect(
                try await app.api(
                    .PATCH, "/api/v1/users/\(away.id!)", token: company.bearer, json: #"{"awayUntil": null}"#
                ).status == .ok)
            for index in 100..<104 {
                _ = try await submit(
                    app, path(form), ["name": "Person \(index)", "email": "person\(index)@example.com"])
            }
            #expect(try await count(app, "leads WHERE owner_id = \(bind: away.id!)") == 1)
        }
    }

    @Test func anAdminMarksSomeoneOnLeaveOnTheirPage() async throws {
        try await withTestApp { app in
            let company = try await company(app)
            let browser = Browser(app)
            try await browser.signIn("admin@example.com")
            let rep = company.reps[0]
            #expect(try await browser.get("/admin/users/\(rep.id!)").text.contains("On leave until"))
            let fields = [
                "email": rep.email, "name": rep.name, "role": "rep", "teamId": company.team.id!.uuidString,
                "managerId": "", "monthlyTarget": "0",
            ]
            let wrong = try await browser.post("/admin/users/\(rep.id!)", fields.merging(["awayUntil": "24/12"]) { $1 })
            #expect(wrong.status == .unprocessableEntity)
            #expect(wrong.text.contains(#"id="awayUntil-error""#))
            let saved = try await browser.post(
                "/admin/users/\(rep.id!)", fields.merging(["awayUntil": "2026-12-24"]) { $1 })
            #expect(saved.status == .seeOther)
            #expect(try await browser.get("/admin/users").text.contains("on leave until 2026-12-24"))
            let rule = try await app.api(.GET, "/api/v1/users/\(rep.id!)", token: company.bearer).json()
            #expect(rule["awayUntil"] as? String == "2026-12-24")
        }
    }

    @Test func spamFloodsAndIncompleteFormsAreRefusedAndCountedNeverStored() async throws {
        try await withTestApp { app in
            let company = try await company(app)
            let form = try await form(
                company, #"{"name": "Web", "source": "website", "assignTo": "\#(company.reps[0].id!)"}"#)
            let address = path(form)

            let trapped = try await submit(
                app, address,
                ["name": "Bot", "email": "bot@spam.example", SpamGuard.honeypotField: "http://spam.example"])
            #expect(trapped.status == .ok, "a bot is thanked like anyone")
            #expect(trapped.text.contains("Thank you"))
            let hasty = try await submit(
                app, address,
                [
                    "name": "Bot", "email": "bot2@spam.example",
                    // opened "now" as the server will see it: a busy machine may take seconds to get to the request
                    SpamGuard.openedField: String(Int((app.clock.now().timeIntervalSince1970 + 30) * 1000)),
                ])
            #expect(hasty.status == .ok)
            let nothing = try await submit(app, address, ["name": "No Way To Reach"])
            #expect(nothing.status == .unprocessableEntity)
            #expect(nothing.text.contains("email address or phone number"))
            let bad = try await submit(app, address, ["name": "Typo", "email": "typo@"])
            #expect(bad.status == .unprocessableEntity)
            #expect(try await count(app, "leads") == 0)
            let refused = try await app.db.sql.raw(
                "SELECT reason FROM intake_log WHERE outcome = 'refused' ORDER BY received_at"
            ).all()
                .map { try $0.decode(column: "reason", as: String.self) }
            #expect(refused.count == 4)
            #expect(refused.contains("the hidden field was filled in"))

            // a flood from one address, within one window however slowly the machine answers
            app.intakeLimits = IntakeLimits(window: 3_600)
            var statuses: [HTTPStatus] = []
            for index in 0..<(IntakeController.perClient + 2) {
                statuses.append(
                    try await submit(app, address, ["name": "Flood \(index)", "email": "flood\(index)@example.com"])
                        .status)
            }
            #expect(statuses.filter { $0 == .tooManyRequests }.count == 2, "\(statuses)")

            // unknown and paused forms
            #expect(try await submit(app, "/intake/forms/no-such-key", ["email": "a@example.com"]).status == .notFound)
            let paused = try await app.api(
                .PATCH, "/api/v1/admin/intake/forms/\(form["id"] as? String ?? "")", token: company.bearer,
                json: #"{"active": false}"#)
            #expect(paused.status == .ok)
            app.intakeLimits = IntakeLimits()
            #expect(try await submit(app, address, ["name": "Late", "email": "late@example.com"]).status == .notFound)
        }
    }

    @Test func scriptsMayPostOnlyFromTheSitesTheFormAllows() async throws {
        try await withTestApp { app in
            let company = try await company(app)
            let form = try await form(
                company,
                #"{"name": "Site", "source": "website", "assignTo": "\#(company.reps[1].id!)", "origins": ["https://www.example.com"]}"#
            )
            let address = path(form)
            let preflight = try await app.testing().sendRequest(
                .OPTIONS, address,
                headers: ["Origin": "https://www.example.com", "Access-Control-Request-Method": "POST"])
            #expect(preflight.status == .noContent)
            #expect(preflight.headers.first(name: .accessControlAllowOrigin) == "https://www.example.com")
            #expect(
                try await app.testing().sendRequest(.OPTIONS, address, headers: ["Origin": "https://evil.example"])
                    .status == .forbidden)

            let opened = Int((app.clock.now().timeIntervalSince1970 - 20) * 1000)
            let json = #"{"name": "Rui Neves", "email": "rui@neves.example", "_opened": "\#(opened)"}"#
            let accepted = try await app.testing().sendRequest(
                .POST, address, headers: ["Origin": "https://www.example.com", "Content-Type": "application/json"],
                body: ByteBuffer(string: json))
            #expect(accepted.status == .ok)
            #expect(try accepted.json()["received"] as? Bool == true)
            #expect(accepted.headers.first(name: .accessControlAllowOrigin) == "https://www.example.com")
            let foreign = try await app.testing().sendRequest(
                .POST, address, headers: ["Origin": "https://evil.example", "Content-Type": "application/json"],
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
            #expect(try await browser.get("/admin/intake").text.contains("No lead forms or channels yet"))
            let missing = try await browser.post(
                "/admin/intake", ["name": "Open day", "source": "landing_page", "assignTo": "roundRobin", "team": ""])
            #expect(missing.status == .unprocessableEntity)
            #expect(missing.text.contains(#"id="team-error""#))
            let badSite = try await browser.post(
                "/admin/intake",
                [
                    "name": "Open day", "source": "landing_page", "assignTo": "roundRobin",
                    "team": company.team.id!.uuidString, "origins": "www.example.com/page",
                ])
            #expect(badSite.text.contains(#"id="origins-error""#))
            let made = try await browser.post(
                "/admin/intake",
                [
                    "name": "Open day", "source": "landing_page", "assignTo": "roundRobin",
                    "team": company.team.id!.uuidString, "origins": "https://www.example.com",
                ])
            #expect(made.status == .seeOther)
            let page = try await browser.get("/admin/intake")
            #expect(page.text.contains("Open day"))
            #expect(page.text.contains("/intake/forms/"))
            #expect(page.text.contains("Reps of North, in turn"))
        }
    }

    func deliver(
        _ app: Application, _ address: String, _ body: String, headers: HTTPHeaders
    ) async throws -> TestingHTTPResponse {
        var headers = headers
        headers.contentType = .json
        return try await app.testing().sendRequest(.POST, address, headers: headers, body: ByteBuffer(string: body))
    }

    static let telegramUpdate =
        #"{"update_id": 10000, "message": {"message_id": 1365, "date": 1796457600, "chat": {"id": 1111111, "type": "private", "first_name": "Ines"}, "from": {"id": 1111111, "is_bot": false, "first_name": "Ines", "last_name": "Duarte", "username": "ines_d", "language_code": "pt"}, "text": "Hello, is the course on Saturdays?"}}"#
    static let whatsappMessage =
        #"{"object": "whatsapp_business_account", "entry": [{"id": "102290129340398", "changes": [{"value": {"messaging_product": "whatsapp", "metadata": {"display_phone_number": "15550783881", "phone_number_id": "106540352242922"}, "contacts": [{"profile": {"name": "Kerry Fisher"}, "wa_id": "16315551181"}], "messages": [{"from": "16315551181", "id": "wamid.ABGGFlA5Fpa", "timestamp": "1796457600", "text": {"body": "Do you deliver to Leeds?"}, "type": "text"}]}, "field": "messages"}]}]}"#

    @Test func telegramMessagesProveTheirSecretAndTheSameSenderStaysOneLead() async throws {
        try await withTestApp { app in
            let company = try await company(app)
            let channel = try await form(
                company,
                #"{"channel": "telegram", "name": "Course bot", "source": "telegram_bot", "assignTo": "\#(company.reps[2].id!)"}"#
            )
            let secret = try #require(channel["secret"] as? String)
            let address = path(channel)
            #expect(address.hasPrefix("/intake/telegram/"))

            let unsigned = try await deliver(app, address, Self.telegramUpdate, headers: [:])
            #expect(unsigned.status == .unauthorized)
            let forged = try await deliver(
                app, address, Self.telegramUpdate, headers: ["X-Telegram-Bot-Api-Secret-Token": "guess"])
            #expect(forged.status == .unauthorized)
            #expect(try await count(app, "leads") == 0, "nothing written for an unproven delivery")
            #expect(try await count(app, "intake_log") == 0)

            let first = try await deliver(
                app, address, Self.telegramUpdate, headers: ["X-Telegram-Bot-Api-Secret-Token": secret])
            #expect(first.status == .ok, "\(first.text)")
            try await app.db.sql.update("leads").set("status", to: SQLBind("lost")).set(
                "lost_reason", to: SQLBind("no answer")
            ).run()
            let again = Self.telegramUpdate.replacingOccurrences(
                of: "Hello, is the course on Saturdays?", with: "And the price?")
            #expect(
                try await deliver(app, address, again, headers: ["X-Telegram-Bot-Api-Secret-Token": secret]).status
                    == .ok)
            let lead = try #require(
                try await app.db.sql.raw("SELECT id, name, source, owner_id FROM leads").all().first)
            #expect(try await count(app, "leads") == 1)
            #expect(try lead.decode(column: "name", as: String.self) == "Ines Duarte")
            #expect(try lead.decode(column: "source", as: String.self) == "telegram_bot")
            #expect(try lead.decode(column: "owner_id", as: UUID.self) == company.reps[2].id)
            let status = try await app.db.sql.raw("SELECT status FROM leads").first()?.decode(
                column: "status", as: String.self)
            #expect(status == "contacted", "a lost lead who writes again is open again")
            let leadID = try lead.decode(column: "id", as: UUID.self)
            #expect(
                try await count(app, "activities WHERE lead_id = \(bind: leadID)") == 1,
                "the first message is the need, the second a note")
            #expect(
                try await app.db.sql.raw("SELECT need FROM leads").first()?.decode(column: "need", as: String.self)
                    == "Hello, is the course on Saturdays?")

            let broken = try await deliver(
                app, address, #"{"hello": "world"}"#, headers: ["X-Telegram-Bot-Api-Secret-Token": secret])
            #expect(broken.status == .badRequest)
            let kept = try await app.db.sql.raw("SELECT payload FROM intake_log WHERE outcome = 'refused'").first()?
                .decode(column: "payload", as: String?.self)
            #expect(kept == #"{"hello": "world"}"#)
        }
    }

    @Test func whatsappIsVerifiedAndSignedAndATrackedCallFindsTheSamePerson() async throws {
        try await withTestApp { app in
            let company = try await company(app)
            let missing = try await app.api(
                .POST, "/api/v1/admin/intake/forms", token: company.bearer,
                json:
                    #"{"channel": "whatsapp", "name": "Shop", "source": "whatsapp", "assignTo": "\#(company.reps[0].id!)"}"#
            )
            #expect(missing.status == .unprocessableEntity)
            #expect(try missing.apiError().field == "appSecret")
            let whatsapp = try await form(
                company,
                #"{"channel": "whatsapp", "appSecret": "meta-app-secret", "name": "Shop", "source": "whatsapp", "assignTo": "\#(company.reps[0].id!)"}"#
            )
            let token = try #require(whatsapp["verifyToken"] as? String)
            let address = path(whatsapp)
            #expect(
                try await app.testing().sendRequest(
                    .GET, "\(address)?hub.mode=subscribe&hub.verify_token=wrong&hub.challenge=42"
                ).status == .forbidden)
            let verified = try await app.testing().sendRequest(
                .GET, "\(address)?hub.mode=subscribe&hub.verify_token=\(token)&hub.challenge=1158201444")
            #expect(verified.status == .ok && verified.body.string == "1158201444")

            let body = Data(Self.whatsappMessage.utf8)
            let wrong = try await deliver(
                app, address, Self.whatsappMessage,
                headers: ["X-Hub-Signature-256": ChannelWebhookController.signature(body, secret: "not-it")])
            #expect(wrong.status == .unauthorized)
            let signed = try await deliver(
                app, address, Self.whatsappMessage,
                headers: ["X-Hub-Signature-256": ChannelWebhookController.signature(body, secret: "meta-app-secret")])
            #expect(signed.status == .ok, "\(signed.text)")
            let lead = try #require(try await app.db.sql.raw("SELECT id, name, phone FROM leads").first())
            #expect(try lead.decode(column: "name", as: String.self) == "Kerry Fisher")
            #expect(try lead.decode(column: "phone", as: String.self).hasSuffix("6315551181"))

            // 250 other people whose numbers also hold 1181 (as a LIKE on the last four digits
            // would find them) do not hide the caller
            for index in 0..<250 {
                let decoy = try await app.api(
                    .POST, "/api/v1/leads", token: company.bearer,
                    json:
                        #"{"name": "Decoy \#(index)", "phone": "+1 212 \#(String(format: "%03d", index)) 1181", "source": "website"}"#
                )
                #expect(decoy.status == .created, "\(decoy.text)")
            }

            // the same person calls the tracked number
            let calls = try await form(
                company,
                #"{"channel": "calls", "name": "Ads line", "source": "call_tracking", "assignTo": "\#(company.reps[1].id!)"}"#
            )
            let key = try #require(calls["secret"] as? String)
            let call =
                #"{"caller": "+1 631-555-1181", "called": "+44 20 7946 0000", "start": "2026-12-05T09:30:00Z", "duration": 125, "recording_url": "https://calls.example/r/77", "campaign": "Winter ads"}"#
            let unsigned = try await deliver(app, path(calls), call, headers: [:])
            #expect(unsigned.status == .unauthorized)
            let tracked = try await deliver(
                app, path(calls), call,
                headers: ["X-Signature-256": ChannelWebhookController.signature(Data(call.utf8), secret: key)])
            #expect(tracked.status == .ok, "\(tracked.text)")
            #expect(try await count(app, "leads") == 251)
            let leadID = try lead.decode(column: "id", as: UUID.self)
            let logged = try #require(
                try await app.db.sql.raw(
                    "SELECT duration_minutes, notes FROM activities WHERE lead_id = \(bind: leadID) AND type = 'call'"
                ).first())
            #expect(try logged.decode(column: "duration_minutes", as: Int.self) == 3)
            #expect(try logged.decode(column: "notes", as: String.self).contains("Winter ads"))
        }
    }

    @Test func whatTheFormsReceivedIsKeptNinetyDays() async throws {
        try await withTestApp { app in
            let company = try await company(app)
            let form = try await form(
                company, #"{"name": "Web", "source": "website", "assignTo": "\#(company.reps[0].id!)"}"#)
            #expect(
                try await submit(
                    app, path(form), ["name": "Bot", "email": "bot@spam.example", SpamGuard.honeypotField: "x"]
                ).status == .ok)
            app.clock.advance(by: Double(IntakeLog.keptDays - 1) * 86_400)
            #expect(try await submit(app, path(form), ["name": "Later", "email": "later@example.com"]).status == .ok)
            app.clock.advance(by: 2 * 86_400)
            _ = try await RetentionJob.run(app: app)
            let left = try await app.db.sql.raw("SELECT outcome FROM intake_log").all().map {
                try $0.decode(column: "outcome", as: String.self)
            }
            #expect(left == ["created"], "the 91-day-old refusal is gone, the 2-day-old lead's entry stays")
            #expect(try await count(app, "leads") == 1)
        }
    }
}
