import Foundation
import SalesPulseCore

/// A schedule an admin typed, checked before it is saved: the hour and the count in range, and
/// a folder the server can create and write to.
enum BackupScheduleCheck {
    static func checked(_ schedule: BackupSchedule) throws -> BackupSchedule {
        var schedule = schedule
        schedule.folder = schedule.folder.trimmingCharacters(in: .whitespacesAndNewlines)
        guard (0...23).contains(schedule.hour) else {
            throw DomainError.invalid(field: "hour", "Choose an hour from 0 to 23.")
        }
        guard BackupSchedule.keepRange.contains(schedule.keep) else {
            throw DomainError.invalid(
                field: "keep",
                "Keep from \(BackupSchedule.keepRange.lowerBound) to \(BackupSchedule.keepRange.upperBound) backups.")
        }
        guard !schedule.folder.isEmpty else {
            throw DomainError.invalid(field: "folder", "Name the folder on the server the backups go to.")
        }
        // A relative folder would follow wherever the server happened to be started.
        guard schedule.folder.hasPrefix("/") else {
            throw DomainError.invalid(field: "folder", "Give the folder's full path on the server, starting with /.")
        }
        try writable(schedule.folder)
        return schedule
    }

    private static func writable(_ folder: String) throws {
        let probe = URL(fileURLWithPath: folder).appendingPathComponent(".salespulse-write-check-\(UUID().uuidString)")
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            try Data().write(to: probe)
            try FileManager.default.removeItem(at: probe)
        } catch {
            throw DomainError.invalid(
                field: "folder", "The server cannot write to \(folder). Choose a folder it may create files in.")
        }
    }
}
