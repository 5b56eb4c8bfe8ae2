import Foundation
import SalesPulseCore
import SQLKit

/// Finds one person across the CRM from the email address or phone number they gave when they
/// asked: the leads and contacts that carry it (a lead converted into a contact brings that
/// contact along), and from those the names, addresses and numbers that identify them in text.
struct PersonLookup {
    let sql: any SQLDatabase

    struct Match: Sendable {
        let resource: String
        let id: UUID
        let name: String
        let email: String?
        let phones: [String]
    }

    struct Person: Sendable {
        let asked: String
        let matches: [Match]
        let identity: PersonIdentity

        var leadIDs: [UUID] { matches.filter { $0.resource == RecordSpec.leads.path }.map(\.id) }
        var contactIDs: [UUID] { matches.filter { $0.resource == RecordSpec.contacts.path }.map(\.id) }
        var found: Bool { !matches.isEmpty }
    }

    /// The address or number asked about, checked: exactly one of the two.
    static func asked(email: String?, phone: String?) throws -> (email: String?, phone: String?) {
        let email = email?.trimmingCharacters(in: .whitespacesAndNewlines).lowercased().nilIfEmpty
        let phone = phone?.trimmingCharacters(in: .whitespacesAndNewlines).nilIfEmpty
        switch (email, phone) {
        case (nil, nil): throw DomainError.invalid(field: "email", "Give the person's email address or phone number.")
        case (.some, .some):
            throw DomainError.invalid(field: "phone", "Give the email address or the phone number, not both.")
        case (.some(let email), nil):
            guard email.contains("@"), email.count >= 3 else {
                throw DomainError.invalid(field: "email", "\(email) is not an email address.")
            }
        case (nil, .some(let phone)):
            guard PersonIdentity.digits(phone).count >= 7 else {
                throw DomainError.invalid(field: "phone", "A phone number needs at least 7 digits.")
            }
        }
        return (email, phone)
    }

    func find(email: String?, phone: String?) async throws -> Person {
        let asked = try Self.asked(email: email, phone: phone)
        var matches: [Match] = []
        if let email = asked.email {
            matches += try await leads(
                SQLBinaryExpression(SQLFunction("lower", args: SQLIdentifier("email")), .equal, SQLBind(email)))
            matches += try await contacts(
                SQLBinaryExpression(SQLFunction("lower", args: SQLIdentifier("email")), .equal, SQLBind(email)))
        } else if let phone = asked.phone {
            let like = "%" + String(PersonIdentity.digits(phone).suffix(4)) + "%"
            matches += try await leads(SQLBinaryExpression(SQLIdentifier("phone"), .like, SQLBind(like))).filter {
                $0.phones.contains { PersonIdentity.samePhone($0, phone) }
            }
            let nearby = SQLBinaryExpression(
                SQLBinaryExpression(SQLIdentifier("phone"), .like, SQLBind(like)), .or,
                SQLBinaryExpression(SQLIdentifier("mobile"), .like, SQLBind(like)))
            matches += try await contacts(nearby).filter { $0.phones.contains { PersonIdentity.samePhone($0, phone) } }
        }
        let converted = try await convertedContacts(
            of: matches.filter { $0.resource == RecordSpec.leads.path }.map(\.id))
        if !converted.isEmpty {
            let known = Set(matches.map(\.id))
            matches += try await contacts(
                SQLBinaryExpression(
                    SQLIdentifier("id"), .in, SQLGroupExpression(converted.map { SQLBind($0) as any SQLExpression }))
            )
            .filter { !known.contains($0.id) }
        }
        let identity = PersonIdentity(
            names: matches.map(\.name), emails: matches.compactMap(\.email) + [asked.email].compactMap { $0 },
            phones: matches.flatMap(\.phones) + [asked.phone].compactMap { $0 })
        return Person(asked: asked.email ?? asked.phone ?? "", matches: matches, identity: identity)
    }

    private func leads(_ condition: any SQLExpression) async throws -> [Match] {
        try await sql.select().columns("id", "name", "email", "phone").from(RecordSpec.leads.table).where(condition)
            .limit(1_000).all().map { row in
                Match(
                    resource: RecordSpec.leads.path, id: try row.decode(column: "id", as: UUID.self),
                    name: try row.decode(column: "name", as: String.self),
                    email: try row.decode(column: "email", as: String?.self),
                    phones: [try row.decode(column: "phone", as: String?.self)].compactMap { $0 })
            }
    }

    private func contacts(_ condition: any SQLExpression) async throws -> [Match] {
        try await sql.select().columns("id", "name", "email", "phone", "mobile").from(RecordSpec.contacts.table).where(
            condition
        ).limit(1_000).all().map { row in
            Match(
                resource: RecordSpec.contacts.path, id: try row.decode(column: "id", as: UUID.self),
                name: try row.decode(column: "name", as: String.self),
                email: try row.decode(column: "email", as: String?.self),
                phones: [
                    try row.decode(column: "phone", as: String?.self),
                    try row.decode(column: "mobile", as: String?.self),
                ].compactMap { $0 })
        }
    }

    private func convertedContacts(of leadIDs: [UUID]) async throws -> [UUID] {
        guard !leadIDs.isEmpty else { return [] }
        return try await sql.select().column("converted_contact_id").from(RecordSpec.leads.table)
            .where(SQLIdentifier("id"), .in, SQLGroupExpression(leadIDs.map { SQLBind($0) as any SQLExpression }))
            .where("converted_contact_id", .isNot, SQLLiteral.null).all()
            .compactMap { try $0.decode(column: "converted_contact_id", as: UUID?.self) }
    }
}

extension String {
    var nilIfEmpty: String? { isEmpty ? nil : self }
}
