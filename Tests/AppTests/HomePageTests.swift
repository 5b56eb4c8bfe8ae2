@testable import App
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

/// Home is each person's to-do list: today's and overdue work, once each, done or moved in
/// one click; managers also see who is behind, admins what needs attention.
@Suite("Home")
struct HomePageTests {
    @Test func aRepWorksTheirDayFromHome() async throws {
        try await withTestApp { app in
            // given a rep with an overdue task, a lead to follow up today that also has a follow-up
            // task, and a lead whose follow-up is next week
            let company = try await CRMCompany.make(app)
            let rep = try company.id(.repA)
            // an hour from now, but never past midnight, when it would no longer be today's work
            let soon = InternetTime.format(
                min(Date().addingTimeInterval(3_600), PageDate.endOfToday(Date()).addingTimeInterval(-60)))
            let task = try await company.create(
                .repA, "tasks",
                #"{"title":"Send the price list","dueAt":"2020-01-01T09:00:00Z","assigneeId":"\#(rep)"}"#)
            let lead = try await company.create(
                .repA, "leads", #"{"name":"Nadia Ferro","followUpAt":"\#(soon)","ownerId":"\#(rep)"}"#)
            try await company.create(
                .repA, "tasks",
                #"{"title":"Call Nadia about the demo","type":"follow_up","leadId":"\#(lead)","dueAt":"\#(soon)","assigneeId":"\#(rep)"}"#
            )
            let later = try await company.create(
                .repA, "leads",
                #"{"name":"Otto Berg","followUpAt":"\#(InternetTime.format(Date().addingTimeInterval(7 * 86_400)))","ownerId":"\#(rep)"}"#
            )
            let browser = Browser(app)
            try await browser.signIn("repa@example.com")
            // when the rep opens home
            let home = try await browser.get("/").body.string
            // then the overdue task and the follow-up task show, the lead's own follow-up does not repeat it
            #expect(home.contains("Send the price list") && home.contains("Overdue"))
            #expect(home.contains("Call Nadia about the demo"))
            #expect(!home.contains("Follow up: Nadia Ferro"))
            #expect(!home.contains("/work/follow-ups/\(later)/done"))
            // ticking the task done takes it off the list and records the change
            let done = try await browser.post("/work/tasks/\(task)/done", ["back": "/"])
            #expect(done.status == .seeOther)
            #expect(try await company.call(.repA, .GET, "/api/v1/tasks/\(task)").json()["status"] as? String == "done")
            #expect(!(try await browser.get("/").body.string.contains("Send the price list")))
            // moving a lead's follow-up to tomorrow keeps its time of day a day later
            let moved = try await browser.post("/work/follow-ups/\(lead)/reschedule", ["to": "tomorrow", "back": "/"])
            #expect(moved.status == .seeOther)
            let followUp = try #require(
                try await company.call(.repA, .GET, "/api/v1/leads/\(lead)").json()["followUpAt"] as? String)
            #expect(followUp > soon)
            // a chosen time must be a time
            #expect(
                try await browser.post("/work/tasks/\(task)/reschedule", ["at": "someday", "back": "/"]).status
                    == .unprocessableEntity)
            // another rep's task is not theirs to tick
            let other = try await company.create(
                .repB, "tasks", #"{"title":"Not yours","dueAt":"2020-01-01T09:00:00Z"}"#)
            #expect(try await browser.post("/work/tasks/\(other)/done", ["back": "/"]).status == .notFound)
        }
    }

    @Test func managersSeeWhoIsBehindAndAdminsWhatNeedsAttention() async throws {
        try await withTestApp { app in
            let company = try await CRMCompany.make(app)
            let rep = company.users[.repA]!
            rep.monthlyTargetCents = 1_000_000
            try await rep.save(on: app.db)
            let manager = Browser(app)
            try await manager.signIn("manager@example.com")
            let page = try await manager.get("/").body.string
            #expect(page.contains("Who is behind"))
            #expect(page.contains(rep.name))
            #expect(page.contains("Team pipeline"))
            let admin = Browser(app)
            try await admin.signIn("admin@example.com")
            let adminPage = try await admin.get("/").body.string
            #expect(adminPage.contains("Needs attention"))
            #expect(adminPage.contains("not trained yet"))
            let rep2 = Browser(app)
            try await rep2.signIn("repb@example.com")
            let repPage = try await rep2.get("/").body.string
            #expect(!repPage.contains("Who is behind") && !repPage.contains("Needs attention"))
            #expect(repPage.contains("Nothing due today"))
        }
    }
}
