import Foundation
import ZIPFoundation

/// A one-sheet workbook written row by row: the sheet goes to a file as the rows come, and
/// the package is compressed from files at the end, so a million rows never sit in memory.
public final class XLSXStreamWriter {
    private let path: String
    private let sheetName: String
    private let sheetPath: String
    private let sheet: FileHandle
    private var pending = ""
    private var rowNumber = 1

    public init(path: String, sheetName: String, header: [String]) throws {
        self.path = path
        self.sheetName = XLSXWriter.sheetNames([sheetName])[0]
        sheetPath = path + ".sheet1.xml"
        FileManager.default.createFile(atPath: sheetPath, contents: nil)
        guard let handle = FileHandle(forWritingAtPath: sheetPath) else { throw CocoaError(.fileWriteNoPermission) }
        sheet = handle
        let widths = header.map { min(40, max(12, $0.count + 2)) }
        pending =
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
        if !widths.isEmpty {
            pending +=
                "<cols>"
                + widths.enumerated().map {
                    "<col min=\"\($0 + 1)\" max=\"\($0 + 1)\" width=\"\($1)\" customWidth=\"1\"/>"
                }.joined() + "</cols>"
        }
        pending += "<sheetData>" + XLSXWriter.row(1, header.map { DataTable.Cell.text($0) }, style: 1)
    }

    public func append(_ cells: [DataTable.Cell]) throws {
        rowNumber += 1
        pending += XLSXWriter.row(rowNumber, cells, style: 0)
        if pending.utf8.count > 1 << 20 { try flush() }
    }

    /// Ends the sheet and writes the workbook to `path`.
    public func finish() throws {
        pending += "</sheetData></worksheet>"
        try flush()
        try sheet.close()
        defer { try? FileManager.default.removeItem(atPath: sheetPath) }
        try? FileManager.default.removeItem(atPath: path)
        let archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .create)
        for (name, text) in XLSXWriter.packageParts(sheetNames: [sheetName]) {
            let data = Data(text.utf8)
            try archive.addEntry(
                with: name, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate
            ) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        try archive.addEntry(
            with: "xl/worksheets/sheet1.xml", fileURL: URL(fileURLWithPath: sheetPath), compressionMethod: .deflate)
    }

    private func flush() throws {
        try sheet.write(contentsOf: Data(pending.utf8))
        pending = ""
    }
}
