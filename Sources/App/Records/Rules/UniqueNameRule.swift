import SQLKit

/// Names of shared lists are unique regardless of case: "North" and "north" are one region.
struct UniqueNameRule: RecordRules {
    let table: String

    func validate(_ change: inout RecordChange, context: RecordContext) async throws {
        guard change.changed(.name), let name = change[.name].text else { return }
        let query = context.sql.select().column("id").from(table)
            .where(SQLFunction("lower", args: SQLIdentifier("name")), .equal, SQLBind(name.lowercased()))
        if let id = change.old?.id { query.where("id", .notEqual, SQLBind(id)) }
        if try await query.first() != nil {
            throw DomainError.conflict(field: "name", message: "'\(name)' already exists.")
        }
    }
}

/// Custom lead fields: a safe key, choices for choice fields, and unique names.
struct CustomFieldDefinitionRules: RecordRules {
    func validate(_ change: inout RecordChange, context: RecordContext) async throws {
        if let name = change[.name].text {
            let valid =
                name.first.map { $0.isLetter && $0.isASCII } == true
                && name.allSatisfy { ($0.isASCII && ($0.isLetter || $0.isNumber)) || $0 == "_" }
            guard valid else {
                throw DomainError.invalid(field: "name", "Use letters, digits and _ only, starting with a letter.")
            }
        }
        if change[.type].text == "choice", (change[.choices].text ?? "").split(separator: ",").isEmpty {
            throw DomainError.invalid(field: "choices", "List the choices, separated by commas.")
        }
        try await UniqueNameRule(table: "custom_fields").validate(&change, context: context)
    }
}

/// Products keep unique names and cannot be deleted while deals or sales list them.
struct ProductRules: RecordRules {
    func validate(_ change: inout RecordChange, context: RecordContext) async throws {
        try await UniqueNameRule(table: "products").validate(&change, context: context)
    }

    func beforeDelete(_ record: Record, cascade: Bool, context: RecordContext) async throws {
        let uses =
            try await context.count("opportunity_lines", where: "product_id", is: record.id)
            + context.count("sale_lines", where: "product_id", is: record.id)
        if uses > 0 {
            throw DomainError.conflict(
                field: nil, message: "This product appears on \(uses) deal or sale line(s); mark it inactive instead.")
        }
    }
}
