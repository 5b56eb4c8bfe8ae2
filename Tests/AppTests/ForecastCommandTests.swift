@testable import App
import Forecasting
import Foundation
import SalesPulseCore
import Testing

@Suite("forecast evaluate")
struct ForecastCommandTests {
    private func file(_ text: String) throws -> URL {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("series-\(UUID()).csv")
        try text.write(to: file, atomically: true, encoding: .utf8)
        return file
    }

    @Test func scoresEveryMethodAndTheAutomaticChoiceOnHeldOutMonths() async throws {
        try await withTestApp { app in
            // given five years of monthly sales with a trend and a summer peak, rows out of order and one gap
            var lines = (0..<60).map { index -> String in
                let month = CalendarDay(year: 2021 + index / 12, month: index % 12 + 1, day: 1)!.monthText
                let value = (200 + 3 * Double(index)) * (1 + 0.25 * sin(2 * Double.pi * Double(index) / 12))
                return "\(month),\(index == 20 ? "" : String(format: "%.2f", value))"
            }
            lines.reverse()
            let data = try file("month,sales\n" + lines.joined(separator: "\n") + "\n")
            defer { try? FileManager.default.removeItem(at: data) }
            // when
            let output = try await runCommand(
                app, ["forecast", "evaluate", "--data", data.path, "--date-column", "month", "--value-column", "sales"])
            // then
            let json = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any])
            #expect(json["season"] as? Int == 12, "monthly periods give a twelve-month season")
            #expect(json["points"] as? Int == 60 && json["horizon"] as? Int == 12)
            let methods = try #require(json["methods"] as? [[String: Any]])
            #expect(methods.count == ForecastMethod.allCases.count, "\(methods.map { $0["method"] ?? "" })")
            let automatic = try #require(json["automatic"] as? [String: Any])
            let naive = try #require(methods.first { $0["method"] as? String == "seasonalNaive" })
            let ours = automatic["mase"] as? Double ?? .infinity, theirs = naive["mase"] as? Double ?? 0
            #expect(ours < theirs, "a clean seasonal trend beats last year's months: \(ours) against \(theirs)")
            #expect((automatic["smape"] as? Double ?? 100) < 5)
            #expect(methods.contains { $0["method"] as? String == json["chosen"] as? String })
        }
    }

    @Test func badFilesAndOptionsAreReadableErrors() async throws {
        try await withTestApp { app in
            let data = try file("day,amount\n2026-01-01,5\n2026-01-02,x\n")
            defer { try? FileManager.default.removeItem(at: data) }
            let cases: [([String], String)] = [
                (["--date-column", "day", "--value-column", "revenue"], "There is no column revenue"),
                (["--date-column", "day", "--value-column", "amount"], "Line 3: x is not a number."),
                (["--date-column", "day"], "--value-column is required."),
            ]
            for (options, message) in cases {
                do {
                    _ = try await runCommand(app, ["forecast", "evaluate", "--data", data.path] + options)
                    Issue.record("\(options) should fail")
                } catch let error as DomainError {
                    #expect("\(error)".contains(message) || error.reason.contains(message), "\(error)")
                }
            }
            let short = try file("day,amount\n2026-01-01,5\n2026-01-02,6\n2026-01-03,7\n")
            defer { try? FileManager.default.removeItem(at: short) }
            await #expect(throws: DomainError.self) {
                _ = try await runCommand(
                    app,
                    ["forecast", "evaluate", "--data", short.path, "--date-column", "day", "--value-column", "amount"])
            }
        }
    }
}
