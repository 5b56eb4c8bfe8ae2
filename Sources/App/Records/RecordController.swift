import Fluent
import Foundation
import SalesPulseCore
import SQLKit
import Vapor

/// GET list, GET one, POST, PATCH, DELETE and GET history for one record type, with the
/// access policy applied to every row.
struct RecordController: RouteCollection {
    let spec: RecordSpec

    func boot(routes: any RoutesBuilder) throws {
        let collection = routes.grouped(PathComponent(stringLiteral: spec.path))
        collection.get(use: list)
        if spec.policy == .businessRecord { collection.get("export", use: export) }
        collection.post(use: create)
        collection.get(":id", use: show)
        collection.patch(":id", use: update)
        collection.delete(":id", use: delete)
        collection.get(":id", "history", use: history)
    }

    @Sendable func list(req: Request) async throws -> Response {
        try await req.authorize(.read, spec.policy)
        let query = try RecordListQuery(spec: spec, request: req)
        let page = try await RecordLister(spec: spec, db: req.db).page(
            query, actor: try await req.actor(), now: req.now)
        return try RecordJSON.response([
            "items": page.items.map { RecordJSON.object($0, spec: spec) },
            "nextCursor": page.nextCursor.map { $0 as Any } ?? NSNull(),
        ])
    }

    /// Every row the list would give, with the same filters, search and sort, as CSV or XLSX.
    @Sendable func export(req: Request) async throws -> Response {
        try await req.authorize(.export, spec.policy)
        let query = try RecordListQuery(spec: spec, request: req, extraParameters: ["format"])
        return try await RecordExport(spec: spec, db: req.db, actor: try await req.actor(), now: req.now)
            .response(query, format: try req.exportFormat(), request: req)
    }

    @Sendable func show(req: Request) async throws -> Response {
        try RecordJSON.response(RecordJSON.object(try await req.visibleRecord(spec, for: .read), spec: spec))
    }

    @Sendable func create(req: Request) async throws -> Response {
        try await req.authorize(.create, spec.policy)
        let record = try await RecordStore(spec: spec, db: req.db).create(
            try req.jsonObjectBody(), context: try await req.recordContext())
        return try RecordJSON.response(RecordJSON.object(record, spec: spec), status: .created)
    }

    @Sendable func update(req: Request) async throws -> Response {
        let record = try await req.visibleRecord(spec, for: .update)
        let updated = try await RecordStore(spec: spec, db: req.db).update(
            record, with: try req.jsonObjectBody(), context: try await req.recordContext())
        return try RecordJSON.response(RecordJSON.object(updated, spec: spec))
    }

    @Sendable func delete(req: Request) async throws -> HTTPStatus {
        let record = try await req.visibleRecord(spec, for: .delete)
        let cascade = try QueryFlag.parse(req.query[String.self, at: "cascade"], field: "cascade")
        if cascade, try await req.actor().role != .admin {
            throw DomainError.forbidden("Only admins may delete with cascade=true.")
        }
        try await RecordStore(spec: spec, db: req.db).delete(
            record, cascade: cascade, context: try await req.recordContext())
        return .noContent
    }

    @Sendable func history(req: Request) async throws -> Response {
        let record = try await req.visibleRecord(spec, for: .read)
        let rows = try await req.db.sql.select().column("*").from(AuditTrail.table)
            .where("resource", .equal, SQLBind(spec.path)).where("record_id", .equal, SQLBind(record.id))
            .orderBy("at", .descending).limit(500).all()
        return try RecordJSON.response([
            "items": try rows.map { try AuditTrail.decode($0).json }, "nextCursor": NSNull(),
        ])
    }
}

extension Request {
    func recordContext() async throws -> RecordContext {
        var context = RecordContext(db: db, actor: try await actor(), now: now, logger: logger)
        context.geocodes = application.settings.geocoderURL != nil
        return context
    }

    /// The record named by the :id parameter, if the actor may do `action` to it; 404 when
    /// they may not even see it, 403 when they see it but may not do this.
    func visibleRecord(_ spec: RecordSpec, for action: Action, parameter: String = "id") async throws -> Record {
        guard let id = parameters.get(parameter, as: UUID.self),
            let record = try await RecordStore(spec: spec, db: db).find(id)
        else {
            try await authorize(action == .read ? .read : action, spec.policy)
            throw DomainError.notFound("No such \(spec.label).")
        }
        try await authorize(action, spec.policy, record: try await spec.scope(of: record, on: db))
        return record
    }
}

/// Records as API JSON: id, timestamps and every field by its camelCase name.
enum RecordJSON {
    /// A record as camelCase JSON, written field by field from its typed values: lists write
    /// hundreds of these, and going through [String: Any] cost a dynamic cast per value.
    static func object(_ record: Record, spec: RecordSpec) -> JSONFragment {
        var out: [UInt8] = []
        out.reserveCapacity(64 + spec.fields.count * 32)
        out.append(contentsOf: #"{"id":""#.utf8)
        out.append(contentsOf: record.id.uuidString.utf8)
        out.append(contentsOf: #"","createdAt":"#.utf8)
        JSONWriter.write(record.createdAt.map(FieldValue.date) ?? .null, as: .instant, into: &out)
        out.append(contentsOf: #","updatedAt":"#.utf8)
        JSONWriter.write(record.updatedAt.map(FieldValue.date) ?? .null, as: .instant, into: &out)
        for field in spec.fields {
            out.append(UInt8(ascii: ","))
            JSONWriter.string(field.name, into: &out)
            out.append(UInt8(ascii: ":"))
            JSONWriter.write(record[field: field.name], as: field.kind, into: &out)
        }
        out.append(UInt8(ascii: "}"))
        return JSONFragment(bytes: out)
    }

    static func response(_ object: Any, status: HTTPStatus = .ok) throws -> Response {
        let data = JSONWriter.data(object)
        let response = Response(status: status, body: .init(data: data))
        response.headers.contentType = .json
        return response
    }
}
