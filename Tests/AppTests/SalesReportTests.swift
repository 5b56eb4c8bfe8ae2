@testable import App
import Foundation
import SalesPulseCore
import Testing
import Vapor
import VaporTesting

@Suite(.serialized) struct SalesReportTests {
    /// This month so far: repA sells 3,000 in North and wins a 5,000 deal (its sale), repB sells
    /// 1,000; the same days of last month repA sold 2,000 in North. Two leads came in this month.
    private func company(_ app: Application) async throws -> (CRMCompany, String) {
        let company = try await CRMCompany.make(app)
        let today = CalendarDay(containing: app.clock.now())
        let lastMonth = today.monthStart.adding(days: -1).monthStart
        let north = try await company.create(.admin, "regions", #"{"name":"North"}"#)
        let account = try await company.create(
            .repA, "accounts", #"{"name":"Kestrel Labs","ownerId":"\#(try company.id(.repA))","regionId":"\#(north)"}"#)
        try await company.create(
            .repA, "sales",
            #"{"amount":3000,"repId":"\#(try company.id(.repA))","soldOn":"\#(today.monthStart.text)","accountId":"\#(account)"}"#
        )
        try await company.create(
            .repB, "sales", #"{"amount":1000,"repId":"\#(try company.id(.repB))","soldOn":"\#(today.text)"}"#)
        try await company.create(
            .repA, "sales",
            #"{"amount":2000,"repId":"\#(try company.id(.repA))","soldOn":"\#(lastMonth.text)","accountId":"\#(account)"}"#
        )
        for n in 1...2 {
            try await company.create(.repA, "leads", try await company.sampleBody("leads", ownedBy: .repA, n))
        }
        let deal = try await company.create(
            .repA, "opportunities", try await company.sampleBody("opportunities", ownedBy: .repA))
        _ = try await company.call(.repA, .PATCH, "/api/v1/opportunities/\(deal)", #"{"stage":"closed_won"}"#)
        return (company, north)
    }

    private func figures(_ body: [String: Any]) -> [String: [String: Any]] {
        var result: [String: [String: Any]] = [:]
        for figure in body["figures"] as? [[String: Any]] ?? [] {
            if let key = figure["key"] as? String { result[key] = figure }
        }
        return result
    }

    @Test func everyKeyNumberIsTheKPIAPIsForTheSameFilters() async throws {
        try await withTestApp { app in
            let (company, north) = try await company(app)
            for (who, filter) in [(CRMCompany.Person.admin, ""), (.manager, ""), (.admin, "&region=\(north)")] {
                let response = try await company.call(who, .GET, "/api/v1/reports/sales?period=this-month\(filter)")
                #expect(response.status == .ok, "\(response.text)")
                let body = try response.json()
                let period = try #require(body["period"] as? [String: Any])
                let comparison = try #require(body["comparison"] as? [String: Any])
                for (dates, side) in [(period, "current"), (comparison, "previous")] {
                    let from = try #require(dates["from"] as? String), to = try #require(dates["to"] as? String)
                    let kpis = try await company.call(
                        who, .GET, "/api/v1/analytics/kpis?from=\(from)&to=\(to)\(filter)"
                    ).json()
                    for (key, figure) in figures(body) {
                        let reported = (figure[side] as? NSNumber)?.doubleValue
                        let expected = (kpis[key] as? NSNumber)?.doubleValue
                        #expect(reported == expected, "\(who) \(key) \(side): \(String(describing: reported))")
                    }
                }
            }
            let admin = figures(try await company.call(.admin, .GET, "/api/v1/reports/sales?period=this-month").json())
            #expect(admin["revenue"]?["current"] as? Double == 9_000)
            #expect(admin["revenue"]?["previous"] as? Double == 2_000)
            // the manager leads repA's team only: repB's sale is not in their report
            let manager = figures(
                try await company.call(.manager, .GET, "/api/v1/reports/sales?period=this-month").json())
            #expect(manager["revenue"]?["current"] as? Double == 8_000)
        }
    }

    @Test func theSummaryNamesWhatMovedRevenueWithTheTablesFigures() async throws {
        try await withTestApp { app in
            let (company, _) = try await company(app)
            let body = try await company.call(.admin, .GET, "/api/v1/reports/sales?period=this-month").json()
            let summary = try #require(body["summary"] as? [String]).joined(separator: " ")
            #expect(summary.contains("was $9,000 from 3 sales, 350% more than in the same days of"), "\(summary)")
            #expect(summary.contains("By region, North added $1,000"), "\(summary)")
            #expect(body["summaryAuthor"] as? String == "figures")
            let movements = try #require(body["movements"] as? [[String: Any]])
            let reps = try #require(movements.first { $0["by"] as? String == "rep" }?["rows"] as? [[String: Any]])
            // repA +6,000 and repB +1,000: six sevenths and one seventh of the rise
            let changes = reps.map { [$0["change"] as? Double, $0["share"] as? Double] }
            #expect(changes == [[6_000, 85.7], [1_000, 14.3]], "\(reps)")
        }
    }

    @Test func pdfAndWordFilesOpenInRealReaders() async throws {
        try await withTestApp { app in
            let (company, _) = try await company(app)
            let pdf = try await company.call(.manager, .GET, "/api/v1/reports/sales?period=this-month&format=pdf")
            #expect(pdf.status == .ok && pdf.headers.contentType?.subType == "pdf")
            let docx = try await company.call(.manager, .GET, "/api/v1/reports/sales?period=this-month&format=docx")
            #expect(docx.status == .ok)
            #expect(docx.headers.first(name: .contentDisposition)?.contains(".docx") == true)
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("report-\(UUID())")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            let pdfFile = folder.appendingPathComponent("report.pdf"),
                docxFile = folder.appendingPathComponent("r.docx")
            try Data(buffer: pdf.body).write(to: pdfFile)
            try Data(buffer: docx.body).write(to: docxFile)
            guard FileManager.default.isExecutableFile(atPath: "/usr/bin/pdfinfo") else {
                #expect(ProcessInfo.processInfo.environment["CI"] == nil, "CI installs poppler")
                return
            }
            #expect(try ReaderTool.run("/usr/bin/pdfinfo", [pdfFile.path]).status == 0)
            let text = try ReaderTool.run("/usr/bin/pdftotext", [pdfFile.path, "-"]).output
            #expect(text.contains("Key numbers") && text.contains("$3,000.00"), "\(text)")
            let python =
                "import docx, sys\nd = docx.Document(sys.argv[1])\nprint('\\n'.join(p.style.name + ': ' + p.text for p in d.paragraphs))"
            let read = try ReaderTool.run("/usr/bin/env", ["python3", "-c", python, docxFile.path])
            if read.status == 0 {
                #expect(read.output.contains("Heading 1: Key numbers") && read.output.contains("Heading 1: Risks"))
            } else {
                #expect(ProcessInfo.processInfo.environment["CI"] == nil, "CI installs python-docx: \(read.output)")
            }
            guard FileManager.default.isExecutableFile(atPath: "/usr/bin/libreoffice") else { return }
            let converted = try ReaderTool.run(
                "/usr/bin/libreoffice",
                [
                    "--headless", "-env:UserInstallation=file://\(folder.path)/profile", "--convert-to", "pdf",
                    "--outdir", folder.path, docxFile.path,
                ])
            #expect(converted.status == 0, "\(converted.output)")
            let fromWord = try ReaderTool.run("/usr/bin/pdftotext", [folder.appendingPathComponent("r.pdf").path, "-"])
            #expect(fromWord.output.contains("Recommendations") && fromWord.output.contains("$3,000.00"))
        }
    }

    @Test func theViewerReadsReportsButDownloadsNoFiles() async throws {
        try await withTestApp { app in
            let (company, _) = try await company(app)
            #expect(try await company.call(.viewer, .GET, "/api/v1/reports/sales").status == .ok)
            for format in ["pdf", "docx"] {
                let api = try await company.call(.viewer, .GET, "/api/v1/reports/sales?format=\(format)")
                #expect(api.status == .forbidden, "\(format)")
            }
            let browser = Browser(app)
            _ = try await browser.signIn("viewer@example.com")
            #expect(try await browser.get("/reports").status == .ok)
            #expect(try await browser.get("/reports/download?format=pdf").status == .forbidden)
            let rep = Browser(app)
            _ = try await rep.signIn("repa@example.com")
            let page = try await rep.get("/reports?period=this-month")
            #expect(page.status == .ok && page.body.string.contains("Key numbers"))
            #expect(page.body.string.contains("Download Word"))
            let file = try await rep.get("/reports/download?period=this-month&format=docx")
            #expect(file.status == .ok && file.body.readableBytes > 1_000)
        }
    }

    @Test(arguments: [
        ("period=2026-13", "period"), ("period=2026-10&compare=soon", "compare"), ("from=2026-01-01", "from"),
        ("format=xls", "format"), ("region=nowhere", "region"),
    ])
    func badParametersAreFieldErrors(query: String, field: String) async throws {
        try await withTestApp { app in
            let company = try await CRMCompany.make(app)
            let response = try await company.call(.repA, .GET, "/api/v1/reports/sales?\(query)")
            #expect(response.status == .unprocessableEntity, "\(response.text)")
            #expect(response.text.contains("\"\(field)\""), "\(response.text)")
        }
    }

    @Test func theReportCommandWritesEachFormat() async throws {
        try await withTestApp { app in
            _ = try await company(app)
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("report-cli-\(UUID())")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            for format in ["pdf", "docx", "json"] {
                let path = folder.appendingPathComponent("r.\(format)").path
                let output = try await runCommand(
                    app, ["report", "--period", "this-month", "--region", "north", "--format", format, "--out", path])
                #expect(output.contains("Wrote \(path)"), "\(output)")
                let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
                #expect(
                    bytes.starts(with: format == "pdf" ? Array("%PDF".utf8) : format == "docx" ? [0x50, 0x4B] : [0x7B]))
            }
            let json =
                try JSONSerialization.jsonObject(
                    with: Data(contentsOf: folder.appendingPathComponent("r.json"))) as? [String: Any]
            #expect(json?["scope"] as? String == "North")
            await #expect(throws: (any Error).self) {
                _ = try await runCommand(app, ["report", "--region", "Atlantis", "--out", folder.path + "/x.pdf"])
            }
        }
    }
}

/// Runs a reader (pdfinfo, python-docx, LibreOffice) and returns its exit status and output.
enum ReaderTool {
    static func run(_ tool: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
