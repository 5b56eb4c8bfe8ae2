import Foundation
@testable import SalesPulseCore
import Testing

@Suite struct JobsAndMailTests {
    @Test func backoffDoublesUpToItsCapAndJittersAroundIt() {
        let backoff = RetryBackoff(base: 10, cap: 300, jitter: 0.2)
        #expect(backoff.delay(afterAttempt: 1, unit: 0.5) == 10)
        #expect(backoff.delay(afterAttempt: 2, unit: 0.5) == 20)
        #expect(backoff.delay(afterAttempt: 4, unit: 0.5) == 80)
        #expect(backoff.delay(afterAttempt: 9, unit: 0.5) == 300)
        #expect(backoff.delay(afterAttempt: 200, unit: 0.5) == 300)
        #expect(backoff.delay(afterAttempt: 1, unit: 0) == 8)
        #expect(abs(backoff.delay(afterAttempt: 1, unit: 0.999_999) - 12) < 0.001)
    }

    @Test func schedulePeriodsNameTheSameTickEverywhere() {
        let at = Date(timeIntervalSince1970: 1_795_040_000)  // 2026-11-18 22:13:20 UTC
        #expect(SchedulePeriod.everyMinute.key(at: at) == "2026-11-18T22:13")
        #expect(SchedulePeriod.everyMinute.key(at: at.addingTimeInterval(39)) == "2026-11-18T22:13")
        #expect(SchedulePeriod.everyMinute.key(at: at.addingTimeInterval(40)) == "2026-11-18T22:14")
        #expect(SchedulePeriod.hourly.key(at: at) == "2026-11-18T22")
        #expect(SchedulePeriod.dailyAt(hour: 2).key(at: at) == "2026-11-18")
        #expect(SchedulePeriod.dailyAt(hour: 23).key(at: at) == nil)
        // Wednesday: this week's Monday run is due whatever the hour
        #expect(SchedulePeriod.mondaysAt(hour: 23).key(at: at) == "week of 2026-11-16")
        let monday = Date(timeIntervalSince1970: 1_795_040_000 - 2 * 86_400 - 20 * 3_600)  // 2026-11-16 02:13 UTC
        #expect(SchedulePeriod.mondaysAt(hour: 7).key(at: monday) == nil)
        #expect(SchedulePeriod.mondaysAt(hour: 2).key(at: monday) == "week of 2026-11-16")
    }

    @Test func reminderOffsetsReadAsPeopleTypeThem() {
        #expect(ReminderOffsets.minutes(nil) == [0])
        #expect(ReminderOffsets.minutes("") == [0])
        #expect(ReminderOffsets.minutes("1d, 2h,15m, 30") == [1_440, 120, 30, 15])
        #expect(ReminderOffsets.minutes("60, 1h") == [60])
        #expect(ReminderOffsets.minutes("soon") == nil)
        #expect(ReminderOffsets.minutes("2w") == nil)
        #expect(ReminderOffsets.minutes("-5") == nil)
    }

    @Test func smtpURLsSayHowToConnect() throws {
        let submission = try SMTPSettings(url: "smtp://sales%40acme.com:s3cr%3At@mail.acme.com:587?starttls=true")
        #expect(submission.host == "mail.acme.com" && submission.port == 587 && submission.security == .startTLS)
        #expect(submission.username == "sales@acme.com" && submission.password == "s3cr:t")
        let implicit = try SMTPSettings(url: "smtps://mail.acme.com")
        #expect(implicit.security == .implicitTLS && implicit.port == 465 && implicit.username == nil)
        let plain = try SMTPSettings(url: "smtp://localhost:2525?verify=false&ca_file=/etc/ca.pem")
        #expect(plain.security == .plain && !plain.verifyCertificates && plain.caFile == "/etc/ca.pem")
        #expect(throws: FieldError.self) { try SMTPSettings(url: "http://mail.acme.com") }
        #expect(throws: FieldError.self) { try SMTPSettings(url: "smtp://mail.acme.com?starttls=maybe") }
    }

    @Test func messagesRenderAsMIMEWithTheirPartsAndAttachments() throws {
        let message = MailMessage(
            messageID: "abc@salespulse.test", from: "SalesPulse <no-reply@salespulse.test>", to: "maria@example.com",
            subject: "Reminder – call Acme", text: "Call Acme today.\n", html: "<p>Call <b>Acme</b> today.</p>",
            attachments: [
                .init(
                    filename: "meeting.ics", contentType: "text/calendar; method=REQUEST; charset=utf-8",
                    data: Data("BEGIN:VCALENDAR".utf8))
            ])
        let text = message.rendered(date: Date(timeIntervalSince1970: 1_795_040_000))
        #expect(text.hasPrefix("Message-ID: <abc@salespulse.test>\r\nDate: Wed, 18 Nov 2026 22:13:20 +0000\r\n"))
        #expect(text.contains("Subject: =?UTF-8?B?\(Data("Reminder – call Acme".utf8).base64EncodedString())?=\r\n"))
        #expect(text.contains("Content-Type: multipart/mixed; boundary=\"=_salespulsemix\""))
        #expect(text.contains("Content-Type: multipart/alternative; boundary=\"=_salespulsealt\""))
        #expect(text.contains(Data("Call Acme today.\n".utf8).base64EncodedString()))
        #expect(text.contains("Content-Disposition: attachment; filename=\"meeting.ics\""))
        #expect(text.hasSuffix("--=_salespulsemix--\r\n"))
        #expect(!text.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
        #expect(text.components(separatedBy: "\r\n").allSatisfy { $0.count <= 998 })
    }
}
