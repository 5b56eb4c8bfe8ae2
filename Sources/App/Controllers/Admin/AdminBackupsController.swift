import Documents
import Foundation
import SalesPulseCore
import Vapor

/// /admin/backups: back up now or export everything, follow it, download any file still
/// kept, and set the daily schedule (hour, folder, how many to keep).
struct AdminBackupsController: RouteCollection {
    struct Row: Encodable {
        let id: String
        let what: String
        let when: String
        let who: String
        let state: String
        let stateLabel: String
        let size: String
        let records: String
        let download: String?
        let restore: String?
        let note: String?
    }

    struct RestorePage: Encodable {
        let title = "Restore a backup"
        let nav: Navigation
        let id: String
        let when: String
        let records: String
        let size: String
        let confirmError: String?
    }

    struct Current: Encodable {
        let id: String
        let heading: String
        let unit: String
        let percent: Int
        let tablesDone: Int
        let tablesTotal: String
    }

    struct ScheduleForm: Encodable {
        let enabled: Bool
        let hours: [FormField.Option]
        let folder: String
        let keep: String
        let zone: String
        let next: String?
        let hourError: String?
        let folderError: String?
        let keepError: String?
    }

    struct Page: Encodable {
        let title = "Backups"
        let nav: Navigation
        let rows: [Row]
        let current: Current?
        let schedule: ScheduleForm
        let notice: String?
        let alert: String?
    }

    struct Progress: Content {
        let percent: Int
        let processed: Int
        let finished: Bool
    }

    func boot(routes: any RoutesBuilder) throws {
        let backups = routes.grouped("admin", "backups")
        backups.get(use: show)
        backups.post(use: start)
        backups.post("export", use: startExport)
        backups.post("schedule", use: saveSchedule)
        backups.get(":backupID", "progress", use: progress)
        backups.get(":backupID", "download", use: download)
        backups.get(":backupID", "restore", use: confirmRestore)
        backups.post(":backupID", "restore", use: restore)
    }

    @Sendable func show(req: Request) async throws -> View {
        try await req.authorize(.read, .backups)
        let notice = req.query[String.self, at: "done"].map { done in
            switch done {
            case "started": "The backup has started. It runs in the background; you can leave this page."
            case "export": "The export has started. It runs in the background; download it here when it is done."
            default: "The schedule is saved."
            }
        }
        return try await render(req, notice: notice, alert: req.query[String.self, at: "message"])
    }

    @Sendable func start(req: Request) async throws -> Response {
        try await begin(.backup, req)
    }

    @Sendable func startExport(req: Request) async throws -> Response {
        try await begin(.export, req)
    }

    private func begin(_ kind: BackupRuns.Kind, _ req: Request) async throws -> Response {
        try await req.authorize(.create, .backups)
        do {
            _ = try await BackupRuns(db: req.db).start(
                .manual, kind: kind, by: try req.requireUser().requireID(),
                schedule: try await BackupJob.schedule(req.application), now: req.now)
        } catch let error as DomainError {
            return req.redirect(to: URLQuery.path("/admin/backups", ["message": error.reason]))
        }
        return req.redirect(to: "/admin/backups?done=\(kind == .backup ? "started" : "export")")
    }

    @Sendable func saveSchedule(req: Request) async throws -> Response {
        try await req.authorize(.update, .backups)
        struct Form: Content { var enabled: String?; var hour: String?; var folder: String?; var keep: String? }
        let form = try req.content.decode(Form.self)
        let typed = BackupSchedule(
            enabled: form.enabled == "on", hour: Int(form.hour ?? "") ?? -1, folder: form.folder ?? "",
            keep: Int((form.keep ?? "").trimmingCharacters(in: .whitespaces)) ?? 0)
        do {
            try await req.companySettings.setBackupSchedule(try BackupScheduleCheck.checked(typed))
        } catch let error as DomainError {
            guard case .invalid(let field) = error else { throw error }
            return try await render(req, typed: typed, errors: [field.field: field.message]).encodeResponse(
                status: .unprocessableEntity, for: req)
        }
        return req.redirect(to: "/admin/backups?done=schedule")
    }

    @Sendable func progress(req: Request) async throws -> Progress {
        try await req.authorize(.read, .backups)
        let run = try await BackupsAPIController.run(req)
        return Progress(percent: run.percent, processed: run.tablesDone, finished: run.finished)
    }

    @Sendable func download(req: Request) async throws -> Response {
        try await req.authorize(.read, .backups)
        return try await BackupsAPIController.file(of: try await BackupsAPIController.run(req), req)
    }

    @Sendable func confirmRestore(req: Request) async throws -> View {
        try await req.authorize(.update, .backups)
        return try await renderRestore(req, run: try await BackupsAPIController.run(req), error: nil)
    }

    @Sendable func restore(req: Request) async throws -> Response {
        struct Form: Content { var confirm: String? }
        let run = try await BackupsAPIController.run(req)
        do {
            _ = try await BackupRestoreRequest.restore(
                run, confirm: try req.content.decode(Form.self).confirm, req: req)
            req.session.destroy()
            req.auth.logout(User.self)
            return req.redirect(to: "/login?restored=1")
        } catch let error as DomainError {
            guard case .invalid(let field) = error, field.field == "confirm" else { throw error }
            return try await renderRestore(req, run: run, error: field.message).encodeResponse(
                status: .unprocessableEntity, for: req)
        }
    }

    private func renderRestore(_ req: Request, run: BackupRuns.Run, error: String?) async throws -> View {
        guard run.available, run.kind == BackupRuns.Kind.backup.rawValue else {
            throw DomainError.notFound("This backup cannot be restored: its file is gone.")
        }
        return try await req.view.render(
            "admin/restore",
            RestorePage(
                nav: try req.navigation(), id: run.id.uuidString, when: PageDate.format(run.createdAt),
                records: run.rows.map { ValueFormat.count.full(Double($0)) } ?? "",
                size: run.sizeBytes.map { ByteCountFormatter.string(fromByteCount: $0, countStyle: .file) } ?? "",
                confirmError: error))
    }

    private func render(
        _ req: Request, typed: BackupSchedule? = nil, notice: String? = nil, alert: String? = nil,
        errors: [String: String] = [:]
    ) async throws -> View {
        let runs = try await BackupRuns(db: req.db).list()
        let names = try await User.query(on: req.db).all().reduce(into: [UUID: String]()) { names, user in
            if let id = user.id { names[id] = user.name }
        }
        let rows = runs.map { run in
            Row(
                id: run.id.uuidString,
                what: run.kind == BackupRuns.Kind.export.rawValue ? "Export of everything" : "Backup",
                when: PageDate.format(run.createdAt),
                who: run.requestedBy.flatMap { names[$0] } ?? "Daily schedule",
                state: run.removedAt == nil ? run.state : "cancelled",
                stateLabel: Self.stateLabel(run),
                size: run.sizeBytes.map { ByteCountFormatter.string(fromByteCount: $0, countStyle: .file) } ?? "",
                records: run.rows.map { ValueFormat.count.full(Double($0)) } ?? "",
                download: run.available ? "/admin/backups/\(run.id.uuidString)/download" : nil,
                restore: run.available && run.kind == BackupRuns.Kind.backup.rawValue
                    ? "/admin/backups/\(run.id.uuidString)/restore" : nil,
                note: run.error ?? (run.removedAt != nil ? "Removed to keep only the newest" : nil))
        }
        let current = runs.first { !$0.finished }.map { run in
            Current(
                id: run.id.uuidString,
                heading: run.kind == BackupRuns.Kind.export.rawValue ? "Exporting everything" : "Backing up",
                unit: run.kind == BackupRuns.Kind.export.rawValue ? "kinds of record exported" : "tables saved",
                percent: run.percent, tablesDone: run.tablesDone,
                tablesTotal: run.tablesTotal.map(String.init) ?? "all the")
        }
        let saved = try await BackupJob.schedule(req.application)
        let schedule = typed ?? saved
        let zone = try await req.companySettings.timeZone()
        let hours = (0...23).map {
            FormField.Option(value: String($0), label: String(format: "%02d:00", $0), selected: $0 == schedule.hour)
        }
        let next = saved.enabled ? Self.nextBackup(saved, zone: zone, now: req.now) : nil
        let form = ScheduleForm(
            enabled: schedule.enabled, hours: hours, folder: schedule.folder,
            keep: typed != nil && schedule.keep == 0 ? "" : String(schedule.keep),
            zone: try await req.companySettings.timeZoneName(), next: next, hourError: errors["hour"],
            folderError: errors["folder"], keepError: errors["keep"])
        return try await req.view.render(
            "admin/backups",
            Page(
                nav: try req.navigation(), rows: rows, current: current, schedule: form,
                notice: notice, alert: alert))
    }

    static func stateLabel(_ run: BackupRuns.Run) -> String {
        if run.removedAt != nil { return "Removed" }
        return ["queued": "Waiting", "running": "Running", "done": "Done", "failed": "Failed"][run.state] ?? run.state
    }

    private static func nextBackup(_ schedule: BackupSchedule, zone: TimeZone, now: Date) -> String {
        let today = schedule.dueTime(on: now, in: zone)
        return PageDate.format(today > now ? today : schedule.dueTime(on: now.addingTimeInterval(86_400), in: zone))
    }
}
