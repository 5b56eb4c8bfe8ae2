@testable import Documents
import Foundation
import Testing

@Suite struct XLSXWorkbookTests {
    static func csvRows(_ workbook: XLSXWorkbook, sheet: String?) throws -> [[String]] {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("sheet-\(UUID()).csv").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try workbook.writeSheet(sheet, toCSV: path)
        let reader = try DelimitedTextReader(path: path)
        var rows: [[String]] = []
        while let line = try reader.next() { rows.append(line.fields) }
        return rows
    }

    static func temporary(_ name: String) -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("xlsx-\(UUID())-\(name)")
    }

    @Test func readsOurOwnWorkbooks() throws {
        let table = DataTable(
            title: "Leads", header: ["Name", "Budget"],
            rows: [[.text("Ann, \"the\" Lee"), .number(12345.5, .money)], [.text("Bo"), .number(3, .count)]])
        let file = Self.temporary("own.xlsx")
        try Data(XLSXWriter.workbook([table, DataTable(title: "Other", header: ["X"], rows: [[.text("y")]])])).write(
            to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let workbook = try XLSXWorkbook(path: file.path)
        #expect(workbook.sheetNames == ["Leads", "Other"])
        #expect(
            try Self.csvRows(workbook, sheet: nil) == [
                ["Name", "Budget"], ["Ann, \"the\" Lee", "12345.5"], ["Bo", "3"],
            ])
        #expect(try Self.csvRows(workbook, sheet: "Other") == [["X"], ["y"]])
        #expect(throws: XLSXWorkbook.ReadError.noSheet("Nope")) { try Self.csvRows(workbook, sheet: "Nope") }
    }

    @Test func readsWorkbooksWrittenByOpenpyxl() throws {
        let file = Self.temporary("openpyxl.xlsx")
        let script = """
            import datetime, openpyxl, sys
            wb = openpyxl.Workbook()
            ws = wb.active
            ws.title = "Contacts"
            ws.append(["Full name", "Phone number", "Signed up", "Budget", "VIP"])
            ws.append(["Zoë Müller", 4915112345678, datetime.date(2026, 3, 14), 0.1 + 0.2, True])
            ws.append(["Иван", None, datetime.datetime(2026, 3, 14, 9, 30), 1e20, False])
            ws["A5"] = "after a gap"
            wb.create_sheet("Second").append(["only"])
            wb.save(sys.argv[1])
            """
        guard Self.python(script, file.path) else { return }
        defer { try? FileManager.default.removeItem(at: file) }
        let workbook = try XLSXWorkbook(path: file.path)
        #expect(workbook.sheetNames == ["Contacts", "Second"])
        #expect(
            try Self.csvRows(workbook, sheet: "Contacts") == [
                ["Full name", "Phone number", "Signed up", "Budget", "VIP"],
                ["Zoë Müller", "4915112345678", "2026-03-14", "0.3", "true"],
                ["Иван", "", "2026-03-14T09:30:00Z", "1e+20", "false"],
                ["after a gap"],
            ])
    }

    @Test func readsWorkbooksConvertedByLibreOffice() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/libreoffice") else {
            #expect(ProcessInfo.processInfo.environment["CI"] == nil, "CI installs LibreOffice")
            return
        }
        let folder = Self.temporary("lo")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let csv = folder.appendingPathComponent("leads.csv")
        try "Name,Company,Phone\nAnn Lee,\"Acme, Ltd\",+1 555 010 2030\nBo,Beta,12345678\n".write(
            to: csv, atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/libreoffice")
        process.arguments = [
            "--headless", "-env:UserInstallation=file://\(folder.path)/profile", "--convert-to", "xlsx", "--outdir",
            folder.path, csv.path,
        ]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        let workbook = try XLSXWorkbook(path: folder.appendingPathComponent("leads.xlsx").path)
        #expect(
            try Self.csvRows(workbook, sheet: nil) == [
                ["Name", "Company", "Phone"], ["Ann Lee", "Acme, Ltd", "+1 555 010 2030"], ["Bo", "Beta", "12345678"],
            ])
    }

    @Test func notAWorkbookIsAClearError() throws {
        let file = Self.temporary("bad.xlsx")
        try Data("PK not really".utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        #expect(throws: XLSXWorkbook.ReadError.notWorkbook) { try XLSXWorkbook(path: file.path) }
    }

    @Test func dateFormatsAndSerials() {
        #expect(DateStyleParser.isDateFormat("yyyy-mm-dd"))
        #expect(DateStyleParser.isDateFormat("[$-409]d/m/yy h:mm AM/PM;@"))
        #expect(!DateStyleParser.isDateFormat("#,##0.00 \"days\""))
        #expect(!DateStyleParser.isDateFormat("[Red]0.00"))
        #expect(SheetRowsParser.dateText(serial: 46095) == "2026-03-14")
        #expect(SheetRowsParser.dateText(serial: 46095.5) == "2026-03-14T12:00:00Z")
        #expect(SheetRowsParser.columnIndex("BC12") == 54)
    }

    /// Runs a Python script when Python with openpyxl is installed; false when it is not.
    static func python(_ script: String, _ argument: String) -> Bool {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, argument]
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return false }
        process.waitUntilExit()
        #expect(
            process.terminationStatus == 0 || ProcessInfo.processInfo.environment["CI"] == nil, "CI installs openpyxl")
        return process.terminationStatus == 0
    }
}
