@testable import App
import Foundation
import SQLKit
import Testing
import Vapor

@Suite("Reminders and notifications")
struct RemindersTests {
    @Test func aTaskRemindsOnceAtEachOffsetAndOnceMoreWhenDue() async throws {
        try await withTestApp { app in
            let company = try await CRMCompany.make(app)
            // Scans run at times fixed from here on, so a slow machine cannot shift "in 30 minutes".
            var scanTime = app.clock.now()
            let due = InternetTime.format(scanTime.addingTimeInterval(30 * 60))
            #expect(
                try await company.call(
                    .repA, .POST, "/api/v1/tasks",
                    #"{"title":"Send the quote","dueAt":"\#(due)","reminderOffsets":"soon","assigneeId":"\#(try company.id(.repA))"}"#
                ).status == .unprocessableEntity)
            try await company.create(
                .repA, "tasks",
                #"{"title":"Send the quote","dueAt":"\#(due)","reminderOffsets":"1h, 0","assigneeId":"\#(try company.id(.repA))"}"#
            )
            let later = { (seconds: TimeInterval) in
                app.clock.advance(by: seconds)
                scanTime += seconds
            }
            let reminders = { Reminders(app: app, now: scanTime) }
            #expect(try await reminders().scan() == 1, "an hour before is already past")
            #expect(try await reminders().scan() == 0)
            later(20 * 60)
            #expect(try await reminders().scan() == 0)
            later(11 * 60)
            #expect(try await reminders().scan() == 1, "and at the due time")
            #expect(try await reminders().scan() == 0)

            let listed = try await company.call(.repA, .GET, "/api/v1/notifications").json()
            let items = try #require(listed["items"] as? [[String: Any]])
            #expect(
                items.map { $0["title"] as? String } == [
                    "Task due now: Send the quote", "Task due in 30 minutes: Send the quote",
                ])
            #expect(try await company.call(.repB, .GET, "/api/v1/notifications").json()["items"] as? [Any] != nil)
            #expect(
                (try await company.call(.repB, .GET, "/api/v1/notifications").json()["items"] as? [Any])?.isEmpty
                    == true)
            let now = Date()
            #expect(Reminders.headline(due: now.addingTimeInterval(-3_600), now: now) == "Overdue task")
            #expect(Reminders.headline(due: now.addingTimeInterval(2 * 86_400), now: now) == "Task due in 2 days")
            let first = try #require(items.first?["id"] as? String)
            #expect(try await company.call(.repB, .POST, "/api/v1/notifications/\(first)/read").status == .notFound)
            let read = try await company.call(.repA, .POST, "/api/v1/notifications/\(first)/read")
            let unread = try read.json()["unread"] as? Int
            #expect(read.status == .ok && unread == 1)

            // Each reminder became one email in the outbox, to the assignee.
            let mail = try await outbox(app)
            #expect(mail.count == 2 && mail.allSatisfy { $0.to_address == "repa@example.com" && $0.state == "queued" })
            #expect(try await runDueJobs(app) == 2)
            #expect(try await outbox(app).allSatisfy { $0.state == "sent" })
            let delivered = try #require(app.devMailbox).entries()
            #expect(delivered.map(\.subject) == ["Reminder: Send the quote", "Reminder: Send the quote"])

            // The bell on every page counts what is unread.
            let browser = Browser(app)
            try await browser.signIn("repa@example.com")
            let home = try await browser.get("/").text
            #expect(home.contains(#"<span class="count">1<span class="visually-hidden"> unread</span>"#))
            let page = try await browser.get("/notifications").text
            #expect(page.contains("Task due now: Send the quote"))
        }
    }

    @Test func followUpsSnoozesAssignmentsAndClosedDealsTellTheRightPeople() async throws {
        try await withTestApp { app in
            let company = try await CRMCompany.make(app)
            let past = InternetTime.format(app.clock.now().addingTimeInterval(-60))
            let lead = try await company.create(
                .repA, "leads",
                #"{"name":"Ada Park","company":"Kestrel Labs","source":"website","ownerId":"\#(try company.id(.repA))","followUpAt":"\#(past)"}"#
            )
            #expect(try await Reminders(app: app, now: app.clock.now()).scan() == 1)
            // The manager hands a lead to repA: repA hears of it, the manager (who did it) does not.
            try await company.create(
                .manager, "leads", #"{"name":"Bo Lind","source":"referral","ownerId":"\#(try company.id(.repA))"}"#)
            try await runDueJobs(app)
            let titles = try #require(
                try await company.call(.repA, .GET, "/api/v1/notifications").json()["items"] as? [[String: Any]]
            ).compactMap { $0["title"] as? String }
            #expect(titles.contains("Follow up with Ada Park"))
            #expect(titles.contains { $0.hasSuffix("gave you the lead Bo Lind") })
            // repA turns off emails about assigned leads: the notification comes, the email does not.
            let browser = Browser(app)
            try await browser.signIn("repa@example.com")
            try await browser.get("/account/preferences")
            let saved = try await browser.post(
                "/account/preferences", ["timeZone": "", "email_task_due": "on", "email_follow_up_due": "on"])
            #expect(saved.status == .seeOther)
            let before = try await outbox(app).count
            try await company.create(
                .manager, "leads", #"{"name":"Cy Moss","source":"referral","ownerId":"\#(try company.id(.repA))"}"#)
            try await runDueJobs(app)
            #expect(try await outbox(app).count == before)
            #expect(
                try await company.call(.repA, .GET, "/api/v1/notifications?unread=true").json()["items"]
                    as? [[String: Any]] != nil)

            // repA wins a deal: the manager is told, repA gets the order confirmation with its lines.
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
            let managerTitles = try #require(
                try await company.call(.manager, .GET, "/api/v1/notifications").json()["items"] as? [[String: Any]]
            ).compactMap { $0["title"] as? String }
            #expect(managerTitles.contains { $0.contains("won Tablets for Kestrel") && $0.contains("$5,200.00") })
            let mailbox = try #require(app.devMailbox)
            let confirmation = try #require(
                try mailbox.entries().first { $0.subject == "Order confirmation: Tablets for Kestrel" })
            #expect(confirmation.to == "repa@example.com")
            let text = MailHeaderText.plainText(of: try #require(try mailbox.message(named: confirmation.file)))
            #expect(text.contains("- Field tablet, 8 x $650.00 = $5,200.00") && text.contains("Order total: $5,200.00"))
            _ = lead

            // A meeting booked for tomorrow reaches repA's calendar as an invitation to accept.
            let tomorrow = InternetTime.format(app.clock.now().addingTimeInterval(86_400))
            let meeting = try await company.create(
                .repA, "activities",
                #"{"type":"meeting","subject":"Demo for Kestrel","occurredAt":"\#(tomorrow)","durationMinutes":45,"userId":"\#(try company.id(.repA))"}"#
            )
            try await runDueJobs(app)
            let invitation = try #require(try mailbox.entries().first { $0.subject == "Invitation: Demo for Kestrel" })
            let raw = try #require(try mailbox.message(named: invitation.file))
            #expect(invitation.to == "repa@example.com")
            #expect(
                raw.contains("Content-Type: text/calendar; method=REQUEST; charset=utf-8")
                    && raw.contains("filename=\"invite.ics\""))
            let parts = raw.components(separatedBy: "Content-Disposition: attachment; filename=\"invite.ics\"\r\n\r\n")
            let base64 = try #require(parts.last).components(separatedBy: "\r\n").prefix { !$0.isEmpty }.joined()
            let ics = String(decoding: try #require(Data(base64Encoded: base64)), as: UTF8.self).replacingOccurrences(
                of: "\r\n ", with: "")
            #expect(
                ics.contains("METHOD:REQUEST") && ics.contains("UID:activity-\(meeting)@salespulse")
                    && ics.contains("mailto:repa@example.com"))
            // A call logged for the past sends nothing.
            let mailBefore = try await outbox(app).count
            try await company.create(
                .repA, "activities", #"{"type":"call","subject":"Quick call","userId":"\#(try company.id(.repA))"}"#)
            try await runDueJobs(app)
            #expect(try await outbox(app).count == mailBefore)
        }
    }
}
