import Fluent
import Foundation
import NIOConcurrencyHelpers
import SalesPulseCore
import SQLKit
import Vapor

/// The background side of backups: the job that writes one, and the hourly look at the
/// schedule that asks for the day's backup once its hour has come. A backup that fails is
/// recorded with the reason and every admin is told, in the app and by email.
enum BackupJob {
    static let scheduleKind = "backup.schedule"

    static func register(_ app: Application) {
        app.jobHandlers.register(BackupRuns.runKind) { context in
            try await perform(try context.payload(BackupRuns.RunJob.self).runID, app: context.app)
        }
        app.jobHandlers.register(scheduleKind) { context in
            try await startIfDue(app: context.app)
        }
    }

    static func schedule(_ app: Application) async throws -> BackupSchedule {
        try await CompanySettings(sql: app.db.sql).backupSchedule(defaultFolder: app.settings.backupDirectory)
    }

    /// Asks for today's backup when its hour has come and the schedule has not asked yet.
    @discardableResult
    static func startIfDue(app: Application) async throws -> BackupRuns.Run? {
        let now = app.clock.now()
        let settings = CompanySettings(sql: app.db.sql)
        let schedule = try await schedule(app)
        let runs = BackupRuns(db: app.db)
        guard schedule.isDue(now: now, in: try await settings.timeZone(), lastScheduled: try await runs.lastScheduled())
        else { return nil }
        return try await runs.start(.scheduled, by: nil, schedule: schedule, now: now)
    }

    static func perform(_ id: UUID, app: Application) async throws {
        let runs = BackupRuns(db: app.db)
        guard let run = try await runs.find(id), !run.finished else { return }
        try await runs.markRunning(id, now: app.clock.now())
        do {
            try FileManager.default.createDirectory(atPath: run.folder, withIntermediateDirectories: true)
            // Progress is for the page, not the backup: where the database cannot take a write
            // beside the snapshot's read (in-memory SQLite has no write-ahead log, so a reader
            // holds off every writer until it ends), the backup goes on without it.
            var writesBesideReads = true
            if case .sqliteMemory = app.settings.database, run.kind == BackupRuns.Kind.backup.rawValue {
                writesBesideReads = false
            }
            let reporting = NIOLockedValueBox(writesBesideReads)
            let report: @Sendable (Int, Int) async -> Void = { done, total in
                guard reporting.withLockedValue({ $0 }) else { return }
                do {
                    try await runs.progress(id, done: done, total: total)
                } catch {
                    reporting.withLockedValue { $0 = false }
                    app.logger.debug("progress not recorded: \(error)")
                }
            }
            let tables: Int, rows: Int
            let kind = BackupRuns.Kind(rawValue: run.kind) ?? .backup
            switch kind {
            case .backup:
                let writer = BackupWriter(
                    db: app.db, now: app.clock.now(), sqliteFile: app.sqliteFilePath, threadPool: app.threadPool)
                let manifest = try await writer.write(to: run.file) { await report($0.tablesDone, $0.tablesTotal) }
                (tables, rows) = (manifest.tables.count, manifest.totalRows)
            case .export:
                let summary = try await exportEverything(run, app: app) { await report($0.done, $0.total) }
                (tables, rows) = (summary.files.count, summary.rows)
            }
            let size =
                (try? FileManager.default.attributesOfItem(atPath: run.file.path)[.size] as? Int).map(Int64.init) ?? 0
            try await runs.finish(id, size: size, tables: tables, rows: rows, now: app.clock.now())
            try await runs.prune(kind, keep: try await schedule(app), now: app.clock.now())
        } catch {
            let reason = reasonText(error, folder: run.folder)
            app.logger.error("\(run.kind) failed: \(reason)")
            try await runs.fail(id, reason: reason, now: app.clock.now())
            // An export failing is shown to the admin on the page they asked from; a backup
            // failing in the night is news to every admin.
            if run.kind == BackupRuns.Kind.backup.rawValue { try await tellAdmins(run, reason: reason, app: app) }
        }
    }

    /// An export of everything, read with the permissions of the admin who asked.
    private static func exportEverything(
        _ run: BackupRuns.Run, app: Application, progress: @escaping CompanyExport.Progress
    ) async throws -> CompanyExport.Summary {
        guard let userID = run.requestedBy, let user = try await User.find(userID, on: app.db), user.isActive,
            user.role == .admin
        else {
            throw DomainError.forbidden("Only an admin's export runs, and the admin who asked is no longer one.")
        }
        let actor = try await ActorResolver.resolve(user, on: app.db)
        return try await CompanyExport(db: app.db, actor: actor, actorName: user.name, now: app.clock.now()).write(
            to: run.file, progress: progress)
    }

    private static func reasonText(_ error: any Error, folder: String) -> String {
        if let error = error as? DomainError { return error.reason }
        let nsError = error as NSError
        if nsError.domain == NSCocoaErrorDomain {
            return "The folder \(folder) cannot be written to (\(nsError.localizedDescription))."
        }
        return String(describing: error)
    }

    private static func tellAdmins(_ run: BackupRuns.Run, reason: String, app: Application) async throws {
        let now = app.clock.now()
        let admins = try await User.query(on: app.db).filter(\.$role == .admin).filter(\.$isActive == true).all()
        try await app.db.writeTransaction { tx in
            let inbox = NotificationInbox(app: app, db: tx)
            for admin in admins {
                let email = NotificationInbox.Email(
                    template: "reminder", subject: "SalesPulse backup failed",
                    context: ["headline": "The backup of \(PageDate.format(run.createdAt)) failed.", "detail": reason])
                try await inbox.notify(
                    try admin.requireID(), .backupFailed, title: "A backup failed", body: reason,
                    link: "/admin/backups",
                    key: "backup-failed:\(run.id):\(try admin.requireID())", email: email, now: now)
            }
        }
    }
}
