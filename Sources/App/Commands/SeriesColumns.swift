import Documents
import Foundation
import SalesPulseCore

/// A time series read from two columns of a CSV file, ordered by its period.
struct SeriesColumns {
    let periods: [String]
    /// NaN where the cell is empty.
    let values: [Double]

    init(_ table: CSVTable, date: String?, value: String?) throws {
        func column(_ name: String?, option: String) throws -> Int {
            guard let name else { throw DomainError.invalid(field: option, "--\(option) is required.") }
            guard let index = table.header.firstIndex(where: { $0.trimmingCharacters(in: .whitespaces) == name }) else {
                throw DomainError.invalid(
                    field: option,
                    "There is no column \(name). The columns are: \(table.header.joined(separator: ", ")).")
            }
            return index
        }
        let dateIndex = try column(date, option: "date-column"), valueIndex = try column(value, option: "value-column")
        var rows: [(period: String, value: Double)] = []
        for (offset, row) in table.rows.enumerated() {
            let period = row[dateIndex].trimmingCharacters(in: .whitespaces)
            let text = row[valueIndex].trimmingCharacters(in: .whitespaces)
            if period.isEmpty && text.isEmpty { continue }
            if text.isEmpty {
                rows.append((period, .nan))
            } else if let number = Double(text), number.isFinite {
                rows.append((period, number))
            } else {
                throw DomainError.invalid(field: "value-column", "Line \(offset + 2): \(text) is not a number.")
            }
        }
        let ordered = rows.enumerated().sorted { ($0.element.period, $0.offset) < ($1.element.period, $1.offset) }
        periods = ordered.map(\.element.period)
        values = ordered.map(\.element.value)
    }

    /// 7 for daily data, 52 weekly, 12 monthly, 4 quarterly, otherwise none, from the median
    /// gap between periods written as YYYY-MM-DD or YYYY-MM.
    var inferredSeason: Int {
        let days = periods.compactMap { text -> Int? in
            if let day = CalendarDay(text: String(text.prefix(10))) { return day.number }
            return CalendarDay(text: String(text.prefix(7)) + "-01")?.number
        }
        guard days.count == periods.count, days.count > 2 else { return 1 }
        let gaps = zip(days.dropFirst(), days).map { $0 - $1 }.sorted()
        switch gaps[gaps.count / 2] {
        case ...1: return 7
        case ...8: return 52
        case ...32: return 12
        case ...95: return 4
        default: return 1
        }
    }
}
