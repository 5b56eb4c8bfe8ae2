@testable import App
import Foundation
import SQLKit
import Testing
import Vapor
import VaporTesting

@Suite(.serialized) struct ImportAPITests {
    /// Semicolons, Windows-1252, a quoted line break, a bad email, a line repeating an earlier
    /// one and a line matching a lead already there.
    static let messy = windows1252(
        """
        Full name;E-mail;Phone number;Company name;Lead source;Notes
        Zoë Müller;zoe@example.com;+49 151 1234 5678;Bäckerei Groß GmbH;Referral;"likes
        bread"
        Bob Stone;not-an-email;;Stone Ltd;Website;
        Ann Lee;ann@example.com;;Acme;Website;
        Zoe Muller;ZOE@example.com;;;Website;
        Carl Dunn;carl@example.com;;Dunn & Co;Nonsense source;
        Dora Eck;;0151 555 0101;Eck AG;;

        """.replacingOccurrences(of: "\n", with: "\r\n"))

    @Test func aMessyFileIsMappedCheckedImportedReportedAndUndone() async throws {
        try await withTestApp { app in
            let company = try await CRMCompany.make(app)
            try await company.create(
                .repA, "leads", #"{"name":"Ann Lee","email":"ann@example.com","source":"website"}"#)

            // when: uploaded
            let uploaded = try await company.upload(.repA, Self.messy)
            let id = try #require(uploaded["id"] as? String)
            let columns = try #require(uploaded["columns"] as? [[String: Any]])
            #expect(columns.map { $0["field"] as? String } == ["name", "email", "phone", "company", "source", nil])
            let preview = try #require(uploaded["preview"] as? [[String]])
            #expect(
                preview.first == [
                    "Zoë Müller", "zoe@example.com", "+49 151 1234 5678", "Bäckerei Groß GmbH", "Referral",
                    "likes\r\nbread",
                ])

            // and checked
            let checked = try await company.call(.repA, .POST, "/api/v1/imports/\(id)/check")
            let summary = try #require(try checked.json()["check"] as? [String: Any])
            #expect(summary["rows"] as? Int == 6)
            #expect(summary["invalid"] as? Int == 2)
            #expect(summary["duplicatesOfRecords"] as? Int == 1)
            #expect(summary["duplicatesInFile"] as? Int == 1)
            let problems = try #require(summary["problems"] as? [[String: Any]])
            #expect(problems.map { $0["line"] as? Int } == [4, 7])
            #expect(problems.map { $0["field"] as? String } == ["email", "source"])
            let duplicates = try #require(summary["duplicates"] as? [[String: Any]])
            #expect(duplicates.map { $0["line"] as? Int } == [5, 6])
            #expect(duplicates.map { $0["matchedName"] as? String } == ["Ann Lee", "line 2"])
            #expect(try await company.leadNames() == ["Ann Lee"], "checking writes nothing")

            // then: imported, every line accounted for
            let finished = try await company.runImport(.repA, id)
            #expect(finished["state"] as? String == "done")
            #expect(counts(finished) == ["created": 2, "updated": 0, "skipped": 2, "failed": 2])
            #expect(finished["processedRows"] as? Int == 6)
            #expect(try await company.leadNames() == ["Ann Lee", "Dora Eck", "Zoë Müller"])
            let sources = try await app.db.sql.raw("SELECT source FROM leads WHERE name = 'Dora Eck'").first()?.decode(
                column: "source", as: String.self)
            #expect(sources == "import", "a lead whose file names no source came from the import")
            let owners = try await app.db.sql.raw("SELECT DISTINCT owner_id FROM leads").all().map {
                try $0.decode(column: "owner_id", as: UUID.self)
            }
            #expect(owners == [try company.users[.repA]!.requireID()])

            // and the report lists what was not imported, with the original values
            let report = try await company.call(.repA, .GET, "/api/v1/imports/\(id)/report")
            #expect(report.headers.contentType?.subType == "csv")
            let lines = report.text.components(separatedBy: "\r\n").filter { !$0.isEmpty }
            #expect(
                lines.first == "Line,Outcome,Reason,Field,Full name,E-mail,Phone number,Company name,Lead source,Notes")
            try #require(lines.count == 5)
            #expect(
                lines[1].hasPrefix(
                    "4,Not imported,\"Enter a valid email address, like name@example.com.\",Email,Bob Stone"))
            #expect(lines[2].hasPrefix("5,Skipped,Already in the CRM (same email).,,Ann Lee"))
            #expect(lines[3].hasPrefix("6,Skipped,Repeats line 2 (same email).,,Zoe Muller"))
            #expect(lines[4].hasPrefix("7,Not imported,\"Choose one of: website, referral"))

            // when: the same file is imported again, nothing new is created
            let again = try await company.upload(.repA, Self.messy)
            let second = try await company.runImport(.repA, try #require(again["id"] as? String))
            #expect(counts(second)["created"] == 0)
            #expect(counts(second).values.reduce(0, +) == 6)

            // when: the first import is undone, what it created is gone
            let undone = try await company.call(.repA, .POST, "/api/v1/imports/\(id)/undo")
            #expect(undone.status == .ok, "\(undone.text)")
            #expect(try undone.json()["state"] as? String == "undone")
            #expect(try await company.leadNames() == ["Ann Lee"])
            let twice = try await company.call(.repA, .POST, "/api/v1/imports/\(id)/undo")
            #expect(twice.status == .conflict)
        }
    }

    @Test func updatesFillEmptyFieldsAndUndoRestoresThemUnlessChangedSince() async throws {
        try await withTestApp { app in
            let company = try await CRMCompany.make(app)
            let ann = try await company.create(
                .repA, "leads", #"{"name":"Ann Lee","email":"ann@example.com","company":"Acme","source":"website"}"#)
            let bob = try await company.create(
                .repA, "leads", #"{"name":"Bob Stone","phone":"+1 555 010 2030","source":"website"}"#)
            let file = Array(
                "Name,Email,Phone,Company,Budget\nAnn Lee,ann@example.com,+44 20 7946 0018,Other Inc,5000\nBob Stone,,(555) 010-2030,,700\n"
                    .utf8)
            let uploaded = try await company.upload(.repA, file)
            let id = try #require(uploaded["id"] as? String)
            let chosen = try await company.call(
                .repA, .PATCH, "/api/v1/imports/\(id)", #"{"onDuplicate":"update","defaultCountryCode":"+1"}"#)
            #expect(chosen.status == .ok, "\(chosen.text)")

            let finished = try await company.runImport(.repA, id)
            #expect(counts(finished) == ["created": 0, "updated": 2, "skipped": 0, "failed": 0])
            let annAfter = try await company.call(.repA, .GET, "/api/v1/leads/\(ann)").json()
            #expect(annAfter["phone"] as? String == "+442079460018")
            #expect(annAfter["company"] as? String == "Acme", "fill-empty keeps a value already there")
            #expect(annAfter["budget"] as? Double == 5000)

            // a change after the import blocks undo, and nothing is undone
            let edit = try await company.call(.repA, .PATCH, "/api/v1/leads/\(bob)", #"{"need":"Call back in May"}"#)
            #expect(edit.status == .ok)
            let refused = try await company.call(.repA, .POST, "/api/v1/imports/\(id)/undo")
            #expect(refused.status == .conflict)
            #expect(try refused.apiError().message.contains("line 3"))
            #expect(
                try await company.call(.repA, .GET, "/api/v1/leads/\(ann)").json()["phone"] as? String
                    == "+442079460018")

            // undo works on an import whose records nobody touched since
            let other = try await company.upload(
                .repA, Array("Name,Email,Need\nAnn Lee,ann@example.com,A new van\n".utf8))
            let otherID = try #require(other["id"] as? String)
            _ = try await company.call(.repA, .PATCH, "/api/v1/imports/\(otherID)", #"{"onDuplicate":"update"}"#)
            #expect(counts(try await company.runImport(.repA, otherID))["updated"] == 1)
            #expect(
                try await company.call(.repA, .GET, "/api/v1/leads/\(ann)").json()["need"] as? String == "A new van")
            let undone = try await company.call(.repA, .POST, "/api/v1/imports/\(otherID)/undo")
            #expect(undone.status == .ok, "\(undone.text)")
            #expect(try await company.call(.repA, .GET, "/api/v1/leads/\(ann)").json()["need"] is NSNull)
        }
    }

    @Test func aManagerGivingImportedLeadsToARepTellsThemOnce() async throws {
        try await withTestApp { app in
            let company = try await CRMCompany.make(app)
            var file = "Name,Email,Owner\n"
            for index in 1...30 { file += "Lead \(index),lead\(index)@example.com,repa@example.com\n" }
            file += "Own lead,own@example.com,\n"
            let uploaded = try await company.upload(.manager, Array(file.utf8))
            let finished = try await company.runImport(.manager, try #require(uploaded["id"] as? String))
            #expect(counts(finished)["created"] == 31)
            _ = try await runDueJobs(app)
            let inbox =
                try await company.call(.repA, .GET, "/api/v1/notifications").json()["items"] as? [[String: Any]] ?? []
            #expect(inbox.count == 1)
            #expect(
                (inbox.first?["title"] as? String)?.contains("gave you 30 leads from people.csv") == true, "\(inbox)")
            let managers =
                try await company.call(.manager, .GET, "/api/v1/notifications").json()["items"] as? [Any] ?? []
            #expect(managers.isEmpty)
        }
    }

    @Test func permissionsHoldOnEveryImportRoute() async throws {
        try await withTestApp { app in
            let company = try await CRMCompany.make(app)
            let refused = try await company.uploadResponse(.viewer, Array("Name\nAnn\n".utf8))
            #expect(refused.status == .forbidden)
            let anonymous = try await app.testing().sendRequest(
                .POST, "/api/v1/imports?type=leads", body: ByteBuffer(string: "Name\nAnn\n"))
            #expect(anonymous.status == .unauthorized)

            let uploaded = try await company.upload(.repA, Array("Name,Owner\nAnn,repb@example.com\nBo,\n".utf8))
            let id = try #require(uploaded["id"] as? String)
            for (method, path) in [
                (HTTPMethod.GET, ""), (.PATCH, ""), (.POST, "/check"), (.POST, "/start"), (.POST, "/undo"),
                (.GET, "/report"),
            ] {
                let response = try await company.call(
                    .repB, method, "/api/v1/imports/\(id)\(path)", method == .PATCH ? "{}" : nil)
                #expect(response.status == .notFound, "\(method) \(path)")
            }
            #expect(try await company.call(.admin, .GET, "/api/v1/imports/\(id)").status == .ok)
            let mine = try await company.call(.repB, .GET, "/api/v1/imports").json()["items"] as? [Any]
            #expect(mine?.isEmpty == true)

            // a rep cannot give imported records to someone they do not manage
            let finished = try await company.runImport(.repA, id)
            #expect(counts(finished) == ["created": 1, "updated": 0, "skipped": 0, "failed": 1])
            let owner = try await company.call(
                .repA, .PATCH, "/api/v1/imports/\(id)", #"{"defaultOwnerId":"\#(try company.id(.repB))"}"#)
            #expect(owner.status == .conflict, "a started import keeps its choices")
        }
    }

    @Test func workbooksChooseASheetAndBadFilesGetClearErrors() async throws {
        try await withTestApp { app in
            let company = try await CRMCompany.make(app)
            let xlsx = FileManager.default.temporaryDirectory.appendingPathComponent("import-\(UUID()).xlsx")
            let script = """
                import openpyxl, sys
                wb = openpyxl.Workbook()
                wb.active.title = "Notes"
                wb.active.append(["nothing here"])
                ws = wb.create_sheet("Accounts")
                ws.append(["Company", "Industry", "Employees"])
                ws.append(["Acme Ltd", "Retail", 120])
                ws.append(["Globex", "Energy", 4500])
                wb.save(sys.argv[1])
                """
            let made = Process()
            made.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            made.arguments = ["python3", "-c", script, xlsx.path]
            try made.run()
            made.waitUntilExit()
            if made.terminationStatus == 0 {
                defer { try? FileManager.default.removeItem(at: xlsx) }
                let uploaded = try await company.upload(
                    .repA, [UInt8](try Data(contentsOf: xlsx)), type: "accounts", fileName: "accounts.xlsx")
                let id = try #require(uploaded["id"] as? String)
                #expect(uploaded["format"] as? String == "xlsx")
                let sheet = try await company.call(.repA, .PATCH, "/api/v1/imports/\(id)", #"{"sheet":"Accounts"}"#)
                let columns = try #require(try sheet.json()["columns"] as? [[String: Any]])
                #expect(columns.map { $0["field"] as? String } == ["name", "industry", "employees"])
                let finished = try await company.runImport(.repA, id)
                #expect(counts(finished)["created"] == 2)
                let employees = try await app.db.sql.raw("SELECT employees FROM accounts WHERE name = 'Globex'")
                    .first()?.decode(column: "employees", as: Int.self)
                #expect(employees == 4500)
            } else {
                #expect(ProcessInfo.processInfo.environment["CI"] == nil, "CI installs openpyxl")
            }

            for (bytes, message) in [
                ([UInt8](repeating: 0, count: 64) + [0x89, 0x50], "not text"),
                ([0x50, 0x4B, 0x03, 0x04, 1, 2, 3], "not an Excel workbook"),
                (Array("\n\n".utf8), "no header line"),
            ] as [([UInt8], String)] {
                let response = try await company.uploadResponse(.repA, bytes)
                #expect(response.status == .unprocessableEntity, "\(message): \(response.text)")
                #expect(try response.apiError().message.contains(message), "\(response.text)")
            }
            let empty = try await company.uploadResponse(.repA, [])
            #expect(empty.status == .unprocessableEntity)
            let headersOnly = try await company.upload(.repA, Array("Name,Email\n".utf8))
            let checked = try await company.call(
                .repA, .POST, "/api/v1/imports/\(try #require(headersOnly["id"] as? String))/check")
            #expect((try checked.json()["check"] as? [String: Any])?["rows"] as? Int == 0)
            let bad = try await company.call(
                .repA, .PATCH, "/api/v1/imports/\(try #require(headersOnly["id"] as? String))",
                #"{"mapping":["name","colour"]}"#)
            #expect(bad.status == .unprocessableEntity)
            #expect(try bad.apiError().field == "mapping")
        }
    }
}
