import Foundation

/// A CSV file read into a header and rows of text (RFC 4180: quoted fields, doubled quotes,
/// line breaks inside quotes). The delimiter is detected from the header line.
public struct CSVTable: Sendable, Equatable {
    public let header: [String]
    public let rows: [[String]]

    public enum ReadError: Error, Equatable, CustomStringConvertible {
        case empty
        case unterminatedQuote(line: Int)
        case ragged(line: Int, expected: Int, found: Int)

        public var description: String {
            switch self {
            case .empty: "The file has no header line."
            case .unterminatedQuote(let line): "A quoted field starting on line \(line) never ends."
            case .ragged(let line, let expected, let found):
                "Line \(line) has \(found) fields; the header has \(expected)."
            }
        }
    }

    public init(text: String) throws {
        let content = text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text
        let firstLine = content.prefix { $0 != "\n" && $0 != "\r" }
        let delimiter: Character =
            [",", ";", "\t", "|"].max { a, b in
                firstLine.filter { $0 == a }.count < firstLine.filter { $0 == b }.count
            } ?? ","
        var records: [[String]] = []
        var field = "", record: [String] = []
        var inQuotes = false, line = 1, quoteStart = 1
        var iterator = Array(content).makeIterator()
        var pending: Character? = iterator.next()
        while let character = pending {
            pending = iterator.next()
            if inQuotes {
                if character == "\"" {
                    if pending == "\"" { field.append("\""); pending = iterator.next() } else { inQuotes = false }
                } else {
                    if character == "\n" { line += 1 }
                    field.append(character)
                }
            } else if character == "\"" && field.isEmpty {
                inQuotes = true
                quoteStart = line
            } else if character == delimiter {
                record.append(field)
                field = ""
            } else if character == "\n" || character == "\r" || character == "\r\n" {
                if character == "\r", pending == "\n" { pending = iterator.next() }
                record.append(field)
                records.append(record)
                field = ""
                record = []
                line += 1
            } else {
                field.append(character)
            }
        }
        if inQuotes { throw ReadError.unterminatedQuote(line: quoteStart) }
        if !field.isEmpty || !record.isEmpty {
            record.append(field)
            records.append(record)
        }
        records.removeAll { $0.count == 1 && $0[0].isEmpty }
        guard let header = records.first else { throw ReadError.empty }
        for (index, row) in records.enumerated().dropFirst() where row.count != header.count {
            throw ReadError.ragged(line: index + 1, expected: header.count, found: row.count)
        }
        self.header = header.map { $0.trimmingCharacters(in: .whitespaces) }
        self.rows = Array(records.dropFirst())
    }
}
