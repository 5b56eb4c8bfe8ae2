@testable import App
import Foundation
import Testing
import Vapor
import VaporTesting

/// Dates are stored in UTC and shown and typed in each person's zone: their own, else the
/// company's (S1).
@Suite("Time zones")
struct TimeZoneTests {
    @Test func pagesShowAndReadTimesInThePersonsZone() async throws {
        try await withTestApp { app in
            let company = try await CRMCompany.make(app)
            let task = try await company.create(
                .repA, "tasks", #"{"title":"Call Berlin","dueAt":"2031-01-15T09:00:00Z"}"#)
            let browser = Browser(app)
            try await browser.signIn("repa@example.com")
            // UTC until someone says otherwise, and the settings page shows UTC chosen
            #expect(try await browser.get("/tasks/\(task)").body.string.contains("2031-01-15 09:00 UTC"))
            let admin = Browser(app)
            try await admin.signIn("admin@example.com")
            #expect(
                try await admin.get("/admin/settings").body.string.contains(#"<option value="UTC" selected>"#),
                "saving the page unchanged keeps UTC")
            // the company moves to Berlin (UTC+1 in January)
            #expect(
                try await company.call(.admin, .PATCH, "/api/v1/settings", #"{"timeZone":"Europe/Berlin"}"#).status
                    == .ok)
            #expect(try await browser.get("/tasks/\(task)").body.string.contains("2031-01-15 10:00"))
            // the rep picks Tokyo (UTC+9) for themselves
            try await browser.get("/account/preferences")
            #expect(try await browser.post("/account/preferences", ["timeZone": "Asia/Tokyo"]).status == .seeOther)
            let page = try await browser.get("/tasks/\(task)").body.string
            #expect(page.contains("2031-01-15 18:00"))
            // a time typed into a form is read in that zone and stored in UTC
            try await browser.get("/tasks/\(task)/edit")
            var form = RecordForm.text(
                of: try #require(try await RecordStore(spec: .tasks, db: app.db).find(UUID(uuidString: task)!)),
                spec: .tasks)
            form = form.filter { RecordSpec.tasks.field($0.key)?.writable ?? false }
            form["dueAt"] = "2031-01-16T09:30"
            #expect(try await browser.post("/tasks/\(task)", form).status == .seeOther)
            #expect(
                try await company.call(.repA, .GET, "/api/v1/tasks/\(task)").json()["dueAt"] as? String
                    == "2031-01-16T00:30:00.000Z")
            // the API stays in UTC
            #expect(
                try await company.call(.repA, .POST, "/api/v1/tasks", #"{"title":"UTC","dueAt":"2031-01-16T09:30"}"#)
                    .status.code < 500)
            // a zone that does not exist is refused
            #expect(
                try await browser.post("/account/preferences", ["timeZone": "Mars/Olympus"]).status
                    == .unprocessableEntity)
            #expect(
                try await company.call(.admin, .PATCH, "/api/v1/settings", #"{"timeZone":"Mars/Olympus"}"#).status
                    == .unprocessableEntity)
            // calendar files say the reader's zone and keep UTC times
            let ics = try await browser.get("/tasks/\(task)/calendar.ics").body.string
            #expect(ics.contains("X-WR-TIMEZONE:Asia/Tokyo") && ics.contains("DTSTART:20310116T003000Z"))
        }
    }

    @Test func aZoneAcrossADaylightSavingChangeRoundTrips() {
        let berlin = TimeZone(identifier: "Europe/Berlin")!
        PageDate.$zone.withValue(berlin) {
            for text in ["2031-03-30T01:30", "2031-07-01T12:00", "2031-10-26T04:00", "2031-12-31T23:59"] {
                let date = PageDate.parseInput(text)
                #expect(date != nil)
                #expect(date.map(PageDate.inputValue) == text, "\(text)")
            }
            #expect(PageDate.format(PageDate.parseInput("2031-07-01T12:00")!).hasPrefix("2031-07-01 12:00"))
        }
    }

    @Test func servingOnAnotherAddressWithoutAPublicURLWarns() {
        #expect(
            ServeWithDemoCommand.publicURLWarning(environment: [:], bind: nil, hostname: "0.0.0.0", port: 80) != nil)
        #expect(ServeWithDemoCommand.publicURLWarning(environment: [:], bind: nil, hostname: nil, port: nil) == nil)
        #expect(
            ServeWithDemoCommand.publicURLWarning(
                environment: ["PUBLIC_URL": "https://crm.example.com"], bind: "0.0.0.0:80", hostname: nil, port: nil)
                == nil)
    }
}
