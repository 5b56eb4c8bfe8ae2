import Foundation
import SalesPulseCore
import SQLKit

/// Where a lead stands in the education centre's steps, told by its latest trial lesson: a
/// trial booked, attended, an offer made, enrolled. Shown beside the lead's S2 status on the
/// board, the list and the lead's page, so a school's pipeline reads in its own words.
enum TrialSteps {
    /// A badge per lead that has trials, from the latest one.
    static func badges(for leadIDs: [UUID], on sql: any SQLDatabase) async throws -> [UUID: Badge] {
        guard !leadIDs.isEmpty else { return [:] }
        struct Row: Decodable {
            let lead_id: UUID; let starts_at: Date; let status: String; let result: String; let enrolment_id: UUID?
        }
        let rows = try await sql.select().columns("lead_id", "starts_at", "status", "result", "enrolment_id").from(
            RecordSpec.trialLessons.table
        )
        .where("lead_id", .in, leadIDs).orderBy("starts_at").all(decoding: Row.self)
        var latest: [UUID: Row] = [:]
        for row in rows where row.status != TrialStatus.cancelled.rawValue { latest[row.lead_id] = row }
        return latest.mapValues { row in
            switch (TrialStatus(rawValue: row.status), TrialResult(rawValue: row.result)) {
            case (_, .accepted?) where row.enrolment_id != nil: Badge(text: "Enrolled", tone: "tone-converted")
            case (_, .salesOffer?): Badge(text: "Offer made", tone: "tone-qualified")
            case (_, .rejected?): Badge(text: "Said no after the trial", tone: "tone-lost")
            case (.attended?, _): Badge(text: "Trial attended", tone: "tone-contacted")
            case (.noShow?, _): Badge(text: "Missed the trial", tone: "tone-overdue")
            default: Badge(text: "Trial \(PageDate.format(row.starts_at))", tone: "tone-new")
            }
        }
    }
}
