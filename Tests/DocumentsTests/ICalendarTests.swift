@testable import Documents
import Foundation
import Testing

@Suite("iCalendar")
struct ICalendarTests {
    let start = Date(timeIntervalSince1970: 1_800_000_000)

    @Test func writesAValidEventWithEscapingAndFolding() {
        let event = CalendarEvent(
            uid: "task-1@salespulse", start: start, end: start.addingTimeInterval(1800),
            summary: "Call Ana; bring prices, and the contract", description: "Line one\nLine two",
            alarmMinutes: 15)
        let text = ICalendar.document([event], name: "Maria's SalesPulse", stamp: start)
        #expect(text.hasPrefix("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"))
        #expect(text.hasSuffix("END:VCALENDAR\r\n"))
        #expect(text.contains("DTSTART:20270115T080000Z\r\n"))
        #expect(text.contains("SUMMARY:Call Ana\\; bring prices\\, and the contract\r\n"))
        #expect(text.contains("DESCRIPTION:Line one\\nLine two"))
        #expect(text.contains("TRIGGER:-PT15M"))
        for line in text.components(separatedBy: "\r\n") { #expect(line.utf8.count <= 75) }
    }

    @Test func anInvitationAsksItsAttendeesToAccept() {
        let event = CalendarEvent(
            uid: "meeting-1@salespulse", start: start, end: start.addingTimeInterval(3600), summary: "Demo for Kestrel",
            organizer: "crm@salespulse.test", attendees: ["maria@example.com"])
        let text = ICalendar.document([event], name: "SalesPulse", stamp: start, invitation: true)
        #expect(text.contains("METHOD:REQUEST\r\n") && !text.contains("METHOD:PUBLISH"))
        #expect(text.contains("ORGANIZER:mailto:crm@salespulse.test\r\n"))
        let unfolded = text.replacingOccurrences(of: "\r\n ", with: "")
        #expect(
            unfolded.contains(
                "ATTENDEE;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:maria@example.com\r\n"))
        #expect(text.contains("SEQUENCE:0\r\nSTATUS:CONFIRMED\r\n"))
        #expect(ICalendar.document([event], name: "SalesPulse", stamp: start).contains("METHOD:PUBLISH"))
    }

    @Test func foldsLongLinesWithoutSplittingCharacters() {
        let long = String(repeating: "é", count: 100)
        let folded = ICalendar.fold("SUMMARY:" + long)
        let pieces = folded.components(separatedBy: "\r\n ")
        #expect(pieces.count > 1)
        #expect(pieces.joined() == "SUMMARY:" + long)
        #expect(pieces.allSatisfy { $0.utf8.count <= 75 })
    }
}
