import Foundation
import SalesPulseCore
import Vapor

/// A backup or an export of everything as the API shows it.
struct BackupItem: Content {
    let id: UUID
    /// backup or export.
    let kind: String
    let trigger: String
    let requestedBy: UUID?
    let state: String
    let fileName: String
    let sizeBytes: Int64?
    let tablesTotal: Int?
    let tablesDone: Int
    let percent: Int
    let rows: Int64?
    let error: String?
    let createdAt: Date
    let startedAt: Date?
    let finishedAt: Date?
    let removedAt: Date?
    let downloadable: Bool

    init(_ run: BackupRuns.Run) {
        id = run.id
        kind = run.kind
        trigger = run.trigger
        requestedBy = run.requestedBy
        state = run.state
        fileName = run.fileName
        sizeBytes = run.sizeBytes
        tablesTotal = run.tablesTotal
        tablesDone = run.tablesDone
        percent = run.percent
        rows = run.rows
        error = run.error
        createdAt = run.createdAt
        startedAt = run.startedAt
        finishedAt = run.finishedAt
        removedAt = run.removedAt
        downloadable = run.available
    }
}

/// The daily backup's settings; PATCH changes the fields sent.
struct BackupScheduleBody: Content, StrictBody {
    var enabled: Bool?
    /// Hour of the day, 0–23, in the company's time zone.
    var hour: Int?
    var folder: String?
    var keep: Int?
    var timeZone: String?

    enum CodingKeys: String, CodingKey, CaseIterable { case enabled, hour, folder, keep, timeZone }

    init(_ schedule: BackupSchedule, zone: String) {
        enabled = schedule.enabled
        hour = schedule.hour
        folder = schedule.folder
        keep = schedule.keep
        timeZone = zone
    }

    /// `schedule` with the sent fields in place.
    func applied(to schedule: BackupSchedule) -> BackupSchedule {
        BackupSchedule(
            enabled: enabled ?? schedule.enabled, hour: hour ?? schedule.hour, folder: folder ?? schedule.folder,
            keep: keep ?? schedule.keep)
    }
}

struct BackupListing: Content {
    let items: [BackupItem]
    let nextCursor: String?
    let schedule: BackupScheduleBody
}

/// Replace everything with a kept backup; `confirm` must be "RESTORE".
struct RestoreRequest: Content, StrictBody {
    var confirm: String?

    enum CodingKeys: String, CodingKey, CaseIterable { case confirm }
}

struct RestoreDone: Content {
    let backup: UUID
    let takenAt: Date
    let tables: Int
    let rows: Int
}
