import Documents
import Foundation

/// A planned day as files other apps open: a calendar with one event per visit, and a GPX
/// track for navigation and mapping apps.
enum DayRouteFiles {
    static func calendar(_ route: DayRoute, stamp: Date, zone: String) -> String {
        let events = route.stops.compactMap { stop -> CalendarEvent? in
            guard let start = InternetTime.parse(stop.arrivesAt),
                let end = InternetTime.parse(stop.leavesAt)
            else { return nil }
            let begins = start.addingTimeInterval(Double(stop.waitMinutes * 60))
            return CalendarEvent(
                uid: "visit-\(route.day)-\(stop.accountId)@salespulse", start: begins, end: max(end, begins),
                summary: "Visit \(stop.name)",
                description: [stop.address, "Stop \(stop.number) of \(route.stops.count)"].compactMap { $0 }
                    .joined(separator: "\n"))
        }
        return ICalendar.document(events, name: "Visits \(route.day)", stamp: stamp, timeZone: zone)
    }

    static func gpx(_ route: DayRoute) -> String {
        func escape(_ text: String) -> String {
            text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
                .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
        }
        func point(
            _ tag: String, _ latitude: Double, _ longitude: Double, _ name: String, time: String? = nil
        )
            -> String
        {
            "<\(tag) lat=\"\(latitude)\" lon=\"\(longitude)\"><name>\(escape(name))</name>"
                + (time.map { "<time>\($0)</time>" } ?? "") + "</\(tag)>"
        }
        var lines = [
            #"<?xml version="1.0" encoding="UTF-8"?>"#,
            #"<gpx version="1.1" creator="SalesPulse" xmlns="http://www.topografix.com/GPX/1/1">"#,
            "<metadata><name>\(escape("Visits \(route.day)"))</name></metadata>",
        ]
        lines += route.stops.map { point("wpt", $0.latitude, $0.longitude, "\($0.number). \($0.name)") }
        lines.append("<trk><name>\(escape("Route \(route.day)"))</name><trkseg>")
        lines.append(point("trkpt", route.start.latitude, route.start.longitude, route.start.name))
        lines += route.stops.map { point("trkpt", $0.latitude, $0.longitude, $0.name, time: $0.arrivesAt) }
        if let end = route.end { lines.append(point("trkpt", end.latitude, end.longitude, end.name)) }
        lines += ["</trkseg></trk>", "</gpx>"]
        return lines.joined(separator: "\n") + "\n"
    }
}
