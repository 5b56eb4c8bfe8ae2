import Crypto
import Foundation
import SalesPulseCore
import SQLKit

/// The position after the last row of a page: its sort value and id, exactly as stored, bound
/// to the list, the sort and the person who asked, and signed. The next page compares against
/// these values alone, so no row the caller cannot see is ever read to place it, and a cursor
/// edited or carried to another list or person is refused.
struct ListCursor: Codable, Sendable, Equatable {
    /// The list: a record type's path.
    let list: String
    /// The sort, as given (`-amount`).
    let sort: String
    let actor: UUID
    /// The sort value in text that round-trips exactly (see `ListCursor.text(of:)`).
    let value: String
    let id: UUID

    static func invalid() -> DomainError {
        .invalid(field: "cursor", "This cursor does not belong to this list; start again without it.")
    }

    func encoded(key: SymmetricKey) throws -> String {
        let payload = try JSONEncoder().encode(self)
        let signature = Data(HMAC<SHA256>.authenticationCode(for: payload, using: key))
        return payload.base64URLEncoded + "." + signature.base64URLEncoded
    }

    static func decode(_ text: String, key: SymmetricKey) throws -> ListCursor {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, let payload = Data(base64URLEncoded: String(parts[0])),
            let signature = Data(base64URLEncoded: String(parts[1])),
            HMAC<SHA256>.isValidAuthenticationCode(signature, authenticating: payload, using: key),
            let cursor = try? JSONDecoder().decode(ListCursor.self, from: payload)
        else { throw invalid() }
        return cursor
    }

    /// The signing key, kept in the database so every app instance accepts every other's cursors.
    static func key(on sql: any SQLDatabase) async throws -> SymmetricKey {
        guard let secret = try await CompanySettings(sql: sql).value(.cursorSigningKey) else {
            throw DomainError.badRequest("Paging is not set up: run the migrations.")
        }
        return SymmetricKey(data: SHA256.hash(data: Data(secret.utf8)))
    }
}

extension ListCursor {
    /// The sort column's value in the row as the database holds it. Instants are read raw:
    /// SQLite keeps seconds as a double that the Date decoder rounds to microseconds, and a
    /// rounded anchor would skip or repeat rows that share a time.
    static func sortValue(
        of row: any SQLRow, sort: RecordListQuery.Sort, dialect: String, nullStandIn: FieldValue
    ) throws -> String {
        let field = FieldSpec(sort.name, sort.kind, column: sort.column)
        if case .instant = sort.kind {
            if try row.decodeNil(column: sort.column) { return text(of: nullStandIn, dialect: dialect) }
            if dialect == "sqlite" { return "\(try row.decode(column: sort.column, as: Double.self))" }
            return "\(try row.decode(column: sort.column, as: Date.self).timeIntervalSinceReferenceDate)"
        }
        let value = try field.decode(row)
        return text(of: value.isNull ? nullStandIn : value, dialect: dialect)
    }

    static func text(of value: FieldValue, dialect: String) -> String {
        switch value {
        case .date(let date):
            dialect == "sqlite" ? "\(date.timeIntervalSince1970)" : "\(date.timeIntervalSinceReferenceDate)"
        case .int(let number): "\(number)"
        case .bool(let flag): flag ? "true" : "false"
        case .uuid(let id): id.uuidString
        default: value.text ?? ""
        }
    }

    /// The carried value as a bind of the column's type.
    func bind(kind: FieldKind, dialect: String) throws -> any SQLExpression {
        switch kind {
        case .instant:
            guard let seconds = Double(value) else { throw Self.invalid() }
            return dialect == "sqlite" ? SQLBind(seconds) : SQLBind(Date(timeIntervalSinceReferenceDate: seconds))
        case .integer, .money, .percent, .coordinate:
            guard let number = Int64(value) else { throw Self.invalid() }
            return SQLBind(number)
        case .bool:
            return SQLBind(value == "true")
        case .reference:
            guard let id = UUID(uuidString: value) else { throw Self.invalid() }
            return SQLBind(id)
        default:
            return SQLBind(value)
        }
    }
}
