import Foundation
import Vapor

/// The planner page's form, in the address so a plan can be bookmarked, exported and saved
/// from the same fields.
struct DayRouteForm: Content {
    var accounts: [String]?
    /// "first", "here" (the position typed or taken from the phone) or an account id.
    var start: String?
    var startLatitude: String?
    var startLongitude: String?
    /// Present when the form was sent; a missing `back` then means a one-way day.
    var planned: String?
    var back: String?
    var day: String?
    var departAt: String?
    var travelMode: String?
    var visitMinutes: String?
    var keepOrder: String?
    /// Preselects accounts: "stale" (not visited for 30 days) or "today" (on today's tasks).
    var pick: String?
    /// The visit just checked in, to say how far from the customer it was.
    var checkedIn: String?
    /// Each customer's hours on the day by account id, "HH:MM": `opens[id]`, `closes[id]`.
    var opens: [String: String]?
    var closes: [String: String]?

    var isPlanning: Bool { !(accounts ?? []).isEmpty }

    func request() throws -> DayRouteRequest {
        let ids = try (accounts ?? []).map { text in
            guard let id = UUID(uuidString: text) else {
                throw DomainError.invalid(field: "accountIds", "Pick accounts from the list.")
            }
            return id
        }
        var place: DayRouteRequest.Place?
        switch start ?? "first" {
        case "first", "": place = nil
        case "here":
            guard let latitude = Double(startLatitude ?? ""), let longitude = Double(startLongitude ?? "") else {
                throw DomainError.invalid(
                    field: "start", "Allow the browser to share your position, or type a latitude and longitude.")
            }
            place = DayRouteRequest.Place(latitude: latitude, longitude: longitude)
        case let text:
            guard let id = UUID(uuidString: text) else {
                throw DomainError.invalid(field: "start", "Choose where the day starts.")
            }
            place = DayRouteRequest.Place(accountId: id)
        }
        var minutes: Int?
        if let text = visitMinutes, !text.isEmpty {
            guard let value = Int(text) else {
                throw DomainError.invalid(field: "visitMinutes", "Give the visit length in whole minutes.")
            }
            minutes = value
        }
        var mode: TravelMode?
        if let text = travelMode, !text.isEmpty {
            guard let value = TravelMode(rawValue: text) else {
                throw DomainError.invalid(field: "travelMode", "Choose car, walking or public transport.")
            }
            mode = value
        }
        return DayRouteRequest(
            accountIds: ids, start: place, returnToStart: planned == nil || back != nil, day: day,
            departAt: departAt.flatMap { $0.isEmpty ? nil : $0 }, travelMode: mode, visitMinutes: minutes,
            windows: try windows(of: ids), keepOrder: keepOrder != nil)
    }

    /// The hours typed for the accounts picked; one end without the other is a mistake to name.
    private func windows(of ids: [UUID]) throws -> [String: DayRouteRequest.Window]? {
        var windows: [String: DayRouteRequest.Window] = [:]
        for id in ids.map(\.uuidString) {
            let from = opens?[id]?.trimmingCharacters(in: .whitespaces) ?? ""
            let until = closes?[id]?.trimmingCharacters(in: .whitespaces) ?? ""
            switch (from.isEmpty, until.isEmpty) {
            case (true, true): continue
            case (false, false): windows[id] = DayRouteRequest.Window(opens: from, closes: until)
            default:
                throw DomainError.invalid(
                    field: from.isEmpty ? "opens" : "closes",
                    "Give both the hour a customer opens and the hour it closes.")
            }
        }
        return windows.isEmpty ? nil : windows
    }

    /// The same form with the accounts in the planned order, kept: what exports and saving send.
    func fixed(order: [UUID]) -> [(String, String)] {
        var fields: [(String, String)] = order.map { ("accounts[]", $0.uuidString) }
        fields += [("planned", "1"), ("keepOrder", "1")]
        if back != nil || planned == nil { fields.append(("back", "1")) }
        for id in order.map(\.uuidString) {
            if let from = opens?[id], !from.isEmpty { fields.append(("opens[\(id)]", from)) }
            if let until = closes?[id], !until.isEmpty { fields.append(("closes[\(id)]", until)) }
        }
        for (name, value) in [
            ("start", start), ("startLatitude", startLatitude), ("startLongitude", startLongitude), ("day", day),
            ("departAt", departAt), ("travelMode", travelMode), ("visitMinutes", visitMinutes),
        ] {
            if let value, !value.isEmpty { fields.append((name, value)) }
        }
        return fields
    }

    func query(order: [UUID]) -> String {
        fixed(order: order).map { name, value in
            "\(name.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? name)=\(value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? value)"
        }.joined(separator: "&")
    }
}
