@testable import Documents
import Foundation
import Testing

@Suite struct OfficeFileTests {
    let table = DataTable(
        title: "Top reps", header: ["Rep", "Revenue", "Deals"],
        rows: [
            [.text("Ann <Lee> & Co"), .number(12345.5, .money), .number(3, .count)],
            [.text("Bo"), .number(0, .money), .empty],
        ])

    @Test func crc32MatchesTheStandardCheckValue() {
        #expect(CRC32.checksum(Array("123456789".utf8)) == 0xCBF4_3926)
    }

    @Test func columnNamesFollowSpreadsheetLetters() {
        #expect([0, 25, 26, 701, 702].map(XLSXWriter.columnName) == ["A", "Z", "AA", "ZZ", "AAA"])
        #expect(
            XLSXWriter.sheetNames(["Revenue/month", "Revenue/month", ""]) == [
                "Revenuemonth", "Revenuemonth 2", "Sheet",
            ])
    }

    @Test func workbookIsAZipThatRealToolsRead() throws {
        let bytes = XLSXWriter.workbook([table, DataTable(title: "Empty", header: ["A"], rows: [])])
        #expect(bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]))
        let sheet = XLSXWriter.sheet(table)
        #expect(sheet.contains(#"<c r="B2" s="2"><v>12345.5</v></c>"#))
        #expect(sheet.contains("Ann &lt;Lee&gt; &amp; Co"))
        let unzip = URL(fileURLWithPath: "/usr/bin/unzip")
        guard FileManager.default.isExecutableFile(atPath: unzip.path) else { return }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("test-\(UUID()).xlsx")
        try Data(bytes).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let output = try run(unzip, ["-t", file.path])
        #expect(output.contains("No errors detected"), "\(output)")
    }

    @Test func pdfHasAValidCrossReferenceAndReadableText() throws {
        var report = PDFReport(title: "SalesPulse – Executive (dashboard) ✓")
        report.heading("How we are doing")
        report.paragraph("Revenue rose 12% – mostly from referrals.")
        report.table(table)
        report.drawing(
            BarChart.draw(
                ChartData(
                    title: "Revenue", categories: ["Jan", "Feb"], series: [.init(name: "r", values: [10, 20])],
                    format: .money)))
        for index in 0..<60 { report.paragraph("Line \(index) to force a second page.") }
        let bytes = report.bytes
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.hasPrefix("%PDF-1.4"))
        let startxref = try #require(text.range(of: "startxref\n"))
        let xrefOffset = try #require(Int(text[startxref.upperBound...].prefix { $0.isNumber }))
        #expect(Array(bytes[xrefOffset..<(xrefOffset + 4)]) == Array("xref".utf8))
        let offsets = text.split(separator: "\n").filter { $0.hasSuffix(" 00000 n ") || $0.hasSuffix(" 00000 n") }
            .compactMap { Int($0.prefix(10)) }
        for (index, offset) in offsets.enumerated() {
            #expect(Array(bytes[offset...].prefix(8)).starts(with: Array("\(index + 1) 0 obj".utf8)))
        }
        #expect(!text.contains("/Count 1 "), "the long report flows onto more pages")
        let pdftotext = URL(fileURLWithPath: "/usr/bin/pdftotext")
        guard FileManager.default.isExecutableFile(atPath: pdftotext.path) else { return }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("test-\(UUID()).pdf")
        try Data(bytes).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let extracted = try run(pdftotext, ["-layout", file.path, "-"])
        #expect(extracted.contains("How we are doing"))
        #expect(extracted.contains("Ann <Lee> & Co"))
        #expect(extracted.contains("$12,345.50"))
        #expect(extracted.contains("Revenue rose 12% – mostly from referrals."))
        // the title as written, dash and all, not read as another encoding ("SalesPulse Œ …")
        let info = try run(URL(fileURLWithPath: "/usr/bin/pdfinfo"), [file.path])
        #expect(info.contains("Title:") && info.contains("SalesPulse – Executive (dashboard) ✓"), "\(info)")
    }

    private func run(_ tool: URL, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = tool
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }
}

@Suite struct CSVWriterTests {
    @Test func quotesWhatNeedsQuotingAndDisarmsFormulas() throws {
        let text = CSVTable.write(
            header: ["name", "note"],
            rows: [["Ann, Lee", "said \"hi\""], ["=HYPERLINK(1)", "-12.5"], ["line\nbreak", "@x"]])
        #expect(
            text == "name,note\r\n\"Ann, Lee\",\"said \"\"hi\"\"\"\r\n'=HYPERLINK(1),-12.5\r\n\"line\nbreak\",'@x\r\n")
        let back = try CSVTable(text: text)
        #expect(back.rows[0] == ["Ann, Lee", "said \"hi\""])
    }
}

@Suite("PDF page flow")
struct PDFPageFlowTests {
    /// Whatever is above it, a chart's title and its bars land on one page.
    @Test(arguments: Array(stride(from: 40, through: 80, by: 2)))
    func aChartTitleStaysOnThePageOfItsChart(linesBefore: Int) {
        var report = PDFReport(title: "Flow")
        for index in 0..<linesBefore { report.paragraph("Line \(index)") }
        report.drawing(
            BarChart.draw(
                ChartData(
                    title: "Revenue by region", categories: ["North", "South"],
                    series: [.init(name: "r", values: [10, 20])], format: .money)))
        let text = String(decoding: report.bytes, as: UTF8.self)
        // the page holding the title also holds the chart's bars (its "re" operators)
        let pages = text.components(separatedBy: "stream\n").dropFirst()
        let titled = pages.first { $0.contains("(Revenue by region)") }
        #expect(titled?.contains(" re f") == true)
    }
}
