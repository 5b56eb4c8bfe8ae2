import Foundation
import Vapor

/// What a rep asks of the day planner: the accounts to visit, where the day starts, how they
/// travel, and when each customer can be seen.
struct DayRouteRequest: Content {
    struct Place: Content {
        var accountId: UUID?
        var latitude: Double?
        var longitude: Double?
    }

    struct Window: Content {
        /// "HH:MM" on the day.
        var opens: String
        var closes: String
    }

    var accountIds: [UUID]
    /// Where the day starts: an account, or a position (home, office, where the rep is now).
    /// Absent: at the first account picked.
    var start: Place?
    /// Come back to the start at the end of the day (default true).
    var returnToStart: Bool?
    /// YYYY-MM-DD; today when absent.
    var day: String?
    /// "HH:MM"; 09:00 when absent.
    var departAt: String?
    var travelMode: TravelMode?
    /// Minutes spent at each customer (default 30).
    var visitMinutes: Int?
    /// Time windows by account id.
    var windows: [String: Window]?
    /// Time the accounts in the order given instead of finding the shortest: exporting or
    /// saving a plan already made.
    var keepOrder: Bool?

    static let maximumStops = 100
}

enum TravelMode: String, Content, CaseIterable {
    case car, walking
    case publicTransport = "public_transport"

    var label: String {
        switch self {
        case .car: "Car"
        case .walking: "Walking"
        case .publicTransport: "Public transport"
        }
    }
}
