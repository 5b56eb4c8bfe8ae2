@testable import App
import Fluent
import Foundation
import SQLKit
import Testing
import Vapor
import VaporTesting

/// A script payload typed into every free-text field of every record type, and into user and
/// team names, is shown as text on every page that shows it, and leaves exports harmless:
/// CSV formulas disarmed, XLSX and SVG escaped, calendar text escaped and folded.
@Suite("Stored XSS sweep")
struct StoredXSSSweepTests {
    static let payload = #"=1+2<script>alert("x")</script><img src=x onerror=alert(1)>"#
    static let raw = ["<script>alert", "<img src=x"]

    @Test func payloadsInEveryTextFieldAreEscapedOnEveryPageAndFile() async throws {
        try await withTestApp { app in
            // given a team, a rep and a row of every record type carrying the payload in each free-text field
            let company = try await AccessCompany.make(app, signIn: [.admin])
            let team = try await makeTeam(app, Self.payload)
            let rep = try await makeUser(app, email: "xss@example.com", role: "rep", team: team.name)
            rep.name = Self.payload
            rep.monthlyTargetCents = 1_000_000
            try await rep.save(on: app.db)
            var ids: [String: String] = [:]
            for spec in RecordCatalog.all {
                var body =
                    try JSONSerialization.jsonObject(
                        with: Data(try await company.body(spec.path, ownedBy: .owner, naming: "X").utf8))
                    as! [String: Any]
                for field in spec.fields where field.writable {
                    if case .text(let max) = field.kind, max >= Self.payload.count {
                        body[field.name] = "\(field.name) \(Self.payload)"
                    }
                }
                if let owner = spec.ownerField { body[owner] = rep.id!.uuidString }
                if spec.path == "sales" { body["soldOn"] = InternetTime.day(Date()) }
                let json = String(decoding: try JSONSerialization.data(withJSONObject: body), as: UTF8.self)
                ids[spec.path] = try await company.create(spec.path, json)
            }
            let admin = try #require(company.browsers[.admin])
            // when every page that can show them is opened
            var pages = [
                "/", "/my-day", "/search?q=name", "/admin/users", "/admin/teams", "/team", "/performance",
                "/agents/\(rep.id!)", "/admin/users/\(rep.id!)", "/admin/teams/\(team.id!)",
            ]
            pages += Dashboard.Kind.allCases.map { "/dashboards/\($0.rawValue)" }
            for page in RecordPageSpec.all {
                pages += ["/\(page.path)", "/\(page.path)/\(ids[page.path]!)", "/\(page.path)/\(ids[page.path]!)/edit"]
                if page.board != nil { pages.append("/\(page.path)/board") }
            }
            pages.append("/leads/\(ids["leads"]!)/convert")
            for path in pages {
                let response = try await admin.get(path)
                #expect(response.status == .ok, "\(path): \(response.status)")
                // then the payload is there as text, never as markup
                for marker in Self.raw {
                    #expect(!response.body.string.contains(marker), "\(path) shows \(marker) unescaped")
                }
            }
            #expect(try await admin.get("/leads/\(ids["leads"]!)").body.string.contains("&lt;script&gt;"))

            // and files: the team's name, which starts with "=", is a text cell in CSV
            let csv = try await admin.get("/dashboards/executive/tables/revenue-by-team.csv").body.string
            #expect(csv.contains("'=1+2"), "\(csv)")
            for line in csv.components(separatedBy: "\r\n") { #expect(!line.hasPrefix("=") && !line.contains(",=")) }
            // XLSX (stored ZIP, so its XML is readable in the bytes) and SVG escape it
            let xlsx = try await admin.get("/dashboards/executive/tables/revenue-by-team.xlsx").body.string
            #expect(xlsx.contains("&lt;script&gt;"))
            let svg = try await admin.get("/dashboards/executive/charts/revenue-by-team.svg").body.string
            #expect(svg.contains("&lt;script&gt;"))
            for marker in Self.raw { #expect(!svg.contains(marker) && !xlsx.contains(marker)) }
            // calendar text escapes the separators and folds long lines
            let ics = try await admin.get("/leads/\(ids["leads"]!)/calendar.ics").body.string
            #expect(!ics.isEmpty)
            for line in ics.components(separatedBy: "\r\n") { #expect(line.utf8.count <= 75, "unfolded line: \(line)") }
        }
    }

    @Test func calendarTextEscapesSeparatorsAndLineBreaks() async throws {
        try await withTestApp { app in
            let company = try await AccessCompany.make(app, signIn: [.owner])
            let lead = try await company.create(
                "leads",
                #"{"name":"Ada; Lovelace, Ltd","followUpAt":"2030-01-02T10:00:00Z","followUpNote":"line one\nBEGIN:VEVENT\\, hi","ownerId":"\#(company.id(.owner))"}"#
            )
            let ics = try #require(try await company.browsers[.owner]?.get("/leads/\(lead)/calendar.ics")).body.string
            let unfolded = ics.replacingOccurrences(of: "\r\n ", with: "")
            #expect(unfolded.contains(#"SUMMARY:Follow up: Ada\; Lovelace\, Ltd"#))
            #expect(unfolded.contains(#"DESCRIPTION:line one\nBEGIN:VEVENT\\\, hi"#))
            #expect(ics.components(separatedBy: "\r\n").filter { $0 == "BEGIN:VEVENT" }.count == 1)
        }
    }
}
