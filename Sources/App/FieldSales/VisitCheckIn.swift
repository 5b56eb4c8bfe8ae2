import FieldRoutes
import Foundation
import SalesPulseCore
import Vapor

/// A rep arriving at a customer: a visit recorded now, with where the phone was, and how far
/// that is from the account so a check-in away from the customer shows.
struct VisitCheckIn {
    struct Position: Content {
        var latitude: Double?
        var longitude: Double?
        var note: String?
    }

    struct Result: Content {
        let activityId: UUID
        let account: String
        let checkedInAt: String
        /// Metres between the phone and the account; nil without both positions.
        let distanceMetres: Int?
        /// Further than `farMetres` from the account.
        let far: Bool

        /// What a stored visit says: the API's answer and the page's sentence read the same.
        init(visit: Record, account: Record) {
            let distance = visit.place.flatMap { here in account.place.map { here.distance(to: $0) } }
            activityId = visit.id
            self.account = account[.name].text ?? "the account"
            checkedInAt = visit[.occurredAt].date.map(InternetTime.format) ?? ""
            distanceMetres = distance.map { Int($0.rounded()) }
            far = (distance ?? 0) > VisitCheckIn.farMetres
        }
    }

    /// Beyond this a check-in is flagged as away from the customer.
    static let farMetres = 500.0

    let req: Request

    func checkIn(at account: Record, _ position: Position) async throws -> Result {
        var values: [String: FieldValue] = [
            "type": .text(ActivityType.visit.rawValue), "subject": .text("Visit \(account[.name].text ?? "customer")"),
            "occurredAt": .date(req.now), "accountId": .uuid(account.id),
        ]
        if let note = position.note, !note.isEmpty {
            // The note becomes the visit's notes, and keeps their limit.
            guard let notes = try? RecordSpec.activities.field("notes")?.parse(text: note) else {
                throw DomainError.invalid(field: "note", "A visit note can be at most 10,000 characters.")
            }
            values["notes"] = notes
        }
        switch (position.latitude, position.longitude) {
        case (let latitude?, let longitude?):
            guard (-90...90).contains(latitude), (-180...180).contains(longitude) else {
                throw DomainError.invalid(field: "latitude", "That position is not a place on Earth.")
            }
            values["latitude"] = .int(Int64((latitude * 1_000_000).rounded()))
            values["longitude"] = .int(Int64((longitude * 1_000_000).rounded()))
        case (nil, nil): break
        default: throw DomainError.invalid(field: "longitude", "Give both latitude and longitude, or neither.")
        }
        let activity = try await RecordStore(spec: .activities, db: req.db).create(
            given: values, context: try await req.recordContext())
        return Result(visit: activity, account: account)
    }

    /// "Checked in at Lakeside Foods, 120 m from the customer."
    static func sentence(_ result: Result) -> String {
        guard let metres = result.distanceMetres else {
            return "Checked in at \(result.account). The phone did not share its position."
        }
        let distance = metres < 1_000 ? "\(metres) m" : String(format: "%.1f km", Double(metres) / 1_000)
        return "Checked in at \(result.account), \(distance) from the customer's address"
            + (result.far ? ". That is far from the customer: check the account's location." : ".")
    }
}
