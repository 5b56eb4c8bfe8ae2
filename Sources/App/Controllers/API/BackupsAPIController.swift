import Foundation
import SalesPulseCore
import Vapor

/// /api/v1/admin/backups: take a backup, follow it, download it, and set the daily schedule;
/// /api/v1/admin/exports starts an export of everything, followed and downloaded the same way.
/// Admins only.
struct BackupsAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let backups = routes.grouped("admin", "backups")
        backups.get(use: list)
        backups.post(use: start)
        backups.get("schedule", use: schedule)
        backups.patch("schedule", use: updateSchedule)
        backups.get(":backupID", use: show)
        backups.get(":backupID", "file", use: download)
        backups.post(":backupID", "restore", use: restore)
        routes.grouped("admin", "exports").post(use: startExport)
    }

    @Sendable func list(req: Request) async throws -> BackupListing {
        try await req.authorize(.read, .backups)
        let runs = try await BackupRuns(db: req.db).list()
        return BackupListing(items: runs.map(BackupItem.init), nextCursor: nil, schedule: try await schedule(req: req))
    }

    @Sendable func start(req: Request) async throws -> Response {
        try await begin(.backup, req)
    }

    @Sendable func startExport(req: Request) async throws -> Response {
        try await begin(.export, req)
    }

    private func begin(_ kind: BackupRuns.Kind, _ req: Request) async throws -> Response {
        try await req.authorize(.create, .backups)
        let run = try await BackupRuns(db: req.db).start(
            .manual, kind: kind, by: try req.requireUser().requireID(),
            schedule: try await BackupJob.schedule(req.application), now: req.now)
        return try await BackupItem(run).encodeResponse(status: .accepted, for: req)
    }

    @Sendable func show(req: Request) async throws -> BackupItem {
        try await req.authorize(.read, .backups)
        return BackupItem(try await Self.run(req))
    }

    @Sendable func download(req: Request) async throws -> Response {
        try await req.authorize(.read, .backups)
        return try await Self.file(of: try await Self.run(req), req)
    }

    @Sendable func restore(req: Request) async throws -> RestoreDone {
        let body = try req.decodeStrict(RestoreRequest.self).body
        let run = try await Self.run(req)
        let report = try await BackupRestoreRequest.restore(run, confirm: body.confirm, req: req)
        return RestoreDone(
            backup: run.id, takenAt: report.manifest.createdAt, tables: report.manifest.tables.count,
            rows: report.manifest.totalRows)
    }

    @Sendable func schedule(req: Request) async throws -> BackupScheduleBody {
        try await req.authorize(.read, .backups)
        return BackupScheduleBody(
            try await BackupJob.schedule(req.application), zone: try await req.companySettings.timeZoneName())
    }

    @Sendable func updateSchedule(req: Request) async throws -> BackupScheduleBody {
        try await req.authorize(.update, .backups)
        let body = try req.decodeStrict(BackupScheduleBody.self).body
        let zone = try await req.companySettings.timeZoneName()
        guard body.timeZone == nil || body.timeZone == zone else {
            throw DomainError.invalid(
                field: "timeZone", "The schedule follows the company's time zone; change it in the settings.")
        }
        let schedule = try BackupScheduleCheck.checked(body.applied(to: try await BackupJob.schedule(req.application)))
        try await req.companySettings.setBackupSchedule(schedule)
        return BackupScheduleBody(schedule, zone: zone)
    }

    static func run(_ req: Request) async throws -> BackupRuns.Run {
        guard let id = req.parameters.get("backupID", as: UUID.self),
            let run = try await BackupRuns(db: req.db).find(id)
        else {
            throw DomainError.notFound("No backup with that id.")
        }
        return run
    }

    /// The backup's file, or why it cannot be had.
    static func file(of run: BackupRuns.Run, _ req: Request) async throws -> Response {
        // Still being written: the backup is there, its file is not ready yet.
        if !run.available, run.removedAt == nil, !run.finished {
            throw DomainError.conflict(field: nil, message: "This backup is not finished yet; try again in a moment.")
        }
        guard run.available else {
            throw DomainError.notFound(
                run.removedAt != nil
                    ? "This backup's file was removed to keep only the newest."
                    : "This backup has no file: it did not finish.")
        }
        guard FileManager.default.fileExists(atPath: run.file.path) else {
            throw DomainError.notFound("This backup's file is no longer in \(run.folder) on the server.")
        }
        let response = try await req.fileio.asyncStreamFile(at: run.file.path)
        response.headers.contentType = HTTPMediaType(type: "application", subType: "zip")
        response.headers.contentDisposition = .init(.attachment, filename: run.fileName)
        return response
    }
}
