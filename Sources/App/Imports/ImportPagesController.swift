import Foundation
import SalesPulseCore
import Vapor

/// The import pages: the log with the upload form, and each import's page, which walks the
/// person through mapping, checking, the run's progress and the result.
struct ImportPagesController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let imports = routes.grouped("imports")
        imports.get(use: index)
        imports.on(.POST, body: .collect(maxSize: ByteCount(value: ImportUpload.maxBytes)), use: upload)
        imports.get(":importID", use: show)
        imports.post(":importID", use: choose)
        imports.post(":importID", "start", use: start)
        imports.post(":importID", "undo", use: undo)
        imports.get(":importID", "report", use: report)
        imports.get(":importID", "progress", use: progress)
    }

    struct LogPage: Encodable {
        struct Row: Encodable {
            let href: String
            let fileName: String
            let type: String
            let who: String
            let when: String
            let state: String
            let stateText: String
            let counts: String
            let mapping: String
        }

        let nav: Navigation
        let rows: [Row]
        let mayImport: Bool
        let message: String?
        let types: [ImportPage.Choice]
    }

    struct UploadForm: Content {
        var type: String?
        var file: File?
        var url: String?
    }

    struct Progress: Content {
        let state: String
        let stateText: String
        let processed: Int64
        let total: Int64?
        let percent: Int
        let finished: Bool
    }

    @Sendable func index(req: Request) async throws -> View {
        try await renderLog(req, message: req.query[String.self, at: "message"])
    }

    private func renderLog(_ req: Request, message: String?, type: String = "leads") async throws -> View {
        let actor = try await req.actor()
        let records = try await ImportStore(sql: req.db.sql).list(userID: actor.userID, everyone: actor.role == .admin)
        let names = Dictionary(
            try await User.query(on: req.db).all().compactMap { user in user.id.map { ($0, user.name) } }
        ) { first, _ in first }
        let rows = records.map { record in
            LogPage.Row(
                href: "/imports/\(record.id)", fileName: record.fileName, type: record.recordType.capitalized,
                who: names[record.userId] ?? "—",
                when: PageDate.format(Date(milliseconds: record.createdAt)), state: record.state,
                stateText: record.importState.words,
                counts:
                    "\(record.createdCount) created · \(record.updatedCount) updated · \(record.skippedCount) skipped · \(record.failedCount) not imported",
                mapping: record.mappingWords)
        }
        let mayImport = AccessPolicy.decide(actor, .create, .businessRecord, record: nil) == .allowed
        let types = ImportTypes.specs.map {
            ImportPage.Choice(value: $0.path, label: $0.path.capitalized, selected: $0.path == type)
        }
        return try await req.view.render(
            "imports/index",
            LogPage(nav: try req.navigation(), rows: rows, mayImport: mayImport, message: message, types: types))
    }

    @Sendable func upload(req: Request) async throws -> Response {
        try await req.authorize(.create, .businessRecord)
        let service = try await req.importService()
        let form = try req.content.decode(UploadForm.self)
        let type = form.type ?? "leads"
        do {
            let path: String, name: String
            if let link = form.url?.trimmingCharacters(in: .whitespaces), !link.isEmpty {
                (path, name) = try await ImportUpload.fetch(link, client: req.client)
            } else if let file = form.file, file.data.readableBytes > 0 {
                path = ImportFiles.temporaryPath("form")
                FileManager.default.createFile(atPath: path, contents: Data(file.data.readableBytesView))
                name = file.filename
            } else {
                throw DomainError.invalid(field: "file", "Choose a file to upload, or paste a link to a spreadsheet.")
            }
            defer { try? FileManager.default.removeItem(atPath: path) }
            let record = try await service.upload(path: path, fileName: name, type: type)
            return req.redirect(to: "/imports/\(record.id)")
        } catch {
            let payload = ErrorPayload(error)
            guard payload.isShownOnForm else { throw error }
            return try await renderLog(req, message: payload.message, type: type).encodeResponse(
                status: .unprocessableEntity, for: req)
        }
    }

    @Sendable func show(req: Request) async throws -> View {
        let record = try await req.importService().visible(try req.importID())
        return try await req.view.render(
            "imports/show",
            try await ImportPage.make(
                record, request: req, message: req.query[String.self, at: "message"],
                notice: req.query[String.self, at: "notice"]))
    }

    /// Saves the mapping and choices, then checks every line with them.
    @Sendable func choose(req: Request) async throws -> Response {
        let service = try await req.importService()
        let current = try await service.visible(try req.importID())
        let form = try req.content.decode([String: String].self)
        let back = "/imports/\(current.id)"
        do {
            let sheet = form["sheet"].flatMap { $0.isEmpty || $0 == current.sheet ? nil : $0 }
            let columns: [String?]? =
                sheet != nil
                ? nil
                : current.headerNames.indices.map { index in
                    form["column_\(index)"].flatMap { $0.isEmpty ? nil : $0 }
                }
            var options = current.importOptions
            if let value = form["onDuplicate"], let choice = ImportOptions.OnDuplicate(rawValue: value) {
                options.onDuplicate = choice
            }
            if let value = form["updateMode"], let choice = ImportOptions.UpdateMode(rawValue: value) {
                options.updateMode = choice
            }
            if let value = form["defaultOwnerId"] { options.defaultOwnerId = UUID(uuidString: value) }
            if let value = form["defaultSource"] { options.defaultSource = value.isEmpty ? nil : value }
            if let value = form["defaultCountryCode"] {
                let code = value.filter { $0 != "+" && $0 != " " }
                options.defaultCountryCode = code.isEmpty ? nil : code
            }
            options.emailProviderRules = form["emailProviderRules"] == "on"
            _ = try await service.choose(current.id, columns: columns, sheet: sheet, options: options)
            if sheet == nil { _ = try await service.check(current.id) }
            return req.redirect(
                to: URLQuery.path(
                    back,
                    [
                        "notice": sheet == nil
                            ? "Checked every line with these choices." : "Sheet changed: check the columns."
                    ]))
        } catch {
            let payload = ErrorPayload(error)
            guard payload.isShownOnForm else { throw error }
            return req.redirect(to: URLQuery.path(back, ["message": payload.message]))
        }
    }

    @Sendable func start(req: Request) async throws -> Response {
        let service = try await req.importService()
        let id = try req.importID()
        do {
            _ = try await service.start(id)
            return req.redirect(to: "/imports/\(id)")
        } catch {
            let payload = ErrorPayload(error)
            guard payload.isShownOnForm else { throw error }
            return req.redirect(to: URLQuery.path("/imports/\(id)", ["message": payload.message]))
        }
    }

    @Sendable func undo(req: Request) async throws -> Response {
        let service = try await req.importService()
        let record = try await service.visible(try req.importID())
        do {
            try await ImportUndo(db: req.db, actor: try await req.actor(), now: req.now, logger: req.logger).undo(
                record)
            return req.redirect(to: URLQuery.path("/imports/\(record.id)", ["notice": "The import was undone."]))
        } catch {
            let payload = ErrorPayload(error)
            guard payload.isShownOnForm else { throw error }
            return req.redirect(to: URLQuery.path("/imports/\(record.id)", ["message": payload.message]))
        }
    }

    @Sendable func report(req: Request) async throws -> Response {
        ImportReport.response(try await req.importService().visible(try req.importID()), db: req.db.sql)
    }

    /// What the page's progress bar polls for.
    @Sendable func progress(req: Request) async throws -> Progress {
        let record = try await req.importService().visible(try req.importID())
        let percent = record.totalRows.map { $0 > 0 ? Int(min(record.processedRows * 100 / $0, 100)) : 100 } ?? 0
        return Progress(
            state: record.state, stateText: record.importState.words, processed: record.processedRows,
            total: record.totalRows,
            percent: percent, finished: ![.queued, .running].contains(record.importState))
    }
}
