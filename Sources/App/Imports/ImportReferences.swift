import Foundation
import SalesPulseCore
import SQLKit

/// Turns the names a spreadsheet uses for linked records (an owner's email or name, a region,
/// a segment, an account) into their ids. People, regions and segments are few and read once;
/// accounts are looked up by name as rows ask for them, and remembered.
final class ImportReferences: @unchecked Sendable {
    static let resolvable: Set<String> = ["ownerId", "regionId", "segmentId", "accountId"]

    private let sql: any SQLDatabase
    private var people: [String: UUID] = [:]
    private var named: [String: [String: UUID]] = [:]
    private var accounts: [String: (id: UUID, name: String)?] = [:]
    private var accountNames: [UUID: String] = [:]

    private init(sql: any SQLDatabase) { self.sql = sql }

    static func load(_ sql: any SQLDatabase) async throws -> ImportReferences {
        let references = ImportReferences(sql: sql)
        for row in try await sql.raw("SELECT id, email, name FROM users WHERE is_active = \(bind: true)").all() {
            let id = try row.decode(column: "id", as: UUID.self)
            references.people[try row.decode(column: "email", as: String.self).lowercased()] = id
            if let name = try row.decode(column: "name", as: String?.self) {
                references.people[MatchKeys.name(name)] = id
            }
        }
        for table in ["regions", "segments"] {
            var names: [String: UUID] = [:]
            for row in try await sql.raw("SELECT id, name FROM \(ident: table)").all() {
                names[MatchKeys.name(try row.decode(column: "name", as: String.self))] = try row.decode(
                    column: "id", as: UUID.self)
            }
            references.named[table] = names
        }
        return references
    }

    /// Accounts a batch of rows names, looked up in one query.
    func prefetchAccounts(_ names: [String]) async throws {
        let wanted = Set(
            names.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }.filter {
                !$0.isEmpty && accounts[$0] == nil
            })
        guard !wanted.isEmpty else { return }
        for name in wanted { accounts[name] = .some(nil) }
        let rows = try await sql.raw(
            "SELECT id, name FROM accounts WHERE lower(name) IN (\(binds: Array(wanted))) ORDER BY created_at"
        ).all()
        for row in rows {
            let id = try row.decode(column: "id", as: UUID.self), name = try row.decode(column: "name", as: String.self)
            if case .some(nil) = accounts[name.lowercased()] { accounts[name.lowercased()] = (id, name) }
            accountNames[id] = name
        }
    }

    func accountName(_ id: UUID) -> String? { accountNames[id] }

    /// The id a cell names for a reference field, or a message for the person.
    func resolve(_ field: String, _ text: String) throws(DomainError) -> UUID {
        let key = MatchKeys.name(text)
        switch field {
        case "ownerId":
            if let id = people[text.lowercased().trimmingCharacters(in: .whitespaces)] ?? people[key] { return id }
            throw DomainError.invalid(field: field, "No active user with the email or name “\(text)”.")
        case "regionId", "segmentId":
            let table = field == "regionId" ? "regions" : "segments"
            if let id = named[table]?[key] { return id }
            throw DomainError.invalid(field: field, "No \(field == "regionId" ? "region" : "segment") named “\(text)”.")
        case "accountId":
            if case .some(.some(let account)) = accounts[text.trimmingCharacters(in: .whitespaces).lowercased()] {
                return account.id
            }
            throw DomainError.invalid(field: field, "No account named “\(text)”: import the accounts first.")
        default:
            throw DomainError.invalid(field: field, "This field cannot be imported.")
        }
    }
}
