@testable import App
import Documents
import Foundation
import SQLKit
import Testing
import Vapor
import VaporTesting

@Suite(.serialized) struct ExportTests {
    /// 1,201 leads in a file: more than two export pages.
    static func bigFile() -> [UInt8] {
        var text = "Name,Email,Company,Lead source,Budget,Authority\n"
        for index in 1...1_201 {
            text +=
                "Person \(index),person\(index)@example.com,\(index % 3 == 0 ? "Acme" : "Globex \(index)"),\(index % 2 == 0 ? "Referral" : "Website"),\(index * 10).5,\(index % 2 == 0 ? "yes" : "no")\n"
        }
        return Array(text.utf8)
    }

    @Test func exportsFollowTheListsFiltersAcrossPagesAndReimportAsDuplicates() async throws {
        try await withTestApp { app in
            let company = try await CRMCompany.make(app)
            try await company.create(
                .repB, "leads", #"{"name":"Not yours","email":"other@example.com","source":"referral"}"#)
            let uploaded = try await company.upload(.repA, Self.bigFile(), fileName: "big.csv")
            #expect(
                counts(try await company.runImport(.repA, try #require(uploaded["id"] as? String)))["created"] == 1_201)

            // CSV: every row the filters give, across pages, in the list's order, names for ids
            let csv = try await company.call(.repA, .GET, "/api/v1/leads/export?format=csv&source=referral&sort=name")
            #expect(csv.status == .ok)
            #expect(csv.headers.first(name: .contentDisposition)?.contains(".csv") == true)
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("export-\(UUID()).csv").path
            FileManager.default.createFile(atPath: path, contents: Data(csv.body.readableBytesView))
            defer { try? FileManager.default.removeItem(atPath: path) }
            let reader = try DelimitedTextReader(path: path)
            let header = try #require(try reader.next()).fields
            #expect(Array(header.prefix(4)) == ["Name", "Company", "Email", "Phone"])
            var rows: [[String]] = []
            while let line = try reader.next() { rows.append(line.fields) }
            #expect(rows.count == 600, "every even line is a referral; the other rep's lead is not shown")
            #expect(rows.map { $0[0] } == rows.map { $0[0] }.sorted())
            let owner = try #require(header.firstIndex(of: "Owner")),
                budget = try #require(header.firstIndex(of: "Budget"))
            #expect(Set(rows.map { $0[owner] }) == [company.users[.repA]!.name])
            #expect(rows.first { $0[0] == "Person 10" }?[budget] == "100.5")
            #expect(rows.first { $0[0] == "Person 10" }?[try #require(header.firstIndex(of: "Authority"))] == "Yes")

            // the same rows imported again are all recognised
            let again = try await company.upload(
                .repA, [UInt8](try Data(contentsOf: URL(fileURLWithPath: path))), fileName: "export.csv")
            let second = try await company.runImport(.repA, try #require(again["id"] as? String))
            #expect(counts(second)["created"] == 0)
            #expect(counts(second)["skipped"] == 600)

            // XLSX: a real workbook, read back by our reader and by openpyxl
            let xlsx = try await company.call(.repA, .GET, "/api/v1/leads/export?format=xlsx&q=person 12")
            #expect(xlsx.status == .ok)
            let book = FileManager.default.temporaryDirectory.appendingPathComponent("export-\(UUID()).xlsx")
            try Data(xlsx.body.readableBytesView).write(to: book)
            defer { try? FileManager.default.removeItem(at: book) }
            let workbook = try XLSXWorkbook(path: book.path)
            let sheet = book.path + ".csv"
            try workbook.writeSheet(nil, toCSV: sheet)
            defer { try? FileManager.default.removeItem(atPath: sheet) }
            let sheetReader = try DelimitedTextReader(path: sheet)
            var names: [String] = []
            _ = try sheetReader.next()
            while let line = try sheetReader.next() { names.append(line.fields[0]) }
            #expect(
                Set(names)
                    == Set(["Person 12"] + (120...129).map { "Person \($0)" } + (1200...1201).map { "Person \($0)" }))
            let script =
                "import openpyxl, sys; ws = openpyxl.load_workbook(sys.argv[1]).active; print(ws.max_row, ws.cell(1, 1).value)"
            let python = Process()
            python.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            python.arguments = ["python3", "-c", script, book.path]
            let pipe = Pipe()
            python.standardOutput = pipe
            try python.run()
            python.waitUntilExit()
            let printed = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            if python.terminationStatus == 0 { #expect(printed.hasPrefix("14 Name"), "\(printed)") }
        }
    }

    @Test func exportsNeedTheGrantOnTheWebAndTheAPI() async throws {
        try await withTestApp { app in
            let company = try await CRMCompany.make(app)
            #expect(try await company.call(.viewer, .GET, "/api/v1/leads/export").status == .forbidden)
            #expect(
                try await company.call(.repA, .GET, "/api/v1/leads/export?format=pdf").status == .unprocessableEntity)
            #expect(
                try await company.call(.repA, .GET, "/api/v1/leads/export?colour=red").status == .unprocessableEntity)
            let settings = try await company.call(.admin, .PATCH, "/api/v1/settings", #"{"exportRoles":["manager"]}"#)
            #expect(settings.status == .ok)
            #expect(try await company.call(.repA, .GET, "/api/v1/leads/export").status == .forbidden)
            #expect(try await company.call(.manager, .GET, "/api/v1/leads/export").status == .ok)
        }
    }
}
