import Foundation
import SalesPulseCore
import Vapor

/// `backup`: a consistent snapshot of the whole database while the server keeps running.
struct BackupCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "out", help: "the file to write (default: salespulse-backup-DATE.zip here)") var out: String?
    }

    var help: String { "Backs up every table into one compressed file that restores into SQLite or PostgreSQL." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        let now = app.clock.now()
        let path = signature.out ?? "salespulse-backup-\(Self.stamp(now)).zip"
        let started = Date()
        let console = context.console
        let manifest = try await BackupWriter(
            db: app.db, now: now, sqliteFile: app.sqliteFilePath, threadPool: app.threadPool
        ).write(
            to: URL(fileURLWithPath: path)
        ) { step in
            console.print("  \(step.table): \(step.rows) rows")
        }
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        console.print(
            "Backed up \(manifest.tables.count) tables, \(manifest.totalRows) rows, to \(path) (\(ByteCountFormatter.string(fromByteCount: Int64(size), countStyle: .file))) in \(String(format: "%.1f", Date().timeIntervalSince(started))) s."
        )
    }

    static func stamp(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd-HHmmss"
        return formatter.string(from: date)
    }
}

/// `restore FILE`: a backup into this database, which must be empty unless --force.
struct RestoreCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "file", help: "a backup made by `salespulse backup`") var file: String
        @Flag(name: "force", help: "replace everything this database holds") var force: Bool
    }

    var help: String {
        "Restores a backup into an empty database (or, with --force, in place of what it holds), then checks the row counts."
    }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        try await app.autoMigrate()
        let console = context.console
        let report = try await BackupRestorer(db: app.db).restore(
            from: URL(fileURLWithPath: signature.file), replacing: signature.force
        ) { table, rows in
            console.print("  \(table): \(rows) rows")
        }
        let manifest = report.manifest
        console.print(
            "Restored \(manifest.tables.count) tables, \(manifest.totalRows) rows, from the backup of \(PageDate.format(manifest.createdAt)) in \(String(format: "%.1f", report.seconds)) s. Row counts and checksums match."
        )
    }
}
