import Foundation
import SalesPulseCore
import SQLKit

/// Settings stored in the database, so every app instance reads the same ones.
struct CompanySettings: Sendable {
    static let table = "company_settings"
    /// S1 forbids viewers exports of personal data; an admin may grant them.
    static let defaultExportRoles = "admin,manager,rep"

    enum Key: String, Sendable {
        case cursorSigningKey = "cursor_signing_key"
        case exportRoles = "export_roles"
        /// The IANA zone pages use for people who have not chosen their own.
        case timeZone = "time_zone"
        /// Whether a teacher booked in two groups at once is refused or only warned about.
        case teacherClash = "teacher_clash"
        /// The S2 status each education step moves a lead to, as JSON.
        case schoolSteps = "school_steps"
        /// Deals above this amount, in cents, need a manager's approval before a rep wins them.
        case approvalThreshold = "approval_threshold"
        /// The daily backup's settings, as JSON.
        case backupSchedule = "backup_schedule"
        /// Who answers personal-data requests and how long lost leads keep theirs, as JSON.
        case privacy
        /// Road-distance factor and average speed per travel mode, as JSON.
        case travel
        /// Indexes a bulk load dropped and has not built again yet, as JSON.
        case setAsideIndexes = "set_aside_indexes"
    }

    let sql: any SQLDatabase

    func value(_ key: Key) async throws -> String? {
        try await sql.select().column("value").from(Self.table).where("key", .equal, SQLBind(key.rawValue)).first()?
            .decode(column: "value", as: String.self)
    }

    func set(_ key: Key, to value: String) async throws {
        try await sql.delete(from: Self.table).where("key", .equal, SQLBind(key.rawValue)).run()
        try await sql.insert(into: Self.table).columns("key", "value").values(SQLBind(key.rawValue), SQLBind(value))
            .run()
    }

    /// The roles that may export records with personal data (admins always may).
    func exportRoles() async throws -> Set<Role> {
        let text = try await value(.exportRoles) ?? Self.defaultExportRoles
        return Set(text.split(separator: ",").compactMap { Role(rawValue: String($0)) }).union([.admin])
    }

    func approvalRule() async throws -> DealApprovalRule {
        DealApprovalRule(thresholdCents: try await value(.approvalThreshold).flatMap { Int64($0) })
    }

    /// nil turns approvals off.
    func setApprovalThreshold(cents: Int64?) async throws {
        try await set(.approvalThreshold, to: cents.map(String.init) ?? "")
    }

    /// The daily backup as an admin set it, else daily into `defaultFolder`.
    func backupSchedule(defaultFolder: String) async throws -> BackupSchedule {
        guard let text = try await value(.backupSchedule),
            let schedule = try? JSONDecoder().decode(BackupSchedule.self, from: Data(text.utf8))
        else {
            var schedule = BackupSchedule.defaults
            schedule.folder = defaultFolder
            return schedule
        }
        return schedule
    }

    func setBackupSchedule(_ schedule: BackupSchedule) async throws {
        try await set(.backupSchedule, to: String(decoding: try JSONEncoder().encode(schedule), as: UTF8.self))
    }

    func privacy() async throws -> PrivacySettings {
        guard let text = try await value(.privacy),
            let settings = try? JSONDecoder().decode(PrivacySettings.self, from: Data(text.utf8))
        else {
            return .defaults
        }
        return settings
    }

    func setPrivacy(_ settings: PrivacySettings) async throws {
        try await set(.privacy, to: String(decoding: try JSONEncoder().encode(settings), as: UTF8.self))
    }

    /// The company's zone as chosen, for schedules that follow its working day.
    func timeZoneName() async throws -> String {
        guard let name = try await value(.timeZone), TimeZone(identifier: name) != nil else { return "UTC" }
        return name
    }

    func timeZone() async throws -> TimeZone { TimeZone(identifier: try await timeZoneName()) ?? .gmt }

    func setExportRoles(_ roles: Set<Role>) async throws {
        try await set(.exportRoles, to: roles.union([.admin]).map(\.rawValue).sorted().joined(separator: ","))
    }

    func teacherClashRule() async throws -> TeacherClashRule {
        try await value(.teacherClash).flatMap(TeacherClashRule.init(rawValue:)) ?? .refuse
    }

    func setTeacherClashRule(_ rule: TeacherClashRule) async throws {
        try await set(.teacherClash, to: rule.rawValue)
    }

    func schoolSteps() async throws -> SchoolSteps {
        guard let text = try await value(.schoolSteps),
            let pairs = try? JSONDecoder().decode([String: String?].self, from: Data(text.utf8)),
            let steps = try? SchoolSteps(parsing: pairs)
        else { return .defaults }
        return steps
    }

    func setSchoolSteps(_ steps: SchoolSteps) async throws {
        try await set(.schoolSteps, to: String(decoding: try JSONEncoder().encode(steps.pairs), as: UTF8.self))
    }
}
