@testable import App
import Foundation
import Testing
import Vapor
import VaporTesting

/// An import's result opens the records behind its counts, and its log says how the columns
/// were read.
@Suite(.serialized) struct ImportResultTests {
    @Test func createdAndUpdatedCountsOpenExactlyTheirRecordsForThePersonWhoMayAlsoSeeThem() async throws {
        try await withTestApp { app in
            let company = try await CRMCompany.make(app)
            try await company.create(
                .repA, "leads", #"{"name":"Ann Lee","email":"ann@example.com","source":"website"}"#)
            try await company.create(
                .repA, "leads", #"{"name":"Earlier Lead","email":"earlier@example.com","source":"website"}"#)
            let file = Array(
                "Full name,E-mail,Remarks\nAnn Lee,ann@example.com,x\nCara Moss,cara@example.com,y\nDan Holt,dan@example.com,z\n"
                    .utf8)
            let uploaded = try await company.upload(.repA, file, fileName: "fair-contacts.csv")
            let id = try #require(uploaded["id"] as? String)
            _ = try await company.call(
                .repA, .PATCH, "/api/v1/imports/\(id)", #"{"onDuplicate":"update","updateMode":"overwrite"}"#)
            #expect(
                counts(try await company.runImport(.repA, id)) == [
                    "created": 2, "updated": 1, "skipped": 0, "failed": 0,
                ])

            // the API lists exactly the records behind each count
            func names(_ person: CRMCompany.Person, _ filter: String) async throws -> [String] {
                let response = try await company.call(person, .GET, "/api/v1/leads?\(filter)=\(id)&sort=name")
                #expect(response.status == .ok, "\(response.text)")
                return (try response.json()["items"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
            }
            #expect(try await names(.repA, "importCreated") == ["Cara Moss", "Dan Holt"])
            #expect(try await names(.repA, "importUpdated") == ["Ann Lee"])
            #expect(try await names(.repB, "importCreated") == [], "the filter never widens what a person may see")
            let bad = try await company.call(.repA, .GET, "/api/v1/leads?importCreated=yesterday")
            #expect(bad.status.code >= 400 && bad.status.code < 500)
            #expect(try bad.apiError().field == "importCreated")

            // the page's tiles link to those lists, which say in words what they hold
            let browser = Browser(app)
            try await browser.signIn(company.users[.repA]!.email)
            let page = try await browser.get("/imports/\(id)")
            #expect(page.body.string.contains(#"href="/leads?importCreated=\#(id)""#))
            #expect(page.body.string.contains(#"href="/leads?importUpdated=\#(id)""#))
            #expect(page.body.string.contains("Full name → Name · E-mail → Email · Remarks left out"))
            let created = try await browser.get("/leads?importCreated=\(id)").body.string
            #expect(created.contains("Cara Moss") && created.contains("Dan Holt"))
            #expect(!created.contains("Ann Lee") && !created.contains("Earlier Lead"))
            #expect(created.contains("Created by the import") && created.contains("fair-contacts.csv"))
            let log = try await browser.get("/imports").body.string
            #expect(log.contains("Full name → Name · E-mail → Email · Remarks left out"))

            // once undone, the created records are gone and the page stops linking to them
            #expect(try await company.call(.repA, .POST, "/api/v1/imports/\(id)/undo").status == .ok)
            #expect(try await names(.repA, "importCreated") == [])
            #expect(!(try await browser.get("/imports/\(id)").body.string.contains("importCreated=")))
        }
    }
}
