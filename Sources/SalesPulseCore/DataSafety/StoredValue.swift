import Foundation

/// One value as it goes into a column of a given kind.
public enum StoredValue: Equatable, Sendable {
    case null
    case text(String)
    case integer(Int64)
    case real(Double)
    case boolean(Bool)
    case uuid(UUID)
    /// Seconds since 1970, the way times travel in a backup.
    case timestamp(Double)
    case blob(Data)

    public struct Mismatch: Error, Equatable, CustomStringConvertible {
        public let kind: ColumnKind
        public let found: String
        public var description: String { "expected \(kind.rawValue), found \(found)" }
    }

    /// A value read back from a backup line (what JSONSerialization gives: NSNull, String,
    /// NSNumber) for a column of `kind`. Yes/no and whole numbers convert into each other,
    /// because SQLite stores yes/no as 0 and 1; decimals and times (seconds) come as text, exactly;
    /// binary data is base64.
    public init(json value: Any, for kind: ColumnKind) throws {
        if value is NSNull { self = .null; return }
        switch kind {
        case .text:
            guard let text = value as? String else { throw Mismatch(kind: kind, found: Self.describe(value)) }
            self = .text(text)
        case .uuid:
            guard let text = value as? String, let id = UUID(uuidString: text) else {
                throw Mismatch(kind: kind, found: Self.describe(value))
            }
            self = .uuid(id)
        case .blob:
            guard let text = value as? String, let data = Data(base64Encoded: text) else {
                throw Mismatch(kind: kind, found: Self.describe(value))
            }
            self = .blob(data)
        case .integer:
            guard let number = Self.number(value) else { throw Mismatch(kind: kind, found: Self.describe(value)) }
            if Self.isBoolean(number) { self = .integer(number.boolValue ? 1 : 0); return }
            let whole = number.int64Value
            if String(cString: number.objCType) == "d", Double(whole) != number.doubleValue {
                throw Mismatch(kind: kind, found: number.stringValue)
            }
            self = .integer(whole)
        case .real, .timestamp:
            if let text = value as? String {
                guard let number = Double(text), number.isFinite else {
                    throw Mismatch(kind: kind, found: Self.describe(value))
                }
                self = kind == .real ? .real(number) : .timestamp(number)
                return
            }
            guard let number = Self.number(value), !Self.isBoolean(number) else {
                throw Mismatch(kind: kind, found: Self.describe(value))
            }
            self = kind == .real ? .real(number.doubleValue) : .timestamp(number.doubleValue)
        case .boolean:
            guard let number = Self.number(value) else { throw Mismatch(kind: kind, found: Self.describe(value)) }
            if Self.isBoolean(number) { self = .boolean(number.boolValue); return }
            switch number.int64Value {
            case 0: self = .boolean(false)
            case 1: self = .boolean(true)
            default: throw Mismatch(kind: kind, found: number.stringValue)
            }
        }
    }

    private static func number(_ value: Any) -> NSNumber? { value as? NSNumber }

    /// JSONSerialization gives true and false as NSNumbers of Objective-C type "c" (char);
    /// numbers it reads are "i", "q" or "d".
    private static func isBoolean(_ number: NSNumber) -> Bool { String(cString: number.objCType) == "c" }

    private static func describe(_ value: Any) -> String {
        switch value {
        case let text as String: "text \"\(text.prefix(40))\""
        case let number as NSNumber: "the number \(number.stringValue)"
        default: "\(type(of: value))"
        }
    }
}
