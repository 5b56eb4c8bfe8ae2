import Foundation
import SalesPulseCore
import Vapor

/// The S6 filters, read strictly from the query string: a date range (inclusive days, UTC)
/// and optional region, team, rep, product category, lead source and customer segment.
struct AnalyticsFilter: Sendable, Equatable {
    var from: CalendarDay
    var to: CalendarDay
    var regionID: UUID?
    var teamID: UUID?
    var repID: UUID?
    var productCategoryID: UUID?
    var source: LeadSource?
    var segmentID: UUID?

    static let parameterNames = ["from", "to", "region", "team", "rep", "productCategory", "source", "segment"]
    /// Longest range one request may ask for: ten years of days.
    static let maximumDays = 3660

    init(from: CalendarDay, to: CalendarDay) {
        self.from = from
        self.to = to
    }

    /// Without dates: the last `defaultDays` days up to today.
    init(parameters: [String: String], today: CalendarDay, extra: Set<String> = [], defaultDays: Int = 30) throws {
        if let unknown = parameters.keys.sorted().first(where: {
            !Self.parameterNames.contains($0) && !extra.contains($0)
        }) {
            throw DomainError.invalid(
                field: unknown,
                "Unknown filter. Filters here: \((Self.parameterNames + extra.sorted()).joined(separator: ", ")).")
        }
        func day(_ name: String) throws -> CalendarDay? {
            guard let text = parameters[name], !text.isEmpty else { return nil }
            guard let day = CalendarDay(text: text) else {
                throw DomainError.invalid(field: name, "Enter a date as YYYY-MM-DD.")
            }
            return day
        }
        func id(_ name: String) throws -> UUID? {
            guard let text = parameters[name], !text.isEmpty else { return nil }
            guard let id = UUID(uuidString: text) else { throw DomainError.invalid(field: name, "Not a valid id.") }
            return id
        }
        to = try day("to") ?? today
        from = try day("from") ?? to.adding(days: -(defaultDays - 1))
        guard from <= to else {
            throw DomainError.invalid(field: "from", "The start date must not be after the end date.")
        }
        guard to.number - from.number < Self.maximumDays else {
            throw DomainError.invalid(field: "from", "Ask for at most \(Self.maximumDays) days at a time.")
        }
        regionID = try id("region")
        teamID = try id("team")
        repID = try id("rep")
        productCategoryID = try id("productCategory")
        segmentID = try id("segment")
        if let text = parameters["source"], !text.isEmpty {
            guard let source = LeadSource(parsing: text) else {
                throw DomainError.invalid(field: "source", "Choose one of: \(LeadSource.allowedList).")
            }
            self.source = source
        }
    }

    init(request: Request, extra: Set<String> = [], defaultDays: Int = 30) throws {
        try self.init(
            parameters: try request.query.decode([String: String].self), today: CalendarDay(containing: request.now),
            extra: extra,
            defaultDays: defaultDays)
    }

    var dayCount: Int { to.number - from.number + 1 }

    /// The period of the same length just before this one.
    var previous: AnalyticsFilter {
        var previous = self
        previous.to = from.adding(days: -1)
        previous.from = previous.to.adding(days: -(dayCount - 1))
        return previous
    }

    var startInstant: Date { from.date }
    /// The first instant after the range.
    var endInstant: Date { to.adding(days: 1).date }

    /// The filters as query items, for links that keep them (dashboards, drill-down).
    var queryItems: [(String, String)] {
        var items = [("from", from.text), ("to", to.text)]
        for (name, value) in [
            ("region", regionID?.uuidString), ("team", teamID?.uuidString), ("rep", repID?.uuidString),
            ("productCategory", productCategoryID?.uuidString), ("source", source?.rawValue),
            ("segment", segmentID?.uuidString),
        ] {
            if let value { items.append((name, value)) }
        }
        return items
    }
}

extension Array where Element == (String, String) {
    /// "a=1&b=2", percent-encoded.
    var queryString: String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: allowed) ?? $0.1)" }.joined(
            separator: "&")
    }
}
