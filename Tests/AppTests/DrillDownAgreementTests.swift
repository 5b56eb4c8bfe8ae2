@testable import App
import Foundation
import Testing
import Vapor
import VaporTesting

/// Every chart mark on every dashboard opens the records behind it, and for each role the list
/// it opens counts (or sums to) the figure on the mark.
@Suite("Drill-downs agree with their figures", .serialized)
struct DrillDownAgreementTests {
    /// Charts whose marks split a sale by its lines (a category's or product's share of it):
    /// their lists show whole sales, so a sum of lines cannot equal a sum of sales.
    static let splitByLines: Set<String> = ["revenue-by-category", "top-products"]

    struct Mark {
        let chart: String
        let href: String
        let title: String
    }

    @Test(arguments: [CRMCompany.Person.admin, .manager, .repA, .viewer])
    func everyMarkOpensRecordsThatAddUpToIt(person: CRMCompany.Person) async throws {
        try await withTestApp { app in
            _ = try await AnalyticsFixture.make(app)
            let browser = Browser(app)
            #expect(try await browser.signIn("\(person.rawValue.lowercased())@example.com").status == .seeOther)
            var checked = 0
            for kind in Dashboard.Kind.allCases {
                let page = try await browser.get("/dashboards/\(kind.rawValue)").body.string
                for mark in Self.marks(in: page) where !Self.splitByLines.contains(mark.chart) {
                    guard let figure = Self.figure(mark.title) else { continue }
                    let list = try await browser.get(mark.href.replacingOccurrences(of: "&amp;", with: "&"))
                    #expect(list.status == .ok, "\(kind) \(mark.chart) \(mark.title): \(mark.href)")
                    let text = list.body.string
                    switch figure {
                    case .count(let count):
                        #expect(
                            Self.matchCount(text) == count,
                            "\(person) \(kind) \(mark.chart) “\(mark.title)” → \(Self.matchCount(text) ?? -1) rows at \(mark.href)"
                        )
                    case .money(let cents):
                        #expect(
                            Self.matchTotal(text) == cents,
                            "\(person) \(kind) \(mark.chart) “\(mark.title)” → \(Self.matchTotal(text) ?? -1) cents at \(mark.href)"
                        )
                    }
                    #expect(text.contains("class=\"chip\""), "the list says which filters it carries: \(mark.href)")
                    checked += 1
                }
            }
            #expect(checked > 5, "\(person) walked \(checked) marks")
        }
    }

    enum Figure { case count(Int), money(Int64) }

    /// Linked marks of the charts: an SVG <a> around a shape whose <title> is "label: value".
    static func marks(in page: String) -> [Mark] {
        var marks: [Mark] = []
        for figure in page.components(separatedBy: "<figure").dropFirst() {
            guard let idRange = figure.range(of: #"^ class="card chart-card" id="[^"]+""#, options: .regularExpression)
            else { continue }
            let chart = String(String(figure[idRange]).split(separator: "\"")[3])
            for part in figure.components(separatedBy: "<a href=\"").dropFirst() {
                guard let end = part.firstIndex(of: "\""), let titleStart = part.range(of: "<title>"),
                    let titleEnd = part.range(of: "</title>"),
                    let close = part.range(of: "</a>"), titleStart.lowerBound < close.lowerBound
                else { continue }
                let href = String(part[..<end])
                guard href.hasPrefix("/sales?") || href.hasPrefix("/leads?") || href.hasPrefix("/opportunities?") else {
                    continue
                }
                marks.append(
                    Mark(chart: chart, href: href, title: String(part[titleStart.upperBound..<titleEnd.lowerBound])))
            }
        }
        return marks
    }

    /// "North: $1,000" is money, "Won: 3" a count; rates and durations are not list figures.
    static func figure(_ title: String) -> Figure? {
        guard let value = title.split(separator: ":").last?.trimmingCharacters(in: .whitespaces) else { return nil }
        if value.hasPrefix("$") {
            guard let number = Double(value.dropFirst().replacingOccurrences(of: ",", with: "")) else { return nil }
            return .money(Int64((number * 100).rounded()))
        }
        return Int(value.replacingOccurrences(of: ",", with: "")).map(Figure.count)
    }

    static func matchCount(_ page: String) -> Int? {
        guard let range = page.range(of: #"data-match-count="\d+""#, options: .regularExpression) else { return nil }
        return Int(page[range].split(separator: "\"")[1])
    }

    static func matchTotal(_ page: String) -> Int64? {
        guard let range = page.range(of: #"<span data-match-total>[^<]+</span>"#, options: .regularExpression) else {
            return nil
        }
        let text = page[range].replacingOccurrences(of: "<span data-match-total>", with: "").replacingOccurrences(
            of: "</span>", with: "")
        return Double(text.replacingOccurrences(of: ",", with: "")).map { Int64(($0 * 100).rounded()) }
    }
}

@Suite("Category figures add up to revenue")
struct CategoryRevenueTests {
    @Test func whatNoLineAccountsForIsItsOwnSlice() async throws {
        try await withTestApp { app in
            _ = try await AnalyticsFixture.make(app)
            let browser = Browser(app)
            try await browser.signIn("admin@example.com")
            // S1 (1000, Hardware lines) and S2 (500, Services lines) are split by their lines; S4 (400) has none
            let csv = try await browser.get("/dashboards/executive/tables/revenue-by-category.csv").body.string
            let rows = csv.split(separator: "\r\n").dropFirst().map { $0.split(separator: ",") }
            let total = rows.compactMap { Double($0.last ?? "") }.reduce(0, +)
            #expect(total == 1900, "\(csv)")
            #expect(csv.contains("Not split by product,400"))
            #expect(
                try await browser.get("/dashboards/executive").body.string.contains(
                    "<span class=\"tile-value\">$1,900</span>"))
        }
    }
}
