@testable import App
import Foundation
import SalesPulseCore
import SQLKit
import Testing
import Vapor
import VaporTesting

/// Managers' and admins' home shows the leads kept waiting: new ones with nothing logged an
/// hour after they arrived, and open ones nobody owns; each figure opens the same leads.
extension IntakeTests {
    @Test func managersSeeTheLeadsKeptWaitingAndEachFigureOpensThem() async throws {
        try await withTestApp { app in
            let company = try await company(app)
            _ = try await makeUser(app, email: "maria@example.com", role: "manager", team: "North")
            let form = try await form(
                company,
                #"{"name": "Open day", "source": "landing_page", "assignTo": "roundRobin", "team": "\#(company.team.id!)"}"#
            )
            for name in ["Answered Alves", "Nobody's Nunes", "Waiting Watts"] {
                #expect(
                    try await submit(
                        app, path(form),
                        ["name": name, "email": "\(name.split(separator: " ")[1].lowercased())@example.com"]
                    ).status == .ok)
            }
            try await app.db.sql.update("leads").set("owner_id", to: SQLLiteral.null).where(
                "name", .equal, SQLBind("Nobody's Nunes")
            ).run()
            let answered = try #require(
                try await app.db.sql.raw("SELECT id FROM leads WHERE name = 'Answered Alves'").first()?.decode(
                    column: "id", as: UUID.self))
            app.clock.advance(by: 2 * 3600)
            let call = try await app.api(
                .POST, "/api/v1/activities", token: company.bearer,
                json:
                    #"{"type": "call", "subject": "First call", "occurredAt": "\#(InternetTime.format(app.clock.now()))", "leadId": "\#(answered)"}"#
            )
            #expect(call.status == .created, "\(call.text)")

            let manager = Browser(app)
            try await manager.signIn("maria@example.com")
            let home = try await manager.get("/").text
            #expect(home.contains("Leads kept waiting"))
            #expect(home.contains("<strong>1</strong> new lead has had no answer for over an hour"))
            #expect(home.contains("Waiting Watts") && !home.contains("Answered Alves"))
            let slowList = try #require(Self.link(after: "Leads kept waiting", in: home))
            let listed = try await manager.get(slowList).text
            #expect(listed.contains("Waiting Watts") && !listed.contains("Answered Alves") && !listed.contains("Nunes"))

            let admin = Browser(app)
            try await admin.signIn("admin@example.com")
            let adminHome = try await admin.get("/").text
            #expect(adminHome.contains("<strong>2</strong> new leads have had no answer"))
            #expect(adminHome.contains("<strong>1</strong> open lead has no owner"))
            let ownerless = try #require(Self.link(after: "open lead has no owner", in: adminHome, before: true))
            let ownerlessList = try await admin.get(ownerless).text
            #expect(ownerlessList.contains("Nunes") && !ownerlessList.contains("Waiting Watts"))
            let api =
                try await app.api(.GET, "/api/v1/leads?ownerId=none", token: company.bearer).json()["items"]
                as? [[String: Any]] ?? []
            #expect(
                api.compactMap { $0["name"] as? String } == ["Nobody's Nunes"],
                "the API lists the leads nobody owns the same way")

            // the rep it went to has it first on their home page, and reps see no team panel
            let owner = try #require(
                try await app.db.sql.raw(
                    "SELECT u.email FROM leads l JOIN users u ON u.id = l.owner_id WHERE l.name = 'Waiting Watts'"
                ).first()?
                .decode(column: "email", as: String.self))
            let rep = Browser(app)
            try await rep.signIn(owner)
            let repHome = try await rep.get("/").text
            #expect(repHome.contains("New leads to answer") && repHome.contains("Waiting Watts"))
            #expect(repHome.contains("Leads kept waiting") == false)
        }
    }

    /// The first link's address after a piece of text (or the last before it).
    static func link(after marker: String, in page: String, before: Bool = false) -> String? {
        guard let range = page.range(of: marker) else { return nil }
        let part = before ? String(page[..<range.lowerBound]) : String(page[range.upperBound...])
        let hrefs = part.components(separatedBy: "href=\"").dropFirst().compactMap {
            $0.split(separator: "\"").first.map(String.init)
        }
        return (before ? hrefs.last : hrefs.first)?.replacingOccurrences(of: "&amp;", with: "&")
    }
}
