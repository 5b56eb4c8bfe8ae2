@testable import App
import Foundation
import SQLKit
import Testing
import Vapor
import ZIPFoundation

/// Export everything: every record type, people, teams and the audit trail as CSV and JSON
/// Lines in one ZIP, with a README; leads read back in through the import.
@Suite struct ExportEverythingTests {
    private func entries(of file: URL) throws -> [String: String] {
        let archive = try Archive(url: file, accessMode: .read)
        var texts: [String: String] = [:]
        for entry in archive {
            var data = Data()
            _ = try archive.extract(entry) { data.append($0) }
            texts[entry.path] = String(decoding: data, as: UTF8.self)
        }
        return texts
    }

    private func lines(_ text: String?) -> [String] {
        (text ?? "").split(whereSeparator: \.isNewline).map(String.init)
    }

    @Test func anAdminExportsEverythingAndTheLeadsReadBackInThroughImport() async throws {
        let downloaded = FileManager.default.temporaryDirectory.appendingPathComponent(
            "export-\(UUID().uuidString).zip")
        let leadsFile = FileManager.default.temporaryDirectory.appendingPathComponent("leads-\(UUID().uuidString).csv")
        defer {
            try? FileManager.default.removeItem(at: downloaded)
            try? FileManager.default.removeItem(at: leadsFile)
        }
        var exportedNames: [String] = []
        try await withTestApp { app in
            // given
            let admin = try await makeUser(app, email: "admin@example.com", role: "admin")
            try await makeUser(app, email: "rep@example.com", role: "sales_rep")
            let bearer = try await token(for: admin, app)
            for (name, company) in [
                ("Ana Lima", "Lima Tiles"), ("Bruno, Costa", "Costa \"Sons\""), ("Chen Wei", "Wei Logistics"),
            ] {
                let lead = try await app.api(
                    .POST, "/api/v1/leads", token: bearer,
                    json:
                        #"{"name": "\#(name.replacingOccurrences(of: "\"", with: "\\\""))", "company": "\#(company.replacingOccurrences(of: "\"", with: "\\\""))", "source": "website", "email": "\#(name.prefix(3).lowercased())@example.com"}"#
                )
                #expect(lead.status == .created, "\(lead.text)")
            }
            let leadID =
                try #require(
                    try await app.api(.GET, "/api/v1/leads", token: bearer).json()["items"] as? [[String: Any]]
                ).first?["id"] as? String
            let note = try await app.api(
                .POST, "/api/v1/notes", token: bearer,
                json: #"{"body": "Asked for a quote", "leadId": "\#(leadID ?? "")"}"#)
            #expect(note.status == .created, "\(note.text)")

            // when
            let started = try await app.api(.POST, "/api/v1/admin/exports", token: bearer)
            #expect(started.status == .accepted, "\(started.text)")
            #expect(try started.json()["kind"] as? String == "export")
            let id = try #require(try started.json()["id"] as? String)
            #expect(try await app.api(.POST, "/api/v1/admin/backups", token: bearer).status == .conflict)
            try await runDueJobs(app)

            // then
            let item = try await app.api(.GET, "/api/v1/admin/backups/\(id)", token: bearer).json()
            #expect(item["state"] as? String == "done", "\(item["error"] ?? "")")
            #expect(item["tablesDone"] as? Int == RecordCatalog.all.count + CompanyExport.tables.count)
            let file = try await app.api(.GET, "/api/v1/admin/backups/\(id)/file", token: bearer)
            #expect(file.status == .ok)
            try Data(file.body.readableBytesView).write(to: downloaded)
            let texts = try entries(of: downloaded)
            for spec in RecordCatalog.all {
                #expect(texts["\(spec.path).csv"] != nil, "\(spec.path).csv")
                #expect(texts["\(spec.path).jsonl"] != nil, "\(spec.path).jsonl")
            }
            let readme = try #require(texts["README.txt"])
            #expect(readme.contains("leads.csv / leads.jsonl: leads, 3 rows"))
            #expect(readme.contains("Password hashes"))
            #expect(lines(texts["leads.jsonl"]).count == 3)
            #expect(lines(texts["leads.csv"]).count == 4)
            #expect(lines(texts["notes.jsonl"]).count == 1)
            let users = lines(texts["users.jsonl"])
            #expect(users.count == 2)
            for line in users {
                let person = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
                #expect(person["email"] as? String != nil)
                #expect(person["passwordHash"] == nil && person["calendarToken"] == nil)
                #expect((person["createdAt"] as? String)?.hasSuffix("Z") == true)
            }
            #expect(!(texts["users.csv"] ?? "").contains("$2"), "no bcrypt hash in the people file")
            let audit = lines(texts["audit_trail.jsonl"])
            #expect(audit.count >= 4)
            let entry = try #require(try JSONSerialization.jsonObject(with: Data(audit[0].utf8)) as? [String: Any])
            #expect(entry["changes"] is [String: Any] || entry["changes"] is [Any])
            exportedNames = try await app.db.sql.raw("SELECT name FROM leads ORDER BY name").all().map {
                try $0.decode(column: "name", as: String.self)
            }
            try Data((texts["leads.csv"] ?? "").utf8).write(to: leadsFile)

            let browser = Browser(app)
            try await browser.signIn("admin@example.com")
            let page = try await browser.get("/admin/backups")
            #expect(page.text.contains("Export of everything"))
            #expect(page.text.contains("/admin/backups/\(id)/download"))
        }
        try await withTestApp { app in
            try await makeUser(app, email: "admin@example.com", role: "admin")
            let output = try await runCommand(app, ["import", "--type", "leads", "--file", leadsFile.path])
            #expect(output.contains("3"), "\(output)")
            let names = try await app.db.sql.raw("SELECT name FROM leads ORDER BY name").all().map {
                try $0.decode(column: "name", as: String.self)
            }
            #expect(names == exportedNames)
        }
    }

    @Test func theCommandExportsAsAnAdminAndRefusesAnyoneElse() async throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("export-\(UUID().uuidString).zip")
        defer { try? FileManager.default.removeItem(at: out) }
        try await withTestApp { app in
            try await makeUser(app, email: "admin@example.com", role: "admin")
            try await makeUser(app, email: "manager@example.com", role: "manager")
            let output = try await runCommand(app, ["export-everything", "--out", out.path])
            #expect(output.contains("leads: 0 rows"))
            #expect(output.contains("Exported"))
            #expect(try entries(of: out)["README.txt"] != nil)
            await #expect(throws: DomainError.self) {
                _ = try await runCommand(app, ["export-everything", "--out", out.path, "--as", "manager@example.com"])
            }
        }
    }
}
