import FieldRoutes
import Foundation
import SalesPulseCore
import Vapor

/// A planned day of visits as the pages and the API show it.
struct DayRoute: Content {
    struct Place: Content {
        let name: String
        let latitude: Double
        let longitude: Double
    }

    struct Stop: Content {
        let number: Int
        let accountId: UUID
        let name: String
        let address: String?
        let latitude: Double
        let longitude: Double
        let arrivesAt: String
        let leavesAt: String
        let waitMinutes: Int
        let lateMinutes: Int
        /// Why the customer cannot be seen in their window, in words; nil when on time.
        let problem: String?
        let kilometresFromPrevious: Double
        let minutesFromPrevious: Int
        /// Opens the stop in the phone's maps app.
        let mapsLink: String
    }

    let day: String
    let travelMode: TravelMode
    let start: Place
    /// Where the day ends; nil when it ends at the last visit.
    let end: Place?
    let stops: [Stop]
    let totalKilometres: Double
    let travelMinutes: Int
    let visitMinutes: Int
    let finishesAt: String
    let pickedOrderKilometres: Double
    let pickedOrderMinutes: Int
    /// True when no shorter order exists (days of up to 10 visits are solved exactly).
    let shortestPossible: Bool
    /// Where distances and times came from: the routing server's roads, or the estimate from
    /// straight lines, the road factor and the average speed.
    let distancesFrom: DistanceSource

    enum DistanceSource: String, Content {
        case roads, estimate
    }

    var savedMinutes: Int { max(0, pickedOrderMinutes - travelMinutes) }
    var order: [UUID] { stops.map(\.accountId) }
}
