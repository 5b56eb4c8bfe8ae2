import Foundation

/// One event of an iCalendar (RFC 5545) file: a follow-up, task, meeting or trial.
public struct CalendarEvent: Sendable, Equatable {
    public let uid: String
    public let start: Date
    public let end: Date
    public let summary: String
    public let description: String?
    public let url: String?
    /// Minutes before the start at which calendar apps should remind.
    public let alarmMinutes: Int?
    /// For an invitation: who invites, and the invited people's email addresses.
    public let organizer: String?
    public let attendees: [String]

    public init(
        uid: String, start: Date, end: Date, summary: String, description: String? = nil, url: String? = nil,
        alarmMinutes: Int? = nil,
        organizer: String? = nil, attendees: [String] = []
    ) {
        self.uid = uid
        self.start = start
        self.end = end
        self.summary = summary
        self.description = description
        self.url = url
        self.alarmMinutes = alarmMinutes
        self.organizer = organizer
        self.attendees = attendees
    }
}

/// Writes iCalendar files that Google, Outlook and Apple calendars accept: CRLF line ends,
/// escaped text, lines folded at 75 octets, times in UTC.
public enum ICalendar {
    /// `timeZone` names the reader's zone for calendar apps that show it; times stay in UTC,
    /// which every app converts correctly.
    /// `invitation` makes it a METHOD:REQUEST that mail and calendar apps offer to accept.
    public static func document(
        _ events: [CalendarEvent], name: String, stamp: Date, timeZone: String? = nil, invitation: Bool = false
    ) -> String {
        var lines = [
            "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//SalesPulse//SalesPulse CRM//EN", "CALSCALE:GREGORIAN",
            invitation ? "METHOD:REQUEST" : "METHOD:PUBLISH", "X-WR-CALNAME:\(escape(name))",
        ]
        if let timeZone { lines.append("X-WR-TIMEZONE:\(escape(timeZone))") }
        for event in events {
            lines += [
                "BEGIN:VEVENT", "UID:\(escape(event.uid))", "DTSTAMP:\(utc(stamp))", "DTSTART:\(utc(event.start))",
                "DTEND:\(utc(event.end))", "SUMMARY:\(escape(event.summary))",
            ]
            if let description = event.description { lines.append("DESCRIPTION:\(escape(description))") }
            if let url = event.url { lines.append("URL:\(url)") }
            if let organizer = event.organizer { lines.append("ORGANIZER:mailto:\(organizer)") }
            for attendee in event.attendees {
                lines.append("ATTENDEE;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:\(attendee)")
            }
            if invitation { lines += ["SEQUENCE:0", "STATUS:CONFIRMED"] }
            if let minutes = event.alarmMinutes {
                lines += [
                    "BEGIN:VALARM", "ACTION:DISPLAY", "DESCRIPTION:\(escape(event.summary))", "TRIGGER:-PT\(minutes)M",
                    "END:VALARM",
                ]
            }
            lines.append("END:VEVENT")
        }
        lines.append("END:VCALENDAR")
        return lines.map(fold).joined(separator: "\r\n") + "\r\n"
    }

    static func utc(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let p = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return String(format: "%04d%02d%02dT%02d%02d%02dZ", p.year!, p.month!, p.day!, p.hour!, p.minute!, p.second!)
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: ";", with: "\\;")
            .replacingOccurrences(of: ",", with: "\\,").replacingOccurrences(of: "\r\n", with: "\\n")
            .replacingOccurrences(of: "\n", with: "\\n")
    }

    /// Splits a line into 75-octet pieces, never inside a UTF-8 character.
    static func fold(_ line: String) -> String {
        var pieces: [String] = []
        var current = ""
        var octets = 0
        for character in line {
            let size = String(character).utf8.count
            if octets + size > (pieces.isEmpty ? 75 : 74) {
                pieces.append(current)
                current = ""
                octets = 0
            }
            current.append(character)
            octets += size
        }
        pieces.append(current)
        return pieces.joined(separator: "\r\n ")
    }
}
