import Foundation

/// Writes the plain JSON trees record responses are built from ([String: Any] of strings,
/// numbers, booleans, nulls and arrays). Foundation's JSONSerialization bridges every value
/// through NSObject on Linux and costs more than the database read it serialises.
enum JSONWriter {
    static func data(_ value: Any) -> Data {
        var out: [UInt8] = []
        out.reserveCapacity(1024)
        write(value, into: &out)
        return Data(out)
    }

    private static func write(_ value: Any, into out: inout [UInt8]) {
        switch value {
        case let fragment as JSONFragment: out.append(contentsOf: fragment.bytes)
        case let text as String: string(text, into: &out)
        case let flag as Bool: out.append(contentsOf: flag ? Array("true".utf8) : Array("false".utf8))
        case let number as Int: out.append(contentsOf: String(number).utf8)
        case let number as Int64: out.append(contentsOf: String(number).utf8)
        case let number as Double: out.append(contentsOf: (number.isFinite ? "\(number)" : "null").utf8)
        case let object as [String: Any]:
            out.append(UInt8(ascii: "{"))
            var first = true
            for key in object.keys {
                if !first { out.append(UInt8(ascii: ",")) }
                first = false
                string(key, into: &out)
                out.append(UInt8(ascii: ":"))
                write(object[key]!, into: &out)
            }
            out.append(UInt8(ascii: "}"))
        case let array as [Any]:
            out.append(UInt8(ascii: "["))
            for (index, element) in array.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                write(element, into: &out)
            }
            out.append(UInt8(ascii: "]"))
        case let number as NSNumber: out.append(contentsOf: number.stringValue.utf8)
        default: out.append(contentsOf: "null".utf8)
        }
    }

    static func string(_ text: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
            case UInt8(ascii: "\\"): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
            case UInt8(ascii: "\n"): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
            case UInt8(ascii: "\r"): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
            case UInt8(ascii: "\t"): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                out.append(contentsOf: Array("\\u00".utf8) + [hex[Int(byte >> 4)], hex[Int(byte & 0xF)]])
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}

extension JSONWriter {
    /// One field value as its API form: money and coordinates as decimals, stored JSON as is.
    static func write(_ value: FieldValue, as kind: FieldKind, into out: inout [UInt8]) {
        switch (kind, value) {
        case (_, .null): out.append(contentsOf: "null".utf8)
        case (.money, .int(let cents)):
            if cents < 0 { out.append(UInt8(ascii: "-")) }
            let magnitude = cents.magnitude
            out.append(contentsOf: String(magnitude / 100).utf8)
            let fraction = magnitude % 100
            if fraction != 0 {
                out.append(UInt8(ascii: "."))
                out.append(UInt8(ascii: "0") + UInt8(fraction / 10))
                if fraction % 10 != 0 { out.append(UInt8(ascii: "0") + UInt8(fraction % 10)) }
            }
        case (.coordinate, .int(let micro)):
            out.append(contentsOf: "\(Double(micro) / 1_000_000)".utf8)
        case (.json, .text(let text)):
            // Written by the store as serialised JSON objects or arrays, so embedded unparsed.
            if let first = text.utf8.first, first == UInt8(ascii: "{") || first == UInt8(ascii: "[") {
                out.append(contentsOf: text.utf8)
            } else {
                out.append(contentsOf: "null".utf8)
            }
        case (_, .text(let text)): string(text, into: &out)
        case (_, .int(let number)): out.append(contentsOf: String(number).utf8)
        case (_, .bool(let flag)): out.append(contentsOf: (flag ? "true" : "false").utf8)
        case (_, .uuid(let id)): string(id.uuidString, into: &out)
        case (_, .date(let date)): string(InternetTime.format(date), into: &out)
        }
    }
}

/// JSON already written (a record typed field by field), embedded as it is.
struct JSONFragment: Sendable {
    let bytes: [UInt8]
}
