import Foundation
import SalesPulseCore
import SQLKit
import Vapor

/// ?q=&sort=&limit=&cursor=&team= and one parameter per filterable field (ranges as
/// nameFrom/nameTo), read strictly: an unknown parameter is a 422, not an ignored typo.
struct RecordListQuery: Sendable {
    struct Sort: Sendable {
        let name: String
        let column: String
        let kind: FieldKind
        let descending: Bool
        /// Nullable columns need a stand-in in ORDER BY; NOT NULL ones sort on the bare column,
        /// which lets an index serve the order.
        var nullable = false
    }

    enum Condition: Sendable {
        case equals(column: String, values: [FieldValue])
        case atLeast(column: String, value: FieldValue)
        case atMost(column: String, value: FieldValue)
        /// A condition reaching other tables (dashboard drill-down: region, source, category).
        case matches(SQLQueryString)
    }

    var search: String?
    /// Search by words anywhere (pages) rather than by prefix (API lists).
    var wordSearch = false
    var sort: Sort
    var page: PageRequest
    var teamID: UUID?
    var conditions: [Condition] = []
    /// Snoozed leads leave active lists until their date unless asked for (?snoozed=true).
    var includeSnoozed = true
    /// Open deals with no change and no activity for a month (?stalled=true), as the KPIs count them.
    var onlyStalled = false

    static let noneValue = "none"

    /// Whether a lower or upper bound applies to the column, which no NULL passes.
    func hasRange(on column: String) -> Bool {
        conditions.contains { condition in
            switch condition {
            case .atLeast(let bounded, _), .atMost(let bounded, _): bounded == column
            case .equals, .matches: false
            }
        }
    }

    /// A query built in code: the first `limit` rows by `sort`, with optional exact-match conditions.
    init(spec: RecordSpec, sort: String, limit: Int, conditions: [Condition] = []) throws {
        self.sort = try Self.sort(sort, spec: spec)
        self.page = PageRequest(limit: limit, cursor: nil)
        self.conditions = conditions
    }

    init(spec: RecordSpec, request: Request, extraParameters: Set<String> = []) throws {
        try self.init(
            spec: spec, parameters: try request.query.decode([String: String].self), extraParameters: extraParameters)
    }

    /// The same, from parameters given another way (the export command's --filter).
    init(spec: RecordSpec, parameters: [String: String], extraParameters: Set<String> = []) throws {
        search = parameters["q"].map { $0.trimmingCharacters(in: .whitespaces).lowercased() }.flatMap {
            $0.isEmpty ? nil : $0
        }
        page = try PageRequest(limit: parameters["limit"], cursor: parameters["cursor"])
        sort = try Self.sort(parameters["sort"] ?? spec.defaultSort, spec: spec)
        if let team = parameters["team"], !team.isEmpty {
            guard let id = UUID(uuidString: team) else { throw DomainError.invalid(field: "team", "Not a valid id.") }
            teamID = id
        }
        var known = Set(["q", "sort", "limit", "cursor", "team", "createdFrom", "createdTo"]).union(extraParameters)
        if spec.field("snoozedUntil") != nil {
            known.insert("snoozed")
            includeSnoozed = try QueryFlag.parse(parameters["snoozed"], field: "snoozed")
        }
        if spec.path == "opportunities" {
            known.insert("stalled")
            onlyStalled = try QueryFlag.parse(parameters["stalled"], field: "stalled")
        }
        for field in spec.fields where field.filterable {
            known.insert(field.name)
            if let raw = parameters[field.name], !raw.isEmpty {
                // ownerId=none: the rows nobody owns (or with no region, segment, …).
                if raw == Self.noneValue, case .reference = field.kind, !field.required {
                    conditions.append(.matches("\(ident: spec.table).\(ident: field.column) IS NULL"))
                    continue
                }
                let values = try raw.split(separator: ",").map { try field.parse(text: String($0)) }
                conditions.append(.equals(column: field.column, values: values))
            }
            guard field.isRange else { continue }
            known.formUnion([field.name + "From", field.name + "To"])
            if let raw = parameters[field.name + "From"], !raw.isEmpty {
                conditions.append(.atLeast(column: field.column, value: try field.parse(text: raw)))
            }
            if let raw = parameters[field.name + "To"], !raw.isEmpty {
                conditions.append(.atMost(column: field.column, value: try field.parse(text: raw)))
            }
        }
        for related in FactFilters.related(for: spec.path) {
            known.insert(related.name)
            if let raw = parameters[related.name], !raw.isEmpty {
                conditions.append(.matches(try related.condition(raw)))
            }
        }
        let created = FieldSpec("created", .instant, column: "created_at")
        if let raw = parameters["createdFrom"], !raw.isEmpty {
            conditions.append(.atLeast(column: "created_at", value: try created.parse(text: raw)))
        }
        if let raw = parameters["createdTo"], !raw.isEmpty {
            conditions.append(.atMost(column: "created_at", value: try created.parse(text: raw)))
        }
        if let unknown = parameters.keys.sorted().first(where: { !known.contains($0) }) {
            throw DomainError.invalid(
                field: unknown, "Unknown filter. Filters here: \(known.sorted().joined(separator: ", ")).")
        }
    }

    private static func sort(_ text: String, spec: RecordSpec) throws -> Sort {
        let descending = text.hasPrefix("-")
        let name = descending ? String(text.dropFirst()) : text
        switch name {
        case "createdAt": return Sort(name: name, column: "created_at", kind: .instant, descending: descending)
        case "updatedAt": return Sort(name: name, column: "updated_at", kind: .instant, descending: descending)
        default:
            guard let field = spec.field(name), field.sortable else {
                let sortable = ["createdAt", "updatedAt"] + spec.fields.filter(\.sortable).map(\.name)
                throw DomainError.invalid(
                    field: "sort", "Sort by one of: \(sortable.joined(separator: ", ")) (prefix - for descending).")
            }
            return Sort(
                name: name, column: field.column, kind: field.kind, descending: descending,
                nullable: !field.required && field.defaultValue.isNull)
        }
    }
}
