@testable import App
import Foundation
import SalesPulseCore
import Testing
import Vapor

/// Mail through a real SMTP server on loopback: STARTTLS and implicit TLS, AUTH, an outage
/// that loses and duplicates nothing, and a refusal that fails the message with its reason.
@Suite(
    "Email over SMTP", .serialized,
    .enabled(if: SMTPTestServer.available, "needs Python's aiosmtpd (pip install aiosmtpd)"))
struct MailDeliveryTests {
    func withMailApp(tls: String = "starttls", _ test: (Application, SMTPTestServer) async throws -> Void) async throws
    {
        let server = try SMTPTestServer(tls: tls)
        defer { server.stop() }
        let scheme = tls == "implicit" ? "smtps" : "smtp"
        let url =
            "\(scheme)://sales:s3cret@localhost:\(server.port)?starttls=\(tls == "starttls")&ca_file=\(server.certificate)"
        try await withTestApp({ settings in
            settings.smtp = try! SMTPSettings(url: url)
            settings.mailFrom = "SalesPulse <crm@salespulse.test>"
        }) { app in try await test(app, server) }
    }

    @Test func aPasswordResetArrivesOverSTARTTLSWithItsLinkInBothParts() async throws {
        try await withMailApp { app, server in
            try await makeUser(app, email: "maria@example.com", role: "rep")
            let browser = Browser(app)
            try await browser.get("/forgot-password")
            #expect(
                try await browser.post("/forgot-password", ["email": "maria@example.com"]).text.contains(
                    "If that address has an account"))
            #expect(try await runDueJobs(app) == 1)
            let messages = try server.messages()
            #expect(messages.count == 1)
            let message = try #require(messages.first)
            #expect(
                message.contains("X-Envelope-From: crm@salespulse.test")
                    && message.contains("X-Envelope-To: maria@example.com"))
            #expect(
                message.contains("From: SalesPulse <crm@salespulse.test>")
                    && message.contains("Subject: Reset your SalesPulse password"))
            #expect(
                message.contains("Content-Type: multipart/alternative")
                    && message.contains("Content-Type: text/html; charset=utf-8"))
            #expect(message.range(of: #"Message-ID: <[0-9a-f-]+@127\.0\.0\.1>"#, options: .regularExpression) != nil)
            let text = MailHeaderText.plainText(
                of: message.replacingOccurrences(of: "\n", with: "\r\n").replacingOccurrences(
                    of: "\r\r\n", with: "\r\n"))
            let link = try #require(
                text.components(separatedBy: "\n").first { $0.hasPrefix("http://127.0.0.1:8080/reset-password/") })
            #expect(try await browser.get(String(link.dropFirst("http://127.0.0.1:8080".count))).status == .ok)
            #expect(try await outbox(app).map(\.state) == ["sent"])
        }
    }

    @Test func aServerThatIsDownLosesNothingAndDuplicatesNothing() async throws {
        try await withMailApp(tls: "implicit") { app, server in
            let company = try await CRMCompany.make(app)
            try server.setDown(true)
            let past = InternetTime.format(app.clock.now().addingTimeInterval(-60))
            try await company.create(
                .repA, "leads",
                #"{"name":"Ada Park","source":"website","ownerId":"\#(try company.id(.repA))","followUpAt":"\#(past)"}"#
            )
            #expect(try await Reminders(app: app, now: app.clock.now()).scan() == 1)
            #expect(try await runDueJobs(app) == 1)
            var rows = try await outbox(app)
            #expect(
                rows.count == 1 && rows[0].state == "queued" && rows[0].attempts == 1
                    && rows[0].last_error?.contains("451") == true)
            app.clock.advance(by: 15)
            #expect(try await runDueJobs(app) == 1)
            #expect(try server.messages().isEmpty)
            try server.setDown(false)
            let retryAt = try #require(
                try await app.jobs.list(state: .queued, limit: 5).first { $0.kind == Outbox.sendKind }
            ).runAt
            #expect(
                try await app.jobs.claim(worker: "early", lease: 30, now: Date(milliseconds: retryAt - 500)) == nil,
                "it waits out its backoff")
            app.clock.advance(by: 60)
            #expect(try await runDueJobs(app) == 1)
            app.clock.advance(by: 3_600)
            #expect(try await runDueJobs(app) == 0)
            #expect(try await Reminders(app: app, now: app.clock.now()).scan() == 0)
            let messages = try server.messages()
            #expect(messages.count == 1 && messages[0].contains("Subject: Follow up with Ada Park"))
            rows = try await outbox(app)
            #expect(rows.count == 1 && rows[0].state == "sent" && rows[0].attempts == 3)
        }
    }

    @Test func aWonDealsOrderConfirmationArrivesWithItsLines() async throws {
        try await withMailApp { app, server in
            let company = try await CRMCompany.make(app)
            let product = try await company.create(
                .admin, "products", #"{"name":"Field tablet","price":650,"cost":410}"#)
            let account = try await company.create(
                .repA, "accounts", #"{"name":"Kestrel Labs","ownerId":"\#(try company.id(.repA))"}"#)
            let deal = try await company.create(
                .repA, "opportunities",
                #"{"name":"Tablets for Kestrel","accountId":"\#(account)","amount":1,"ownerId":"\#(try company.id(.repA))"}"#
            )
            try await company.create(
                .repA, "opportunity-lines", #"{"opportunityId":"\#(deal)","productId":"\#(product)","quantity":8}"#)
            #expect(
                try await company.call(.repA, .PATCH, "/api/v1/opportunities/\(deal)", #"{"stage":"closed_won"}"#)
                    .status == .ok)
            try await runDueJobs(app)
            try await runDueJobs(app)
            let messages = try server.messages()
            let message = try #require(
                messages.first { $0.contains("Subject: Order confirmation: Tablets for Kestrel") },
                "\(messages.count) messages")
            #expect(message.contains("X-Envelope-To: repa@example.com"))
            let text = MailHeaderText.plainText(
                of: message.replacingOccurrences(of: "\n", with: "\r\n").replacingOccurrences(
                    of: "\r\r\n", with: "\r\n"))
            #expect(
                text.contains("- Field tablet, 8 x $650.00 = $5,200.00") && text.contains("Order total: $5,200.00"),
                "\(text)")
        }
    }

    @Test func aRefusalFailsTheMessageWithTheServersReason() async throws {
        try await withMailApp { app, server in
            try await makeUser(app, email: "reject.me@example.com", role: "rep")
            let browser = Browser(app)
            try await browser.get("/forgot-password")
            try await browser.post("/forgot-password", ["email": "reject.me@example.com"])
            #expect(try await runDueJobs(app) == 1)
            let rows = try await outbox(app)
            #expect(rows.count == 1 && rows[0].state == "failed" && rows[0].last_error?.contains("550") == true)
            #expect(try await jobCount(app, kind: Outbox.sendKind, state: "failed") == 1)
            #expect(try server.messages().isEmpty)
        }
    }
}
