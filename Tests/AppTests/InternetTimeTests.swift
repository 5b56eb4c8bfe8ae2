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
}
