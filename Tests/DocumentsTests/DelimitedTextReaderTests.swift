@testable import Documents
import Foundation
import Testing

@Suite struct DelimitedTextReaderTests {
    static let rows = [
        ["Full name", "E-mail", "Company"], ["Zoë Müller", "zoe@example.com", "Café \"Zur Post\"; Bäckerei"],
        ["Иван Петров", "ivan@example.ru", "ООО Ромашка,\nфилиал"],
    ]

    static func text(_ delimiter: String) -> String {
        rows.map { row in
            row.map { field in
                field.contains(where: { "\",;\t|\n".contains($0) })
                    ? "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : field
            }.joined(separator: delimiter)
        }.joined(separator: "\r\n") + "\r\n"
    }

    static func bytes(_ text: String, _ encoding: TextEncoding, mark: Bool) -> [UInt8] {
        switch encoding {
        case .utf8: return (mark ? [0xEF, 0xBB, 0xBF] : []) + Array(text.utf8)
        case .utf16LE: return (mark ? [0xFF, 0xFE] : []) + text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        case .utf16BE: return (mark ? [0xFE, 0xFF] : []) + text.utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
        case .windows1251, .windows1252:
            let table = encoding == .windows1251 ? SingleByteTables.windows1251 : SingleByteTables.windows1252
            return text.unicodeScalars.compactMap { scalar in
                scalar.value < 0x80
                    ? UInt8(scalar.value) : table.firstIndex(of: UInt16(scalar.value)).map { UInt8($0 + 0x80) }
            }
        }
    }

    static func read(
        _ bytes: [UInt8], limits: DelimitedTextReader.Limits = .init()
    ) throws -> (DelimitedTextReader, [DelimitedTextReader.Line]) {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("csv-\(UUID()).csv").path
        FileManager.default.createFile(atPath: path, contents: Data(bytes))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let reader = try DelimitedTextReader(path: path, limits: limits)
        var lines: [DelimitedTextReader.Line] = []
        while let line = try reader.next() { lines.append(line) }
        return (reader, lines)
    }

    static let unicodeEncodings: [(TextEncoding, Bool)] = [
        (.utf8, false), (.utf8, true), (.utf16LE, true), (.utf16BE, true), (.utf16LE, false),
    ]

    @Test(arguments: [",", ";", "\t", "|"])
    func everyUnicodeEncodingAndDelimiterReadsTheSameRows(delimiter: String) throws {
        for (encoding, mark) in Self.unicodeEncodings {
            let (reader, lines) = try Self.read(Self.bytes(Self.text(delimiter), encoding, mark: mark))
            #expect(reader.encoding == encoding)
            #expect(reader.delimiter == UInt8(ascii: Unicode.Scalar(delimiter)!))
            #expect(lines.map(\.fields) == Self.rows, "\(encoding) \(delimiter)")
            #expect(lines.map(\.number) == [1, 2, 3])
        }
    }

    @Test(arguments: [",", ";", "\t", "|"])
    func windowsCodePagesAreToldApart(delimiter: String) throws {
        let cyrillic = [["Имя", "Компания"], ["Иван Петров", "ООО Ромашка"], ["Ёлка Юрьева", "Щука"]]
        let western = [["Name", "Firma"], ["Zoë Müller", "Bäckerei Groß"], ["François Lefèvre", "Crème & Co"]]
        for (table, encoding) in [(cyrillic, TextEncoding.windows1251), (western, .windows1252)] {
            let text = table.map { $0.joined(separator: delimiter) }.joined(separator: "\n")
            let (reader, lines) = try Self.read(Self.bytes(text, encoding, mark: false))
            #expect(reader.encoding == encoding)
            #expect(lines.map(\.fields) == table)
        }
    }

    @Test func quotingEdgeCases() throws {
        let text = "a,b,c\n\"\",\"x\"\"y\",\"line\r\nbreak\"\n,,\n\"only\"\n\n\nlast,\"q,\",end"
        let (_, lines) = try Self.read(Array(text.utf8))
        #expect(
            lines.map(\.fields) == [
                ["a", "b", "c"], ["", "x\"y", "line\r\nbreak"], ["", "", ""], ["only"], ["last", "q,", "end"],
            ])
        #expect(lines.map(\.number) == [1, 2, 4, 5, 8])
    }

    @Test func aChunkBoundaryInsideACharacterOrQuoteLosesNothing() throws {
        let cell = String(repeating: "é€😀", count: 200_000)
        let text = "name\n\"\(cell)\"\nnext\n"
        for encoding in [TextEncoding.utf8, .utf16LE] {
            let (_, lines) = try Self.read(
                Self.bytes(text, encoding, mark: true),
                limits: {
                    var l = DelimitedTextReader.Limits(); l.fieldBytes = 4 << 20; return l
                }())
            #expect(lines.map(\.fields) == [["name"], [cell], ["next"]])
        }
    }

    @Test func badFilesGetClearErrors() throws {
        #expect(throws: DelimitedTextReader.ReadError.notText) {
            try Self.read([0x89, 0x50, 0x4E, 0x47, 0x00, 0x00, 0x01, 0x02] + Array(repeating: 0, count: 100))
        }
        #expect(throws: DelimitedTextReader.ReadError.unterminatedQuote(line: 2)) {
            try Self.read(Array("a,b\n\"open,x\ny".utf8))
        }
        var limits = DelimitedTextReader.Limits()
        limits.fieldBytes = 1024
        #expect(throws: DelimitedTextReader.ReadError.fieldTooLong(line: 2, limit: 1024)) {
            try Self.read(Array(("a\n" + String(repeating: "x", count: 5000)).utf8), limits: limits)
        }
        let (_, empty) = try Self.read([])
        #expect(empty.isEmpty)
    }

    @Test func knownAnswersForTheCodePages() {
        var cyrillic = UTF8Transcoder(.windows1251), western = UTF8Transcoder(.windows1252)
        #expect(
            cyrillic.transcode([0xCF, 0xF0, 0xE8, 0xE2, 0xE5, 0xF2, 0x20, 0xA8, 0xB8, 0xB9]) == Array("Привет Ёё№".utf8)
        )
        #expect(western.transcode([0x80, 0xE9, 0x9C, 0xDF, 0xFF]) == Array("€éœßÿ".utf8))
    }
}
