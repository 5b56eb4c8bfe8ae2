import Foundation
#if canImport(FoundationXML)
    import FoundationXML
#endif
import ZIPFoundation

/// An Excel workbook (.xlsx) opened for reading: its sheet names, and any sheet copied out as
/// CSV text so that one streaming reader serves both kinds of upload. Cells keep what a person
/// saw: shared and inline strings, numbers without float noise, booleans, and date cells
/// (serial numbers under a date format) as YYYY-MM-DD or an ISO 8601 instant.
public struct XLSXWorkbook {
    public enum ReadError: Error, Equatable, CustomStringConvertible {
        case notWorkbook
        case noSheet(String)

        public var description: String {
            switch self {
            case .notWorkbook: "This file is not an Excel workbook (.xlsx) that can be read."
            case .noSheet(let name): "The workbook has no sheet named \(name)."
            }
        }
    }

    public let sheetNames: [String]
    private let archive: Archive
    private let sheetPaths: [String]

    public init(path: String) throws {
        guard let archive = try? Archive(url: URL(fileURLWithPath: path), accessMode: .read),
            let workbook = try? Self.read("xl/workbook.xml", in: archive)
        else { throw ReadError.notWorkbook }
        let relations = (try? Self.read("xl/_rels/workbook.xml.rels", in: archive)).map(Self.relationTargets) ?? [:]
        var names: [String] = [], paths: [String] = []
        for (index, sheet) in Self.sheets(in: workbook).enumerated() {
            names.append(sheet.name)
            let target = relations[sheet.relation] ?? "worksheets/sheet\(index + 1).xml"
            paths.append(target.hasPrefix("/") ? String(target.dropFirst()) : "xl/" + target)
        }
        guard !names.isEmpty else { throw ReadError.notWorkbook }
        self.archive = archive
        self.sheetNames = names
        self.sheetPaths = paths
    }

    /// Writes one sheet (the first when nil) as UTF-8 CSV to `csvPath`, row by row.
    public func writeSheet(_ name: String?, toCSV csvPath: String) throws {
        let index = name.map { sheetNames.firstIndex(of: $0) } ?? 0
        guard let index else { throw ReadError.noSheet(name ?? "") }
        let strings = (try? Self.read("xl/sharedStrings.xml", in: archive)).map(SharedStringsParser.parse) ?? []
        let dateStyles = (try? Self.read("xl/styles.xml", in: archive)).map(DateStyleParser.parse) ?? []
        guard let entry = archive[sheetPaths[index]] else { throw ReadError.notWorkbook }
        let sheetFile = csvPath + ".sheet.xml"
        defer { try? FileManager.default.removeItem(atPath: sheetFile) }
        try? FileManager.default.removeItem(atPath: sheetFile)
        _ = try archive.extract(entry, to: URL(fileURLWithPath: sheetFile), skipCRC32: true)
        guard FileManager.default.createFile(atPath: csvPath, contents: nil),
            let output = FileHandle(forWritingAtPath: csvPath),
            let input = InputStream(fileAtPath: sheetFile)
        else { throw ReadError.notWorkbook }
        defer { try? output.close() }
        let sheet = SheetRowsParser(strings: strings, dateStyles: dateStyles, output: output)
        let parser = XMLParser(stream: input)
        parser.delegate = sheet
        guard parser.parse() else { throw ReadError.notWorkbook }
        try sheet.flush()
    }

    static func read(_ path: String, in archive: Archive) throws -> Data {
        guard let entry = archive[path] else { throw ReadError.notWorkbook }
        var data = Data()
        _ = try archive.extract(entry, skipCRC32: true) { data.append($0) }
        return data
    }

    private static func sheets(in workbook: Data) -> [(name: String, relation: String)] {
        let collector = ElementCollector(element: "sheet")
        let parser = XMLParser(data: workbook)
        parser.shouldProcessNamespaces = false
        parser.delegate = collector
        parser.parse()
        return collector.found.map { attributes in
            (attributes["name"] ?? "Sheet", attributes.first { $0.key.hasSuffix(":id") }?.value ?? "")
        }
    }

    private static func relationTargets(_ data: Data) -> [String: String] {
        let collector = ElementCollector(element: "Relationship")
        let parser = XMLParser(data: data)
        parser.delegate = collector
        parser.parse()
        var targets: [String: String] = [:]
        for attributes in collector.found {
            if let id = attributes["Id"], let target = attributes["Target"] { targets[id] = target }
        }
        return targets
    }
}

/// Collects the attributes of every element with one name.
final class ElementCollector: NSObject, XMLParserDelegate {
    let element: String
    var found: [[String: String]] = []

    init(element: String) { self.element = element }

    func parser(
        _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        if Self.localName(name) == element { found.append(attributes) }
    }

    static func localName(_ name: String) -> Substring {
        name.split(separator: ":").last ?? Substring(name)
    }
}
