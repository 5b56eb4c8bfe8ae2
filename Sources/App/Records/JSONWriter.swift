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
        case let text as String: string(text, into: &out)
        case let flag as Bool: out.append(contentsOf: flag ? Array("true".utf8) : Array("false".utf8))
        case let number as Int: out.append(contentsOf: String(number).utf8)
        case let number as Int64: out.append(contentsOf: String(number).utf8)
        case let number as Double: out.append(contentsOf: (number.isFinite ? "\(number)" : "null").utf8)
        case let object as [String: Any]:
            out.append(UInt8(ascii: "{"))
            var first = true
            for (key, element) in object {
                if !first { out.append(UInt8(ascii: ",")) }
                first = false
                string(key, into: &out)
                out.append(UInt8(ascii: ":"))
                write(element, into: &out)
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

    private static func string(_ text: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
            case UInt8(ascii: "\\"): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
            case UInt8(ascii: "\n"): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
            case UInt8(ascii: "\r"): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
            case UInt8(ascii: "\t"): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
            case 0..<0x20: out.append(contentsOf: String(format: "\\u%04x", byte).utf8)
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}
