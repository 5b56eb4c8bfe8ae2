@testable import App
import Foundation
import Testing

@Suite("Internet time")
struct InternetTimeTests {
    @Test func matchesFoundationsFormatter() {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        var random = SystemRandomNumberGenerator()
        let samples =
            [0, -1, 951_782_400, 1_709_251_199.999, 4_102_444_800.5, -2_208_988_800]
            + (0..<500).map { _ in
                Double(Int64.random(in: -3_000_000_000...5_000_000_000, using: &random)) + Double(
                    Int.random(in: 0...999, using: &random)) / 1000
            }
        for seconds in samples {
            let date = Date(timeIntervalSince1970: seconds)
            #expect(InternetTime.format(date) == formatter.string(from: date), "\(seconds)")
        }
        #expect(InternetTime.page(Date(timeIntervalSince1970: 951_782_400)) == "2000-02-29 00:00 UTC")
        #expect(InternetTime.day(Date(timeIntervalSince1970: 1_709_251_199)) == "2024-02-29")
    }

    @Test func readsWhatItWritesForAnyYearAndAgreesWithFoundationSince1900() throws {
        let plain = ISO8601DateFormatter()
        var random = SystemRandomNumberGenerator()
        for _ in 0..<500 {
            let seconds = Double(Int64.random(in: -62_000_000_000...253_402_300_799, using: &random))
            let date = Date(timeIntervalSince1970: seconds + Double(Int.random(in: 0...999, using: &random)) / 1000)
            let written = InternetTime.format(date)
            let read = try #require(InternetTime.parse(written), "\(written)")
            #expect(InternetTime.format(read) == written)
            #expect(InternetTime.formatSeconds(date) == String(written.prefix(19)) + "Z")
            if seconds >= -2_208_988_800 {
                #expect(
                    plain.date(from: InternetTime.formatSeconds(date))
                        == InternetTime.parse(InternetTime.formatSeconds(date)))
            }
        }
        let known: [(String, Double)] = [
            ("1970-01-01T00:00:00Z", 0), ("2000-02-29T12:30:15.250Z", 951_827_415.25),
            ("2000-02-29T14:30:15+02:00", 951_827_415), ("2000-02-29T10:00:15-0230", 951_827_415),
            ("0075-11-03T10:00:00Z", -59_773_903_200), ("1969-12-31t23:59:59z", -1),
        ]
        for (text, seconds) in known {
            #expect(InternetTime.parse(text)?.timeIntervalSince1970 == seconds, "\(text)")
        }
        for bad in [
            "", "2026-02-29T00:00:00Z", "2026-03-01", "2026-03-01T24:00:00Z", "2026-03-01T09:30:00",
            "2026-03-01T09:30:00.Z", "2026-03-01 09:30:00Z", "2026-03-01T09:30:00Z ", "+2026-03-01T09:30:00Z",
            "2026-03-01T09:30:00+2:00", "２０２６-03-01T09:30:00Z",
        ] {
            #expect(InternetTime.parse(bad) == nil, "\(bad)")
        }
    }
}
