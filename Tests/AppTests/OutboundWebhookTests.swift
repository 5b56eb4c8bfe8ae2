@testable import App
import Foundation
import NIOConcurrencyHelpers
import SalesPulseCore
import SQLKit
import Testing
import Vapor

/// Outbound webhooks against a real receiver on loopback: deliveries signed and checked the way
/// a receiver would, retried after the receiver answers 500, paused after failures in a row
/// with the admins told, and sent again on request.
@Suite struct OutboundWebhookTests {
    /// An HTTP server on 127.0.0.1 that records what it is sent and answers from a list.
    final class Receiver: Sendable {
        struct Hit: Sendable {
            let headers: HTTPHeaders
            let body: Data
        }

        let app: Application
        private let hits = NIOLockedValueBox<[Hit]>([])
        private let answers: NIOLockedValueBox<[HTTPStatus]>

        init(answers planned: [HTTPStatus]) async throws {
            let answers = NIOLockedValueBox(planned)
            self.answers = answers
            app = try await Application.make(.testing)
            app.post("hook") { [hits] req -> Response in
                hits.withLockedValue {
                    $0.append(
                        Hit(
                            headers: req.headers,
                            body: Data(req.body.data?.readableBytesView ?? ByteBuffer().readableBytesView)))
                }
                let status = answers.withLockedValue { $0.isEmpty ? .ok : $0.removeFirst() }
                return Response(status: status)
            }
            try await app.server.start(address: .hostname("127.0.0.1", port: 0))
        }

        var url: String { "http://127.0.0.1:\(app.http.server.shared.localAddress?.port ?? 0)/hook" }
        var received: [Hit] { hits.withLockedValue { $0 } }

        func stop() async throws {
            await app.server.shutdown()
            try await app.asyncShutdown()
        }
    }

    private func subscribe(
        _ app: Application, _ bearer: String, url: String, events: [String]
    ) async throws -> [String: Any] {
        let json = #"{"url": "\#(url)", "events": [\#(events.map { "\"\($0)\"" }.joined(separator: ", "))]}"#
        let made = try await app.api(.POST, "/api/v1/admin/webhooks", token: bearer, json: json)
        #expect(made.status == .created, "\(made.text)")
        return try made.json()
    }

    @Test func aNewLeadIsDeliveredSignedAndARefusalIsTriedAgain() async throws {
        let receiver = try await Receiver(answers: [.ok, .internalServerError])
        do {
            try await withTestApp { app in
                // given
                let admin = try await makeUser(app, email: "admin@example.com", role: "admin")
                let rep = try await makeUser(app, email: "rep@example.com", role: "rep")
                let bearer = try await token(for: admin, app)
                let subscription = try await subscribe(
                    app, bearer, url: receiver.url, events: ["lead.created", "deal.won"])
                let secret = try #require(subscription["secret"] as? String)
                let refused = try await app.api(
                    .POST, "/api/v1/admin/webhooks", token: bearer,
                    json: #"{"url": "ftp://x", "events": ["lead.created"]}"#)
                #expect(try refused.apiError().field == "url")

                // when
                let repToken = try await token(for: rep, app)
                #expect(
                    try await app.api(
                        .POST, "/api/v1/leads", token: repToken, json: #"{"name": "Nina Berg", "source": "website"}"#
                    ).status == .created)
                try await runDueJobs(app)

                // then: signed as the receiver checks it
                let hit = try #require(receiver.received.first)
                let timestamp = try #require(hit.headers.first(name: "X-SalesPulse-Timestamp"))
                #expect(
                    hit.headers.first(name: "X-SalesPulse-Signature")
                        == OutboundWebhooks.signature(timestamp: timestamp, body: hit.body, secret: secret))
                #expect(hit.headers.first(name: "X-SalesPulse-Event") == "lead.created")
                let body = try #require(try JSONSerialization.jsonObject(with: hit.body) as? [String: Any])
                #expect(body["event"] as? String == "lead.created")
                #expect((body["data"] as? [String: Any])?["name"] as? String == "Nina Berg")

                // and a refusal is tried again
                #expect(
                    try await app.api(
                        .POST, "/api/v1/leads", token: repToken, json: #"{"name": "Otto Lind", "source": "referral"}"#
                    ).status == .created)
                try await runDueJobs(app)
                var deliveries =
                    try await app.api(.GET, "/api/v1/admin/webhooks/deliveries", token: bearer).json()["items"]
                    as? [[String: Any]] ?? []
                #expect(deliveries.first?["state"] as? String == "retrying")
                #expect(deliveries.first?["statusCode"] as? Int == 500)
                app.clock.advance(by: 3_600)
                try await runDueJobs(app)
                deliveries =
                    try await app.api(.GET, "/api/v1/admin/webhooks/deliveries", token: bearer).json()["items"]
                    as? [[String: Any]] ?? []
                #expect(deliveries.map { $0["state"] as? String } == ["delivered", "delivered"])
                #expect(receiver.received.count == 3)

                // sent again on request
                let id = try #require(deliveries.last?["id"] as? String)
                #expect(
                    try await app.api(.POST, "/api/v1/admin/webhooks/deliveries/\(id)/replay", token: bearer).status
                        == .accepted)
                try await runDueJobs(app)
                #expect(receiver.received.count == 4)
            }
        } catch {
            try await receiver.stop()
            throw error
        }
        try await receiver.stop()
    }

    @Test func aTrialLessonBookedAndAttendedIsSent() async throws {
        let receiver = try await Receiver(answers: [])
        do {
            try await withTestApp { app in
                let company = try await CRMCompany.make(app)
                let subscription = try await subscribe(
                    app, company.tokens[.admin]!, url: receiver.url, events: ["trial.booked", "trial.attended"])
                let secret = try #require(subscription["secret"] as? String)
                let course = try await company.create(
                    .manager, "courses", #"{"name":"French A1","price":300,"lessonMinutes":60,"capacity":8}"#)
                let room = try await company.create(.manager, "rooms", #"{"name":"Room Oak","capacity":10}"#)
                let tomorrow = CalendarDay(containing: app.clock.now()).adding(days: 1)
                let group = try await company.create(
                    .manager, "groups",
                    #"{"name":"French A1 daily","courseId":"\#(course)","roomId":"\#(room)","days":"mon,tue,wed,thu,fri,sat,sun","startTime":"10:00","firstDay":"\#(tomorrow.text)","lastDay":"\#(tomorrow.adding(days: 30).text)"}"#
                )
                let lead = try await company.create(.repA, "leads", #"{"name":"Ines Roy","source":"website"}"#)
                let trial = try await company.create(
                    .repA, "trial-lessons",
                    #"{"leadId":"\#(lead)","groupId":"\#(group)","lessonDay":"\#(tomorrow.text)"}"#)
                try await runDueJobs(app)
                app.clock.advance(by: 2 * 86_400)
                let attended = try await company.call(
                    .repA, .PATCH, "/api/v1/trial-lessons/\(trial)", #"{"status":"attended"}"#)
                #expect(attended.status == .ok, "\(attended.text)")
                // a later edit that leaves it attended is no second event
                let edited = try await company.call(
                    .repA, .PATCH, "/api/v1/trial-lessons/\(trial)", #"{"status":"attended","notes":"Keen"}"#)
                #expect(edited.status == .ok, "\(edited.text)")
                try await runDueJobs(app)

                let events = receiver.received.map { $0.headers.first(name: "X-SalesPulse-Event") }
                #expect(events == ["trial.booked", "trial.attended"], "\(events)")
                for hit in receiver.received {
                    let timestamp = try #require(hit.headers.first(name: "X-SalesPulse-Timestamp"))
                    #expect(
                        hit.headers.first(name: "X-SalesPulse-Signature")
                            == OutboundWebhooks.signature(timestamp: timestamp, body: hit.body, secret: secret))
                    let body = try #require(try JSONSerialization.jsonObject(with: hit.body) as? [String: Any])
                    let data = try #require(body["data"] as? [String: Any])
                    #expect(data["id"] as? String == trial && data["leadId"] as? String == lead, "\(body)")
                    #expect(body["resource"] as? String == "trial-lessons")
                }
            }
        } catch {
            try await receiver.stop()
            throw error
        }
        try await receiver.stop()
    }

    @Test func repeatedFailuresPauseTheWebhookAndTellTheAdmins() async throws {
        let receiver = try await Receiver(answers: Array(repeating: .serviceUnavailable, count: 50))
        do {
            try await withTestApp { app in
                let admin = try await makeUser(app, email: "admin@example.com", role: "admin")
                let bearer = try await token(for: admin, app)
                let subscription = try await subscribe(app, bearer, url: receiver.url, events: ["lead.created"])
                let id = try #require(subscription["id"] as? String)
                try await app.db.sql.update(WebhookStore.subscriptions).set(
                    "failures_in_row", to: SQLBind(WebhookStore.pauseAfter - 1)
                ).run()

                #expect(
                    try await app.api(
                        .POST, "/api/v1/leads", token: bearer, json: #"{"name": "Pia Holm", "source": "website"}"#
                    ).status == .created)
                for _ in 0..<OutboundWebhooks.attempts {
                    try await runDueJobs(app)
                    app.clock.advance(by: 6 * 3_600)
                }

                let listed = try #require(
                    (try await app.api(.GET, "/api/v1/admin/webhooks", token: bearer).json()["items"]
                        as? [[String: Any]])?.first)
                #expect(listed["pausedAt"] is String, "\(listed)")
                #expect(receiver.received.count == OutboundWebhooks.attempts)
                let told = try await app.db.sql.raw(
                    "SELECT COUNT(*) AS n FROM notifications WHERE kind = 'webhook_paused'"
                ).first()?.decode(column: "n", as: Int.self)
                #expect(told == 1)

                // paused: nothing more goes out until an admin starts it again
                #expect(
                    try await app.api(
                        .POST, "/api/v1/leads", token: bearer, json: #"{"name": "Quin Moe", "source": "website"}"#
                    ).status == .created)
                try await runDueJobs(app)
                #expect(receiver.received.count == OutboundWebhooks.attempts)
                let resumed = try await app.api(
                    .PATCH, "/api/v1/admin/webhooks/\(id)", token: bearer, json: #"{"active": true}"#)
                #expect(try resumed.json()["pausedAt"] == nil || resumed.json()["pausedAt"] is NSNull)

                let browser = Browser(app)
                try await browser.signIn("admin@example.com")
                let page = try await browser.get("/admin/webhooks")
                #expect(page.text.contains(receiver.url))
                #expect(page.text.contains("HTTP 503"))
            }
        } catch {
            try await receiver.stop()
            throw error
        }
        try await receiver.stop()
    }

    @Test func aTaskFallingDueIsSentOnceAndAgainWhenMovedLater() async throws {
        let receiver = try await Receiver(answers: [])
        do {
            try await withTestApp { app in
                let admin = try await makeUser(app, email: "admin@example.com", role: "admin")
                let rep = try await makeUser(app, email: "rep@example.com", role: "rep")
                let bearer = try await token(for: admin, app)
                _ = try await subscribe(app, bearer, url: receiver.url, events: ["task.due"])
                let due = InternetTime.format(app.clock.now().addingTimeInterval(30 * 60))
                let made = try await app.api(
                    .POST, "/api/v1/tasks", token: try await token(for: rep, app),
                    json: #"{"title": "Send the quote", "dueAt": "\#(due)", "assigneeId": "\#(rep.id!)"}"#)
                #expect(made.status == .created, "\(made.text)")
                let taskID = try #require(try made.json()["id"] as? String)
                func scan() async throws {
                    try await Reminders(app: app, now: app.clock.now()).scan()
                    try await runDueJobs(app)
                }

                try await scan()
                #expect(receiver.received.isEmpty, "not due yet")
                app.clock.advance(by: 31 * 60)
                try await scan()
                try await scan()
                #expect(receiver.received.count == 1, "sent once however often the scan runs")
                let hit = try #require(receiver.received.first)
                let body = try #require(try JSONSerialization.jsonObject(with: hit.body) as? [String: Any])
                #expect(body["event"] as? String == "task.due")
                #expect((body["data"] as? [String: Any])?["title"] as? String == "Send the quote")

                let later = InternetTime.format(app.clock.now().addingTimeInterval(3600))
                #expect(
                    try await app.api(
                        .PATCH, "/api/v1/tasks/\(taskID)", token: bearer, json: #"{"dueAt": "\#(later)"}"#
                    ).status == .ok)
                app.clock.advance(by: 2 * 3600)
                try await scan()
                #expect(receiver.received.count == 2, "moved later, it falls due again")
            }
        } catch {
            try await receiver.stop()
            throw error
        }
        try await receiver.stop()
    }
}
