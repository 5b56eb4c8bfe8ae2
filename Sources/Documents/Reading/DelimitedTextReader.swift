import Foundation

/// Reads a delimited text file (CSV and its semicolon, tab and pipe cousins) record by record,
/// a chunk at a time, so a file of any size is never held in memory. The encoding and the
/// delimiter are detected from the start of the file; quoted fields may hold delimiters,
/// doubled quotes and line breaks (RFC 4180).
public final class DelimitedTextReader {
    public struct Limits: Sendable {
        public var fieldBytes = 1 << 20
        public var fieldsPerRecord = 1_000
        public init() {}
    }

    public enum ReadError: Error, Equatable, CustomStringConvertible {
        case notText
        case fieldTooLong(line: Int, limit: Int)
        case tooManyFields(line: Int, limit: Int)
        case unterminatedQuote(line: Int)

        public var description: String {
            switch self {
            case .notText: "This file is not text: upload a CSV file (or an Excel .xlsx workbook)."
            case .fieldTooLong(let line, let limit):
                "A value starting on line \(line) is longer than \(limit / 1024) KB; is the file really a CSV?"
            case .tooManyFields(let line, let limit): "Line \(line) has more than \(limit) columns."
            case .unterminatedQuote(let line):
                "A quoted value starting on line \(line) never ends: a closing quote is missing."
            }
        }
    }

    /// One record and the line of the file it starts on (the header is line 1).
    public struct Line: Sendable, Equatable {
        public let number: Int
        public let fields: [String]
    }

    public static let candidateDelimiters: [UInt8] = [
        UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: "\t"), UInt8(ascii: "|"),
    ]

    public let encoding: TextEncoding
    public let delimiter: UInt8
    private let handle: FileHandle
    private let limits: Limits
    private var transcoder: UTF8Transcoder
    private var buffer: [UInt8] = []
    private var position = 0
    private var exhausted = false
    private var line = 1
    private static let chunkSize = 1 << 20

    public init(path: String, limits: Limits = Limits()) throws {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw CocoaError(.fileNoSuchFile) }
        self.handle = handle
        self.limits = limits
        let sample = [UInt8](try handle.read(upToCount: 64 * 1024) ?? Data())
        let (encoding, mark) = TextEncoding.detect(sample)
        self.encoding = encoding
        self.transcoder = UTF8Transcoder(encoding)
        let text = transcoder.transcode(Array(sample.dropFirst(mark)))
        if Self.looksBinary(text) { throw ReadError.notText }
        self.delimiter = Self.detectDelimiter(text)
        buffer = text
    }

    deinit { try? handle.close() }

    /// The next non-blank record, or nil at the end of the file.
    public func next() throws -> Line? {
        while true {
            guard let record = try readRecord() else { return nil }
            if record.fields.count == 1 && record.fields[0].isEmpty { continue }
            return record
        }
    }

    private func readRecord() throws -> Line? {
        guard try ensureByte() else { return nil }
        let start = line
        var fields: [String] = []
        var field: [UInt8] = []
        var inQuotes = false, quoted = false
        let quote = UInt8(ascii: "\""), newline = UInt8(ascii: "\n"), carriage = UInt8(ascii: "\r")
        func endField() throws {
            fields.append(String(decoding: field, as: UTF8.self))
            field.removeAll(keepingCapacity: true)
            quoted = false
            if fields.count > limits.fieldsPerRecord {
                throw ReadError.tooManyFields(line: start, limit: limits.fieldsPerRecord)
            }
        }
        while try ensureByte() {
            let byte = buffer[position]
            position += 1
            if inQuotes {
                if byte == quote {
                    if try ensureByte(), buffer[position] == quote {
                        field.append(quote)
                        position += 1
                    } else {
                        inQuotes = false
                    }
                } else {
                    if byte == newline { line += 1 }
                    field.append(byte)
                }
            } else if byte == quote && field.isEmpty && !quoted {
                inQuotes = true
                quoted = true
            } else if byte == delimiter {
                try endField()
            } else if byte == newline || byte == carriage {
                if byte == carriage, try ensureByte(), buffer[position] == newline { position += 1 }
                line += 1
                try endField()
                return Line(number: start, fields: fields)
            } else {
                field.append(byte)
            }
            if field.count > limits.fieldBytes { throw ReadError.fieldTooLong(line: start, limit: limits.fieldBytes) }
        }
        if inQuotes { throw ReadError.unterminatedQuote(line: start) }
        try endField()
        return Line(number: start, fields: fields)
    }

    /// Whether a byte is ready at `position`, reading the next chunk when the buffer is spent.
    private func ensureByte() throws -> Bool {
        while position >= buffer.count {
            if exhausted { return false }
            let data = try handle.read(upToCount: Self.chunkSize) ?? Data()
            exhausted = data.isEmpty
            buffer = transcoder.transcode([UInt8](data), final: exhausted)
            position = 0
        }
        return true
    }

    /// Zero bytes, or many control characters, do not occur in text.
    static func looksBinary(_ text: [UInt8]) -> Bool {
        if text.contains(0) { return true }
        let controls = text.filter { $0 < 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D }.count
        return controls * 20 > max(text.count, 1)
    }

    /// The candidate that splits the first lines into the same number of fields, most of them;
    /// a comma when nothing splits them.
    static func detectDelimiter(_ text: [UInt8]) -> UInt8 {
        var lines: [[UInt8: Int]] = []
        var counts: [UInt8: Int] = [:]
        var inQuotes = false
        for byte in text {
            if byte == UInt8(ascii: "\"") { inQuotes.toggle() }
            if inQuotes { continue }
            if byte == UInt8(ascii: "\n") {
                if !counts.isEmpty { lines.append(counts) }
                counts = [:]
                if lines.count == 20 { break }
            } else if candidateDelimiters.contains(byte) {
                counts[byte, default: 0] += 1
            }
        }
        if !counts.isEmpty && lines.count < 20 { lines.append(counts) }
        guard let header = lines.first else { return UInt8(ascii: ",") }
        func score(_ candidate: UInt8) -> Int {
            let expected = header[candidate] ?? 0
            guard expected > 0 else { return 0 }
            let agreeing = lines.filter { ($0[candidate] ?? 0) == expected }.count
            return agreeing * 1_000 + expected
        }
        return candidateDelimiters.max { score($0) < score($1) }.flatMap { score($0) > 0 ? $0 : nil }
            ?? UInt8(ascii: ",")
    }
}
