import Foundation
import SalesPulseCore
import Vapor

/// Restoring a kept backup from the page or the API: the admin confirms by typing RESTORE,
/// and everything the company holds is replaced by the backup in one transaction. The log of
/// backups stays, so the list still shows every file; sessions are those of the backup, so
/// the admin signs in again.
enum BackupRestoreRequest {
    static let confirmation = "RESTORE"

    static func restore(_ run: BackupRuns.Run, confirm: String?, req: Request) async throws -> BackupRestorer.Report {
        try await req.authorize(.update, .backups)
        guard run.kind == BackupRuns.Kind.backup.rawValue else {
            throw DomainError.invalid(
                field: "backup", "An export of everything is for reading elsewhere; restore from a backup.")
        }
        guard run.available, FileManager.default.fileExists(atPath: run.file.path) else {
            throw DomainError.notFound("This backup's file is no longer on the server.")
        }
        guard confirm?.trimmingCharacters(in: .whitespaces).uppercased() == confirmation else {
            throw DomainError.invalid(field: "confirm", "Type \(confirmation) to replace everything with this backup.")
        }
        let who = try req.requireUser().email
        let report = try await BackupRestorer(db: req.db).restore(from: run.file, replacing: true)
        req.logger.notice(
            "restored the backup of \(PageDate.format(run.createdAt)) (\(report.manifest.totalRows) rows), asked by \(who)"
        )
        return report
    }
}
