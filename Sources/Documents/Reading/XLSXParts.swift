import Foundation
#if canImport(FoundationXML)
    import FoundationXML
#endif

/// The shared-strings table: each `si` item's text, rich-text runs joined, phonetic hints left out.
final class SharedStringsParser: NSObject, XMLParserDelegate {
    private var strings: [String] = []
    private var current = ""
    private var inText = false, inPhonetic = false

    static func parse(_ data: Data) -> [String] {
        let delegate = SharedStringsParser()
        let parser = XMLParser(data: data)
        parser.delegate = delegate
        parser.parse()
        return delegate.strings
    }

    func parser(
        _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        switch ElementCollector.localName(name) {
        case "si": current = ""
        case "t": inText = !inPhonetic
        case "rPh": inPhonetic = true
        default: break
        }
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        switch ElementCollector.localName(name) {
        case "si": strings.append(current)
        case "t": inText = false
        case "rPh": inPhonetic = false
        default: break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if inText { current += string }
    }
}

/// Which cell styles (`cellXfs` entries, by position) show a number as a date: the built-in
/// date formats, and custom formats made of day, month, year or time parts.
final class DateStyleParser: NSObject, XMLParserDelegate {
    private static let builtInDates: Set<Int> = Set(14...22).union(27...36).union(45...47).union(50...58)
    private var customDates: Set<Int> = []
    private var styles: [Bool] = []
    private var inCellFormats = false

    static func parse(_ data: Data) -> [Bool] {
        let delegate = DateStyleParser()
        let parser = XMLParser(data: data)
        parser.delegate = delegate
        parser.parse()
        return delegate.styles
    }

    static func isDateFormat(_ code: String) -> Bool {
        var plain = "", skipping: Character?
        for character in code {
            if let end = skipping {
                if character == end { skipping = nil }
                continue
            }
            switch character {
            case "\"": skipping = "\""
            case "[": skipping = "]"
            case "\\", "_", "*": continue
            default: plain.append(character)
            }
        }
        return plain.lowercased().contains { "dmyhs".contains($0) }
    }

    func parser(
        _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        switch ElementCollector.localName(name) {
        case "numFmt":
            if let id = attributes["numFmtId"].flatMap(Int.init), let code = attributes["formatCode"],
                Self.isDateFormat(code)
            {
                customDates.insert(id)
            }
        case "cellXfs": inCellFormats = true
        case "xf" where inCellFormats:
            let id = attributes["numFmtId"].flatMap(Int.init) ?? 0
            styles.append(Self.builtInDates.contains(id) || customDates.contains(id))
        default: break
        }
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        if ElementCollector.localName(name) == "cellXfs" { inCellFormats = false }
    }
}

/// Reads a worksheet's rows and writes them as CSV lines, one line per sheet row (empty rows
/// kept), so a CSV line number is the row number the person sees in Excel.
final class SheetRowsParser: NSObject, XMLParserDelegate {
    private let strings: [String]
    private let dateStyles: [Bool]
    private let output: FileHandle
    private var pending: [UInt8] = []
    private var writtenRows = 0
    private var row: [Int: String] = [:]
    private var rowNumber = 0
    private var cellColumn = 0, cellType = "", cellStyle = 0
    private var text = ""
    private var collecting = false, inInline = false
    private(set) var failure: Error?

    init(strings: [String], dateStyles: [Bool], output: FileHandle) {
        self.strings = strings
        self.dateStyles = dateStyles
        self.output = output
    }

    func parser(
        _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        switch ElementCollector.localName(name) {
        case "row":
            row = [:]
            rowNumber = attributes["r"].flatMap(Int.init) ?? rowNumber + 1
        case "c":
            cellColumn = attributes["r"].map(Self.columnIndex) ?? (row.keys.max().map { $0 + 1 } ?? 0)
            cellType = attributes["t"] ?? "n"
            cellStyle = attributes["s"].flatMap(Int.init) ?? 0
            text = ""
        case "v": collecting = true
        case "is": inInline = true
        case "t" where inInline: collecting = true
        default: break
        }
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        switch ElementCollector.localName(name) {
        case "v", "t": collecting = false
        case "is": inInline = false
        case "c": row[cellColumn] = cellText()
        case "row": writeRow()
        default: break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if collecting { text += string }
    }

    private func cellText() -> String {
        switch cellType {
        case "s": return Int(text).flatMap { strings.indices.contains($0) ? strings[$0] : nil } ?? ""
        case "b": return text == "1" ? "true" : "false"
        case "inlineStr", "str", "e": return text
        default:
            guard let number = Double(text) else { return text }
            if cellStyle < dateStyles.count, dateStyles[cellStyle] { return Self.dateText(serial: number) }
            return Self.numberText(number, original: text)
        }
    }

    /// Excel's serial day 0 is 1899-12-30 (its 1900 leap-year quirk folded in for later dates).
    static func dateText(serial: Double) -> String {
        let seconds = ((serial - 25_569) * 86_400).rounded()
        let date = Date(timeIntervalSince1970: seconds)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        let day = String(format: "%04d-%02d-%02d", parts.year!, parts.month!, parts.day!)
        if serial.rounded(.down) == serial { return day }
        return day + String(format: "T%02d:%02d:%02dZ", parts.hour!, parts.minute!, parts.second!)
    }

    static func numberText(_ number: Double, original: String) -> String {
        if number.rounded() == number, abs(number) < 1e15 { return String(Int64(number)) }
        if !original.contains("E") && !original.contains("e") && original.count <= 16 { return original }
        return String(format: "%.15g", number)
    }

    /// "BC12" → 54 (zero-based column of a cell reference).
    static func columnIndex(_ reference: String) -> Int {
        var index = 0
        for scalar in reference.unicodeScalars {
            guard (65...90).contains(scalar.value) else { break }
            index = index * 26 + Int(scalar.value - 64)
        }
        return max(index - 1, 0)
    }

    private func writeRow() {
        while writtenRows < rowNumber - 1 {
            pending.append(UInt8(ascii: "\n"))
            writtenRows += 1
        }
        let width = (row.keys.max() ?? -1) + 1
        for column in 0..<width {
            if column > 0 { pending.append(UInt8(ascii: ",")) }
            Self.appendField(row[column] ?? "", to: &pending)
        }
        pending.append(UInt8(ascii: "\n"))
        writtenRows += 1
        if pending.count > 1 << 20 { try? flush() }
    }

    static func appendField(_ value: String, to bytes: inout [UInt8]) {
        let needsQuotes = value.contains { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }
        if !needsQuotes { bytes += value.utf8; return }
        bytes.append(UInt8(ascii: "\""))
        for byte in value.utf8 {
            if byte == UInt8(ascii: "\"") { bytes.append(byte) }
            bytes.append(byte)
        }
        bytes.append(UInt8(ascii: "\""))
    }

    func flush() throws {
        try output.write(contentsOf: pending)
        pending.removeAll(keepingCapacity: true)
    }
}
