import Foundation
import SQLKit

/// One stored value of a CRM record, whatever its column type.
enum FieldValue: Sendable, Equatable, Hashable {
    case null
    case text(String)
    case int(Int64)
    case bool(Bool)
    case uuid(UUID)
    case date(Date)

    var isNull: Bool { self == .null }

    var text: String? { if case .text(let value) = self { value } else { nil } }
    var int: Int64? { if case .int(let value) = self { value } else { nil } }
    var uuid: UUID? { if case .uuid(let value) = self { value } else { nil } }
    var bool: Bool? { if case .bool(let value) = self { value } else { nil } }
    var date: Date? { if case .date(let value) = self { value } else { nil } }

    /// The value as a SQL bind; NULL as the literal.
    var sql: any SQLExpression {
        switch self {
        case .null: SQLLiteral.null
        case .text(let value): SQLBind(value)
        case .int(let value): SQLBind(value)
        case .bool(let value): SQLBind(value)
        case .uuid(let value): SQLBind(value)
        case .date(let value): SQLBind(value)
        }
    }

    /// How audit entries and cursors write the value down.
    var json: Any {
        switch self {
        case .null: NSNull()
        case .text(let value): value
        case .int(let value): value
        case .bool(let value): value
        case .uuid(let value): value.uuidString
        case .date(let value): InternetTime.format(value)
        }
    }
}
