import Foundation
import SalesPulseCore
import SQLKit

/// S2's conversion: one transaction that links or creates the account and contact, optionally
/// opens an opportunity, marks the lead Converted and keeps links both ways.
struct LeadConversion {
    let context: RecordContext

    /// {"accountId"} or {"account": {...}}; {"contactId"} or {"contact": {...}}; optional {"opportunity": {...}}.
    /// Omitted account or contact fields are taken from the lead.
    struct Request {
        var accountID: UUID?
        var account: [String: JSONInput]?
        var contactID: UUID?
        var contact: [String: JSONInput]?
        var opportunity: [String: JSONInput]?

        init(_ body: [String: JSONInput]) throws {
            try LeadActionsController.onlyKeys(
                ["accountId", "account", "contactId", "contact", "opportunity"], in: body)
            accountID = try Self.id(body["accountId"], field: "accountId")
            contactID = try Self.id(body["contactId"], field: "contactId")
            account = try Self.object(body["account"], field: "account")
            contact = try Self.object(body["contact"], field: "contact")
            opportunity = try Self.object(body["opportunity"], field: "opportunity")
            if accountID != nil, account != nil {
                throw DomainError.invalid(field: "account", "Give accountId or account, not both.")
            }
            if contactID != nil, contact != nil {
                throw DomainError.invalid(field: "contact", "Give contactId or contact, not both.")
            }
        }

        private static func id(_ value: JSONInput?, field: String) throws -> UUID? {
            guard let value, value != .null else { return nil }
            guard case .string(let text) = value, let id = UUID(uuidString: text) else {
                throw DomainError.invalid(field: field, "Not a valid id.")
            }
            return id
        }

        private static func object(_ value: JSONInput?, field: String) throws -> [String: JSONInput]? {
            guard let value, value != .null else { return nil }
            guard case .object(let object) = value else {
                throw DomainError.invalid(field: field, "Expected a JSON object.")
            }
            return object
        }
    }

    struct Result {
        let lead: Record
        let account: Record
        let contact: Record
        let opportunity: Record?
    }

    func convert(_ lead: Record, _ request: Request) async throws -> Result {
        let status = LeadStatus(rawValue: lead[.status].text ?? "") ?? .new
        guard status.isOpen else {
            throw DomainError.invalid(
                field: "status", "Only open leads can be converted; this one is \(status.rawValue).")
        }
        return try await context.transaction(on: context.db) { context, _ in
            let tx = context.db
            let account = try await resolve(
                .accounts, id: request.accountID, fields: request.account, field: "account", context: context,
                fromLead: [
                    "name": lead[.company].isNull ? lead[.name] : lead[.company],
                    "phone": lead[.phone], "regionId": lead[.regionId], "segmentId": lead[.segmentId],
                    "type": .text(AccountType.customer.rawValue),
                ])
            let contact = try await resolve(
                .contacts, id: request.contactID, fields: request.contact, field: "contact", context: context,
                fromLead: [
                    "name": lead[.name], "email": lead[.email], "phone": lead[.phone],
                    "accountId": .uuid(account.id), "isPrimary": .bool(true),
                ])
            var opportunity: Record?
            if let fields = request.opportunity {
                var values = try prefixed(RecordStore(spec: .opportunities, db: tx).parse(fields), "opportunity")
                values["accountId"] = .uuid(account.id)
                values["primaryContactId"] = values["primaryContactId"] ?? .uuid(contact.id)
                values["leadId"] = .uuid(lead.id)
                if values["name"] == nil { values["name"] = .text("\(account[.name].text ?? "New") deal") }
                opportunity = try await create(.opportunities, values, context: context, field: "opportunity")
            }
            let converted = try await RecordStore(spec: .leads, db: tx).update(
                lead,
                values: [
                    "status": .text(LeadStatus.converted.rawValue), "convertedAt": .date(context.now),
                    "convertedAccountId": .uuid(account.id), "convertedContactId": .uuid(contact.id),
                    "convertedOpportunityId": opportunity.map { .uuid($0.id) } ?? .null,
                ], context: ConversionContext.allowing(context))
            return Result(lead: converted, account: account, contact: contact, opportunity: opportunity)
        }
    }

    /// An existing row the actor may see, or a new one made from the given fields over the lead's.
    private func resolve(
        _ spec: RecordSpec, id: UUID?, fields: [String: JSONInput]?, field: String,
        context: RecordContext, fromLead: [String: FieldValue]
    ) async throws -> Record {
        if let id {
            guard let row = try await RecordStore(spec: spec, db: context.db).find(id),
                AccessPolicy.decide(
                    context.actor, .read, spec.policy, record: try await spec.scope(of: row, on: context.db))
                    == .allowed
            else {
                throw DomainError.invalid(field: field + "Id", "There is no such \(spec.label) you can see.")
            }
            return row
        }
        var values = fromLead.filter { !$0.value.isNull }
        values.merge(try prefixed(RecordStore(spec: spec, db: context.db).parse(fields ?? [:]), field)) { $1 }
        return try await create(spec, values, context: context, field: field)
    }

    private func create(
        _ spec: RecordSpec, _ values: [String: FieldValue], context: RecordContext, field: String
    ) async throws -> Record {
        do {
            return try await RecordStore(spec: spec, db: context.db).create(given: values, context: context)
        } catch let error as DomainError {
            throw error.prefixingField(with: field)
        } catch let error as FieldError {
            throw DomainError.invalid(error).prefixingField(with: field)
        }
    }

    private func prefixed<T>(_ work: @autoclosure () throws -> T, _ field: String) throws -> T {
        do {
            return try work()
        } catch let error as DomainError {
            throw error.prefixingField(with: field)
        } catch let error as FieldError {
            throw DomainError.invalid(error).prefixingField(with: field)
        }
    }
}

/// Conversion is the one path allowed to set a lead to Converted.
enum ConversionContext {
    static func allowing(_ context: RecordContext) -> RecordContext {
        var copy = context
        copy.converting = true
        return copy
    }
}

extension DomainError {
    /// "name" inside the account part of a request becomes "account.name".
    func prefixingField(with prefix: String) -> DomainError {
        switch self {
        case .invalid(let error): .invalid(field: "\(prefix).\(error.field)", error.message)
        case .conflict(let field, let message): .conflict(field: field.map { "\(prefix).\($0)" }, message: message)
        default: self
        }
    }
}
