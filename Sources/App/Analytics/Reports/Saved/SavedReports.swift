import Fluent
import Foundation
import SalesPulseCore

/// Keeping, listing and removing saved reports, the same for the page and the API. Anyone may
/// keep reports and send them to themselves; a manager may also send to the people they
/// manage, an admin to anyone. Each recipient's copy is drawn in their own scope.
struct SavedReports: Sendable {
    static let maximumRecipients = 20

    let db: any Database
    let actor: Actor
    let today: CalendarDay

    func create(name: String, parameters: [String: String], recipients: [UUID]) async throws -> SavedReport {
        let name = name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard (1...120).contains(name.count) else {
            throw DomainError.invalid(field: "name", "Give the report a name of up to 120 characters.")
        }
        let request = try SalesReportRequest(parameters: parameters, today: today)
        if let rep = request.filter.repID, let visible = AccessPolicy.visibleOwnerIDs(actor), !visible.contains(rep) {
            throw DomainError.invalid(field: "rep", "No such rep in your team.")
        }
        let unique = Array(Set(recipients)).sorted { $0.uuidString < $1.uuidString }
        guard unique.count <= Self.maximumRecipients else {
            throw DomainError.invalid(field: "weeklyTo", "Send to at most \(Self.maximumRecipients) people.")
        }
        let active = try await User.query(on: db).filter(\.$id ~~ unique).filter(\.$isActive == true).all()
        guard active.count == unique.count else {
            throw DomainError.invalid(field: "weeklyTo", "Choose active users only.")
        }
        for recipient in unique where !mayEmail(recipient) {
            throw DomainError.invalid(
                field: "weeklyTo",
                actor.role == .manager
                    ? "You can send reports to yourself and the people you manage."
                    : "You can send reports only to yourself.")
        }
        let report = SavedReport(
            name: name, ownerID: actor.userID, parameters: request.queryItems.queryString, recipientIDs: unique)
        try await report.save(on: db)
        return report
    }

    func mayEmail(_ user: UUID) -> Bool {
        switch actor.role {
        case .admin: true
        case .manager: user == actor.userID || actor.managedUserIDs.contains(user)
        case .rep, .viewer: user == actor.userID
        }
    }

    func list() async throws -> [SavedReport] {
        try await SavedReport.query(on: db).filter(\.$owner.$id == actor.userID).sort(\.$name).all()
    }

    /// The owner's, or any for an admin; anything else is not found.
    func find(_ id: UUID) async throws -> SavedReport {
        guard let report = try await SavedReport.find(id, on: db),
            report.$owner.id == actor.userID || actor.role == .admin
        else { throw DomainError.notFound("No such saved report.") }
        return report
    }

    func delete(_ id: UUID) async throws {
        try await find(id).delete(on: db)
    }

    static func json(_ report: SavedReport) -> [String: Any] {
        [
            "id": report.id?.uuidString ?? "", "name": report.name, "parameters": report.parameterDictionary,
            "weeklyTo": report.recipientIDs.map(\.uuidString), "lastSentWeek": report.lastSentWeek ?? NSNull(),
        ]
    }
}
