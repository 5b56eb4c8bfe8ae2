@testable import App
import Foundation
import SalesPulseCore
import Testing
import Vapor
import VaporTesting

@Suite(.serialized) struct SavedReportTests {
    private func sales(_ company: CRMCompany, _ app: Application) async throws {
        let today = CalendarDay(containing: app.clock.now())
        try await company.create(
            .repA, "sales", #"{"amount":3000,"repId":"\#(try company.id(.repA))","soldOn":"\#(today.text)"}"#)
        try await company.create(
            .repB, "sales", #"{"amount":1000,"repId":"\#(try company.id(.repB))","soldOn":"\#(today.text)"}"#)
    }

    @Test func peopleSendReportsOnlyToThoseTheyMay() async throws {
        try await withTestApp { app in
            let company = try await CRMCompany.make(app)
            let repA = try company.id(.repA), repB = try company.id(.repB)
            func save(
                _ who: CRMCompany.Person, _ recipients: [String], name: String = "Weekly"
            ) async throws
                -> TestingHTTPResponse
            {
                let list = recipients.map { "\"\($0)\"" }.joined(separator: ",")
                return try await company.call(
                    who, .POST, "/api/v1/reports/saved",
                    #"{"name":"\#(name)","period":"last-week","weeklyTo":[\#(list)]}"#)
            }
            #expect(try await save(.repA, [repA]).status == .created)
            let refused = try await save(.repA, [repB])
            #expect(refused.status == .unprocessableEntity && refused.text.contains("weeklyTo"), "\(refused.text)")
            // the manager leads repA's team, not repB's
            #expect(try await save(.manager, [repA]).status == .created)
            #expect(try await save(.manager, [repB]).status == .unprocessableEntity)
            #expect(try await save(.admin, [repA, repB]).status == .created)
            #expect(try await save(.repA, [], name: " ").status == .unprocessableEntity)
            let badPeriod = try await company.call(
                .repA, .POST, "/api/v1/reports/saved", #"{"name":"x","period":"someday"}"#)
            #expect(badPeriod.status == .unprocessableEntity && badPeriod.text.contains("period"))

            // each sees their own list; another's report is not found for them
            let mine = try #require(
                try await company.call(.repA, .GET, "/api/v1/reports/saved").json()["items"] as? [[String: Any]])
            #expect(mine.count == 1)
            let id = try #require(mine.first?["id"] as? String)
            #expect(try await company.call(.repB, .DELETE, "/api/v1/reports/saved/\(id)").status == .notFound)
            #expect(try await company.call(.manager, .DELETE, "/api/v1/reports/saved/\(id)").status == .notFound)
            #expect(try await company.call(.repA, .DELETE, "/api/v1/reports/saved/\(id)").status == .noContent)

            // the page form gives a readable error and keeps nothing
            let browser = Browser(app)
            _ = try await browser.signIn("repa@example.com")
            _ = try await browser.get("/reports")
            let page = try await browser.post("/reports/saved", ["name": "", "period": "last-month"])
            #expect(page.status == .unprocessableEntity, "\(page.status) \(page.body.string.prefix(3000))")
            #expect(page.body.string.contains("Give the report a name"))
            let saved = try await browser.post(
                "/reports/saved", ["name": "Mine", "period": "last-month", "weeklyTo[]": repA])
            #expect(saved.status == .seeOther || saved.status == .found, "\(saved.status)")
            #expect(try await browser.get("/reports").body.string.contains("emailed on Mondays to repa"))
        }
    }

    @Test func everyMondayEachRecipientGetsTheirOwnViewOnce() async throws {
        try await withTestApp { app in
            let company = try await CRMCompany.make(app)
            try await sales(company, app)
            let repA = try company.id(.repA), manager = try company.id(.manager)
            let created = try await company.call(
                .admin, .POST, "/api/v1/reports/saved",
                #"{"name":"Month so far","period":"this-month","weeklyTo":["\#(repA)","\#(manager)"]}"#)
            #expect(created.status == .created, "\(created.text)")
            // The weekly run falls due at 07:00 UTC on Mondays; early on a Monday, tick then.
            if SchedulePeriod.mondaysAt(hour: WeeklyReportJob.hour).key(at: app.clock.now()) == nil {
                app.clock.advance(by: TimeInterval(WeeklyReportJob.hour) * 3_600)
            }
            let now = app.clock.now()
            try await Scheduler(app: app, memory: SchedulerMemory()).tick(now: now)
            try await runDueJobs(app)
            let mailbox = try #require(app.devMailbox)
            let mails = try mailbox.entries().filter { $0.subject.hasPrefix("Month so far: Sales report") }
            #expect(Set(mails.map(\.to)) == ["repa@example.com", "manager@example.com"], "\(mails.map(\.subject))")
            // repA's copy counts repA's sale only, and carries the PDF
            let repEntry = try #require(mails.first { $0.to == "repa@example.com" })
            let repMail = try #require(try mailbox.message(named: repEntry.file))
            let text = MailHeaderText.plainText(of: repMail)
            #expect(text.contains("was $3,000 from 1 sale"), "\(text)")
            #expect(repMail.contains("Content-Type: application/pdf"))
            // a second run in the same week sends nothing more
            try await WeeklyReportJob.run(app)
            try await runDueJobs(app)
            #expect(try mailbox.entries().filter { $0.subject.hasPrefix("Month so far") }.count == 2)
        }
    }

    @Test func aLanguageModelRewordsTheSummaryOnlyWhenEveryFigureAndNameSurvives() async throws {
        let faithful = try await ChatCompletionsStandIn { "In short: " + $0 }
        let inventive = try await ChatCompletionsStandIn { $0.replacingOccurrences(of: "$4,000", with: "$4,100") }
        let broken = try await ChatCompletionsStandIn { _ in nil }
        for (server, author) in [(faithful, "languageModel"), (inventive, "figures"), (broken, "figures")] {
            try await withTestApp({
                $0.languageModel = LanguageModelSettings(baseURL: server.baseURL, apiKey: "secret", model: "small")
            }) { app in
                let company = try await CRMCompany.make(app)
                try await sales(company, app)
                let body = try await company.call(.admin, .GET, "/api/v1/reports/sales?period=this-month").json()
                let summary = try #require(body["summary"] as? [String])
                #expect(body["summaryAuthor"] as? String == author, "\(summary)")
                #expect(summary.joined().contains("$4,000"), "the figures' text is never lost: \(summary)")
                #expect((summary.first?.hasPrefix("In short")) == (author == "languageModel"))
            }
            let asked = try #require(server.received.first)
            #expect(asked.model == "small" && asked.authorization == "Bearer secret")
            #expect(asked.system.contains("Keep every number exactly as written"))
        }
        try await faithful.stop()
        try await inventive.stop()
        try await broken.stop()
    }
}
