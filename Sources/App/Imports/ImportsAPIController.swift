import Foundation
import SalesPulseCore
import Vapor

/// /api/v1/imports: upload a file (or a spreadsheet link), adjust the mapping and choices,
/// check every line, start, follow the progress, download what was not imported, undo.
struct ImportsAPIController: RouteCollection {
    struct Listing: Content {
        let items: [ImportDTO]
    }

    func boot(routes: any RoutesBuilder) throws {
        let imports = routes.grouped("imports")
        imports.get(use: list)
        imports.on(.POST, body: .stream, use: upload)
        imports.get(":importID", use: show)
        imports.patch(":importID", use: choose)
        imports.post(":importID", "check", use: check)
        imports.post(":importID", "start", use: start)
        imports.post(":importID", "undo", use: undo)
        imports.get(":importID", "report", use: report)
    }

    @Sendable func list(req: Request) async throws -> Listing {
        let actor = try await req.actor()
        let rows = try await ImportStore(sql: req.db.sql).list(userID: actor.userID, everyone: actor.role == .admin)
        return Listing(items: rows.map { ImportDTO($0) })
    }

    /// The file is the request body (`?type=leads&fileName=people.csv`), or `?url=` names a
    /// spreadsheet link to fetch.
    @Sendable func upload(req: Request) async throws -> Response {
        try await req.authorize(.create, .businessRecord)
        let service = try await req.importService()
        guard let type = req.query[String.self, at: "type"] else {
            throw DomainError.invalid(field: "type", "Say what the file holds: ?type=leads, contacts or accounts.")
        }
        let path: String, name: String
        if let link = req.query[String.self, at: "url"] {
            (path, name) = try await ImportUpload.fetch(link, client: req.client)
        } else {
            path = try await ImportUpload.save(req.body)
            name = req.query[String.self, at: "fileName"] ?? "upload.csv"
        }
        defer { try? FileManager.default.removeItem(atPath: path) }
        let record = try await service.upload(path: path, fileName: name, type: type)
        return try await ImportDTO(record, preview: try await ImportPreview.lines(record, on: req.db.sql))
            .encodeResponse(status: .created, for: req)
    }

    @Sendable func show(req: Request) async throws -> ImportDTO {
        let record = try await req.importService().visible(try req.importID())
        return ImportDTO(
            record,
            preview: record.importState == .uploaded ? try await ImportPreview.lines(record, on: req.db.sql) : nil)
    }

    @Sendable func choose(req: Request) async throws -> ImportDTO {
        let service = try await req.importService()
        let current = try await service.visible(try req.importID())
        let decoded = try req.decodeStrict(ImportChoicesBody.self)
        let body = decoded.body
        let columns = try body.mapping?.columns(headers: current.headerNames, current: current.columnFields)
        let record = try await service.choose(
            current.id, columns: columns, sheet: body.sheet,
            options: body.options(over: current.importOptions, present: decoded))
        return ImportDTO(record, preview: try await ImportPreview.lines(record, on: req.db.sql))
    }

    @Sendable func check(req: Request) async throws -> ImportDTO {
        ImportDTO(try await req.importService().check(try req.importID()))
    }

    @Sendable func start(req: Request) async throws -> Response {
        try await ImportDTO(try await req.importService().start(try req.importID())).encodeResponse(
            status: .accepted, for: req)
    }

    @Sendable func undo(req: Request) async throws -> ImportDTO {
        let service = try await req.importService()
        let record = try await service.visible(try req.importID())
        try await ImportUndo(db: req.db, actor: try await req.actor(), now: req.now, logger: req.logger).undo(record)
        return ImportDTO(try await service.visible(record.id))
    }

    @Sendable func report(req: Request) async throws -> Response {
        ImportReport.response(try await req.importService().visible(try req.importID()), db: req.db.sql)
    }
}

extension Request {
    func importService() async throws -> ImportService {
        ImportService(db: db, actor: try await actor(), now: now, logger: logger)
    }

    func importID() throws -> UUID {
        guard let id = parameters.get("importID", as: UUID.self) else { throw DomainError.notFound("No such import.") }
        return id
    }
}
