@testable import App
import Foundation
import SalesPulseCore
import SQLKit
import Testing
import Vapor
import VaporTesting

/// Special cases before a form's rule: a lead interested in Spanish goes to the languages team
/// in turn, one from the north region to its rep; everyone else by the form's rule.
extension IntakeTests {
    @Test func specialCasesSendLeadsByProductInterestOrRegionWithTheirOwnTurns() async throws {
        try await withTestApp { app in
            let company = try await company(app)
            let languages = try await makeTeam(app, "Languages")
            let teachers = [
                try await makeUser(app, email: "lena@example.com", role: "rep", team: "Languages"),
                try await makeUser(app, email: "marc@example.com", role: "rep", team: "Languages"),
            ]
            #expect(
                try await app.api(.POST, "/api/v1/regions", token: company.bearer, json: #"{"name": "Norte"}"#).status
                    == .created)
            let bad = try await app.api(
                .POST, "/api/v1/admin/intake/forms", token: company.bearer,
                json: #"""
                    {"name": "Courses", "source": "landing_page", "assignTo": "\#(company.reps[0].id!)", "routes": [{"when": "productInterest", "assignTo": "\#(company.reps[1].id!)"}]}
                    """#)
            #expect(bad.status == .unprocessableEntity)
            #expect(try bad.apiError().field == "routes.0.contains")
            let form = try await form(
                company,
                #"""
                {"name": "Courses", "source": "landing_page", "assignTo": "\#(company.reps[0].id!)", "routes": [
                  {"when": "productInterest", "contains": "spanish", "assignTo": "roundRobin", "team": "\#(languages.id!)"},
                  {"when": "region", "contains": "norte", "assignTo": "\#(company.reps[1].id!)"}]}
                """#)
            #expect((form["routes"] as? [[String: Any]])?.count == 2)
            #expect((form["snippet"] as? String)?.contains(#"name="interest""#) == true)
            #expect((form["snippet"] as? String)?.contains(#"name="region""#) == true)

            for index in 0..<4 {
                #expect(
                    try await submit(
                        app, path(form),
                        [
                            "name": "Learner \(index)", "email": "learner\(index)@example.com",
                            "interest": "Spanish B1 on Saturdays",
                        ]
                    ).status == .ok)
            }
            #expect(
                try await submit(app, path(form), ["name": "Nuno", "email": "nuno@example.com", "region": "Norte"])
                    .status == .ok)
            #expect(
                try await submit(app, path(form), ["name": "Other", "email": "other@example.com", "interest": "Piano"])
                    .status == .ok)

            func owner(_ email: String) async throws -> UUID? {
                try await app.db.sql.raw("SELECT owner_id FROM leads WHERE email = \(bind: email)").first()?.decode(
                    column: "owner_id", as: UUID?.self)
            }
            let learners = try await (0..<4).asyncMap { try await owner("learner\($0)@example.com") }
            #expect(
                learners.filter { $0 == teachers[0].id }.count == 2
                    && learners.filter { $0 == teachers[1].id }.count == 2, "the team takes turns")
            #expect(try await owner("nuno@example.com") == company.reps[1].id)
            #expect(try await owner("other@example.com") == company.reps[0].id)
            let lead = try #require(
                try await app.db.sql.raw(
                    "SELECT product_interest, region_id FROM leads WHERE email = 'learner0@example.com'"
                ).first())
            #expect(try lead.decode(column: "product_interest", as: String.self) == "Spanish B1 on Saturdays")
            let north = try await app.db.sql.raw("SELECT region_id FROM leads WHERE email = 'nuno@example.com'")
                .first()?.decode(column: "region_id", as: UUID?.self)
            #expect(north != nil, "the region is the company's region of that name")

            // set up on the page, with the row's own error
            let browser = Browser(app)
            try await browser.signIn("admin@example.com")
            let page = try await browser.get("/admin/intake").text
            #expect(
                page.contains("Product interest containing \u{201C}spanish\u{201D} goes to Reps of Languages, in turn.")
            )
            let missing = try await browser.post(
                "/admin/intake",
                [
                    "name": "Open day", "source": "landing_page", "assignTo": company.reps[0].id!.uuidString,
                    "route0When": "region", "route0Contains": "Sul", "route0To": "",
                ])
            #expect(missing.status == .unprocessableEntity)
            #expect(missing.text.contains(#"id="route0-error""#))
            let made = try await browser.post(
                "/admin/intake",
                [
                    "name": "Open day", "source": "landing_page", "assignTo": company.reps[0].id!.uuidString,
                    "route0When": "region", "route0Contains": "Sul", "route0To": "roundRobin:\(languages.id!)",
                ])
            #expect(made.status == .seeOther)
            #expect(
                try await browser.get("/admin/intake").text.contains(
                    "Region containing \u{201C}Sul\u{201D} goes to Reps of Languages, in turn."))
        }
    }
}

extension Sequence {
    func asyncMap<T>(_ transform: (Element) async throws -> T) async rethrows -> [T] {
        var results: [T] = []
        for element in self { results.append(try await transform(element)) }
        return results
    }
}
