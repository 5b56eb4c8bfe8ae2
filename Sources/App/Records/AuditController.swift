import Foundation
import SalesPulseCore
import SQLKit
import Vapor

/// /api/v1/audit: admins search every recorded change, newest first.
struct AuditController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("audit", use: search)
    }

    @Sendable func search(req: Request) async throws -> Response {
        try await req.authorize(.read, .auditTrail)
        let page = try PageRequest(req)
        let query = req.db.sql.select().column("*").from(AuditTrail.table)
        let parameters = try req.query.decode([String: String].self)
        let known: Set<String> = ["resource", "recordId", "actorId", "action", "from", "to", "limit", "cursor"]
        if let unknown = parameters.keys.sorted().first(where: { !known.contains($0) }) {
            throw DomainError.invalid(
                field: unknown, "Unknown filter. Filters here: \(known.sorted().joined(separator: ", ")).")
        }
        if let resource = parameters["resource"], !resource.isEmpty {
            guard RecordCatalog.spec(path: resource) != nil else {
                throw DomainError.invalid(field: "resource", "Not a record type.")
            }
            query.where("resource", .equal, SQLBind(resource))
        }
        for (name, column) in [("recordId", "record_id"), ("actorId", "actor_id")] {
            guard let text = parameters[name], !text.isEmpty else { continue }
            guard let id = UUID(uuidString: text) else { throw DomainError.invalid(field: name, "Not a valid id.") }
            query.where(SQLIdentifier(column), .equal, SQLBind(id))
        }
        if let action = parameters["action"], !action.isEmpty {
            guard AuditTrail.Action(rawValue: action) != nil else {
                throw DomainError.invalid(field: "action", "Use create, update or delete.")
            }
            query.where("action", .equal, SQLBind(action))
        }
        let instant = FieldSpec("at", .instant)
        if let from = parameters["from"], !from.isEmpty {
            query.where("at", .greaterThanOrEqual, try instant.parse(text: from).sql)
        }
        if let to = parameters["to"], !to.isEmpty {
            query.where("at", .lessThanOrEqual, try instant.parse(text: to).sql)
        }
        if let cursor = page.cursor {
            let parts = cursor.split(separator: "_")
            guard parts.count == 2, let seconds = Double(parts[0]), let id = UUID(uuidString: String(parts[1])) else {
                throw DomainError.invalid(
                    field: "cursor", "This cursor does not belong to this list; start again without it.")
            }
            // The anchor row's stored time is exact; the cursor's copy only stands in if it is gone.
            let at = SQLFunction(
                "COALESCE",
                args: SQLGroupExpression(
                    SQLQueryString(
                        "SELECT \(ident: "at") FROM \(ident: AuditTrail.table) WHERE \(ident: "id") = \(bind: id)")),
                SQLBind(Date(timeIntervalSince1970: seconds)))
            query.where(
                SQLGroupExpression(
                    SQLBinaryExpression(
                        SQLBinaryExpression(SQLIdentifier("at"), .lessThan, at), .or,
                        SQLGroupExpression(
                            SQLBinaryExpression(
                                SQLBinaryExpression(SQLIdentifier("at"), .equal, at), .and,
                                SQLBinaryExpression(SQLIdentifier("id"), .lessThan, SQLBind(id)))))))
        }
        let rows = try await query.orderBy("at", .descending).orderBy("id", .descending).limit(page.limit + 1).all()
        let entries = try rows.prefix(page.limit).map(AuditTrail.decode)
        let next =
            rows.count > page.limit ? entries.last.map { "\($0.at.timeIntervalSince1970)_\($0.id.uuidString)" } : nil
        return try RecordJSON.response(["items": entries.map(\.json), "nextCursor": next.map { $0 as Any } ?? NSNull()])
    }
}
