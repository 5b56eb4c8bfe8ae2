@testable import App
import Foundation
import NIOConcurrencyHelpers
import SalesPulseCore
import SQLKit
import Testing
import Vapor
import VaporTesting

/// Facebook and Instagram lead ads (read from a Graph API stand-in on loopback), any other
/// service's JSON through the admin's field mapping, and kept deliveries sent again.
extension IntakeTests {
    /// Answers `GET /v21.0/{leadgen id}` as the Graph API does, for one page token, or 503 while down.
    final class GraphStandIn: Sendable {
        let app: Application
        let down = NIOLockedValueBox(false)

        init(token: String, leads: [String: String]) async throws {
            app = try await Application.make(.testing)
            app.get("v21.0", ":lead") { [down] req -> Response in
                if down.withLockedValue({ $0 }) { return Response(status: .serviceUnavailable) }
                guard req.query[String.self, at: "access_token"] == token else {
                    return Response(
                        status: .badRequest,
                        body: .init(
                            string:
                                #"{"error": {"message": "Invalid OAuth access token.", "type": "OAuthException", "code": 190}}"#
                        ))
                }
                guard let lead = leads[req.parameters.get("lead") ?? ""] else { return Response(status: .notFound) }
                return Response(status: .ok, headers: ["Content-Type": "application/json"], body: .init(string: lead))
            }
            try await app.server.start(address: .hostname("127.0.0.1", port: 0))
        }

        var url: String { "http://127.0.0.1:\(app.http.server.shared.localAddress?.port ?? 0)/v21.0" }

        func stop() async throws {
            await app.server.shutdown()
            try await app.asyncShutdown()
        }
    }

    static let leadNotification =
        #"{"object": "page", "entry": [{"id": "153125381133", "time": 1796457600, "changes": [{"field": "leadgen", "value": {"ad_id": "444444444", "form_id": "444444444444", "leadgen_id": "7001", "created_time": 1796457600, "page_id": "153125381133", "adgroup_id": "44444444444"}}]}]}"#
    static let graphLead =
        #"{"created_time": "2026-12-05T08:49:14+0000", "id": "7001", "ad_id": "444444444", "form_id": "444444444444", "field_data": [{"name": "full_name", "values": ["Marta Reis"]}, {"name": "email", "values": ["Marta.Reis@example.com"]}, {"name": "phone_number", "values": ["+351 913 000 222"]}, {"name": "preferred_course", "values": ["Spanish B1"]}]}"#

    @Test func aLeadAdIsReadFromTheGraphAndKeptWhileFacebookIsDownUntilSentAgain() async throws {
        let graph = try await GraphStandIn(token: "page-token", leads: ["7001": Self.graphLead])
        try await withTestApp({ $0.leadAdsGraphURL = graph.url }) { app in
            let company = try await company(app)
            let missing = try await app.api(
                .POST, "/api/v1/admin/intake/forms", token: company.bearer,
                json:
                    #"{"channel": "leadads", "appSecret": "meta-secret", "name": "Spring ads", "source": "instagram_ads", "assignTo": "\#(company.reps[0].id!)"}"#
            )
            #expect(missing.status == .unprocessableEntity)
            #expect(try missing.apiError().field == "accessToken")
            let ads = try await form(
                company,
                #"{"channel": "leadads", "appSecret": "meta-secret", "accessToken": "page-token", "name": "Spring ads", "source": "instagram_ads", "assignTo": "\#(company.reps[0].id!)"}"#
            )
            #expect(ads["secret"] == nil || ads["secret"] is NSNull, "the app secret is never shown again")
            let address = path(ads)
            let token = try #require(ads["verifyToken"] as? String)
            let verified = try await app.testing().sendRequest(
                .GET, "\(address)?hub.mode=subscribe&hub.verify_token=\(token)&hub.challenge=77")
            #expect(verified.status == .ok && verified.body.string == "77")

            let body = Data(Self.leadNotification.utf8)
            let forged = try await deliver(
                app, address, Self.leadNotification,
                headers: ["X-Hub-Signature-256": ChannelWebhookController.signature(body, secret: "guess")])
            #expect(forged.status == .unauthorized)
            #expect(try await count(app, "intake_log") == 0)

            // Facebook's Graph API is down: the delivery is accepted and kept, nothing written
            graph.down.withLockedValue { $0 = true }
            let signature = ChannelWebhookController.signature(body, secret: "meta-secret")
            let kept = try await deliver(
                app, address, Self.leadNotification, headers: ["X-Hub-Signature-256": signature])
            #expect(kept.status == .accepted, "\(kept.text)")
            #expect(try await count(app, "leads") == 0)
            let log =
                try await app.api(.GET, "/api/v1/admin/intake/log", token: company.bearer).json()["items"]
                as? [[String: Any]] ?? []
            let entry = try #require(log.first)
            #expect(entry["canReplay"] as? Bool == true)
            #expect((entry["reason"] as? String)?.contains("Facebook answered 503") == true)
            let entryID = try #require(entry["id"] as? String)
            let stillDown = try await app.api(
                .POST, "/api/v1/admin/intake/log/\(entryID)/replay", token: company.bearer, json: "{}")
            #expect(stillDown.status == .unprocessableEntity)
            #expect(try await count(app, "leads") == 0)

            let browser = Browser(app)
            try await browser.signIn("admin@example.com")
            #expect(try await browser.get("/admin/intake").text.contains("Try again"))
            let refused = try await browser.post("/admin/intake/log/\(entryID)/replay", [:])
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.text.contains(#"role="alert">It still cannot be taken in: Facebook answered 503"#))

            // back up: sent again from the page, the lead arrives with the ad's answers as its need
            graph.down.withLockedValue { $0 = false }
            let replayed = try await browser.post("/admin/intake/log/\(entryID)/replay", [:])
            #expect(replayed.status == .seeOther)
            #expect(
                try await browser.get(replayed.headers.first(name: .location) ?? "").text.contains(
                    "1 person came through"))
            let lead = try #require(
                try await app.db.sql.raw("SELECT name, email, phone, source, need, owner_id FROM leads").first())
            #expect(try lead.decode(column: "name", as: String.self) == "Marta Reis")
            #expect(try lead.decode(column: "email", as: String.self) == "marta.reis@example.com")
            #expect(try lead.decode(column: "source", as: String.self) == "instagram_ads")
            #expect(try lead.decode(column: "need", as: String.self) == "preferred course: Spanish B1")
            #expect(try lead.decode(column: "owner_id", as: UUID.self) == company.reps[0].id)
            let twice = try await app.api(
                .POST, "/api/v1/admin/intake/log/\(entryID)/replay", token: company.bearer, json: "{}")
            #expect(twice.status == .conflict, "a kept delivery is sent again once")

            // the rep hears of it, named by the ad it came through
            try await runDueJobs(app)
            let title = try await app.db.sql.raw(
                "SELECT title FROM notifications WHERE user_id = \(bind: company.reps[0].id!)"
            ).first()?.decode(column: "title", as: String.self)
            #expect(title == "New lead from Spring ads: Marta Reis")
            #expect(
                try await outbox(app).contains {
                    $0.to_address == company.reps[0].email && $0.subject == "New lead for you: Marta Reis"
                },
                "and by email, as nobody switched that off")

            // the same person through the ad again is matched, and a bad token is kept too
            #expect(
                try await deliver(app, address, Self.leadNotification, headers: ["X-Hub-Signature-256": signature])
                    .status == .ok)
            #expect(try await count(app, "leads") == 1)
        }
        try await graph.stop()
    }

    @Test func anotherServiceIsReadThroughTheMappingAndProvesItselfWithItsKey() async throws {
        try await withTestApp { app in
            let company = try await company(app)
            let bad = try await app.api(
                .POST, "/api/v1/admin/intake/forms", token: company.bearer,
                json:
                    #"{"channel": "json", "name": "Quiz", "source": "website", "assignTo": "\#(company.reps[1].id!)", "mapping": "name = who"}"#
            )
            #expect(bad.status == .unprocessableEntity)
            #expect(try bad.apiError().field == "mapping")
            let mapping =
                "first_name = person.first\\nlast_name = person.last\\nemail = person.contacts.0.value\\nmessage = answers.goal\\nsender = id"
            let quiz = try await form(
                company,
                #"{"channel": "json", "name": "Quiz", "source": "website", "assignTo": "\#(company.reps[1].id!)", "mapping": "\#(mapping)"}"#
            )
            #expect((quiz["mapping"] as? String)?.contains("email = person.contacts.0.value") == true)
            let key = try #require(quiz["secret"] as? String)
            try await UserPreferences(sql: app.db.sql, userID: company.reps[1].id!).set(
                NotificationInbox.emailKey(.leadAssigned), to: "off")
            let address = path(quiz)
            let body =
                #"[{"id": 51, "person": {"first": "Tomas", "last": "Vaz", "contacts": [{"value": "Tomas@Vaz.example"}]}, "answers": {"goal": "IELTS in March"}}, {"person": {"first": "Nobody"}}]"#

            #expect(try await deliver(app, address, body, headers: [:]).status == .unauthorized)
            #expect(try await deliver(app, address, body, headers: ["X-Intake-Token": "guess"]).status == .unauthorized)
            let sent = try await deliver(app, address, body, headers: ["X-Intake-Token": key])
            #expect(sent.status == .ok, "\(sent.text)")
            #expect(try sent.json()["received"] as? [String] == ["created", "refused"])
            let lead = try #require(try await app.db.sql.raw("SELECT id, name, email, need FROM leads").first())
            #expect(try lead.decode(column: "name", as: String.self) == "Tomas Vaz")
            #expect(try lead.decode(column: "need", as: String.self) == "IELTS in March")
            try await runDueJobs(app)
            #expect(try await count(app, "notifications WHERE user_id = \(bind: company.reps[1].id!)") == 1)
            #expect(
                try await outbox(app).contains { $0.to_address == company.reps[1].email } == false,
                "she chose no email for new leads")

            // signed, the same sender again by id alone is matched to the lead
            let again = #"{"id": 51, "person": {"first": "T."}, "answers": {"goal": "Can I start in April?"}}"#
            let signed = try await deliver(
                app, address, again,
                headers: ["X-Signature-256": ChannelWebhookController.signature(Data(again.utf8), secret: key)])
            #expect(try signed.json()["received"] as? [String] == ["matched"])
            #expect(try await count(app, "leads") == 1)
            let leadID = try lead.decode(column: "id", as: UUID.self)
            #expect(try await count(app, "activities WHERE lead_id = \(bind: leadID)") == 1)

            // what cannot be read is kept, and sending it again says why it still cannot
            let broken = try await deliver(app, address, "name=Tomas", headers: ["X-Intake-Token": key])
            #expect(broken.status == .badRequest)
            let entry = try #require(
                try await app.db.sql.raw("SELECT id FROM intake_log WHERE payload IS NOT NULL").first()?.decode(
                    column: "id", as: UUID.self))
            let replay = try await app.api(
                .POST, "/api/v1/admin/intake/log/\(entry)/replay", token: company.bearer, json: "{}")
            #expect(replay.status == .unprocessableEntity)
            #expect(replay.text.contains("still cannot be read"))
        }
    }
}
