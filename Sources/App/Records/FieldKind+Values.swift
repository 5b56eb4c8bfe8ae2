import Foundation
import SalesPulseCore
import SQLKit

/// Converting a field's values between the API (JSON, query strings), the database and output.
extension FieldSpec {
    /// Validates one JSON input; null clears the field.
    func parse(_ input: JSONInput) throws -> FieldValue {
        if input == .null { return .null }
        switch kind {
        case .text, .email, .phone, .url, .day, .instant, .choice, .reference:
            guard case .string(let text) = input else { throw invalid("Expected text.") }
            return try parse(text: text)
        case .integer(let range):
            guard case .integer(let value) = input, range.contains(value) else {
                throw invalid("Expected a whole number from \(range.lowerBound) to \(range.upperBound).")
            }
            return .int(value)
        case .percent:
            guard case .integer(let value) = input, (0...100).contains(value) else {
                throw invalid("Expected a whole number from 0 to 100.")
            }
            return .int(value)
        case .money:
            guard let value = input.asDouble else { throw invalid("Expected an amount of at least 0.") }
            return .int(try MoneyAmount(decimal: value, field: name).cents)
        case .coordinate(let range):
            guard let value = input.asDouble, range.contains(value) else {
                throw invalid("Expected a number from \(range.lowerBound) to \(range.upperBound).")
            }
            return .int(Int64((value * 1_000_000).rounded()))
        case .bool:
            guard case .bool(let value) = input else { throw invalid("Expected true or false.") }
            return .bool(value)
        case .json:
            guard case .object = input else { throw invalid("Expected a JSON object.") }
            let data = try JSONSerialization.data(withJSONObject: input.foundation, options: [.sortedKeys])
            return .text(String(decoding: data, as: UTF8.self))
        }
    }

    /// Validates a textual value, as typed in a query string or sent as a JSON string.
    func parse(text raw: String) throws -> FieldValue {
        let text = raw.trimmed
        if text.isEmpty { return .null }
        switch kind {
        case .text(let max):
            guard text.count <= max else { throw invalid("Use at most \(max) characters.") }
            return .text(text)
        case .email:
            return .text(try EmailAddress(text, field: name).value)
        case .phone:
            return .text(try PhoneNumber(text, field: name).value)
        case .url:
            let lower = text.lowercased()
            guard text.count <= 500, !text.contains(" "),
                lower.hasPrefix("http://") || lower.hasPrefix("https://") || !text.contains(":")
            else {
                throw invalid("Enter a web address like https://example.com.")
            }
            return .text(lower.hasPrefix("http") ? text : "https://" + text)
        case .day:
            guard Self.isCalendarDay(text) else { throw invalid("Enter a date as YYYY-MM-DD.") }
            return .text(text)
        case .instant:
            guard let date = InternetTime.parse(text) else {
                throw invalid("Enter a date and time in ISO 8601, like 2026-03-01T09:30:00Z.")
            }
            return .date(date)
        case .choice(let options):
            let key = String(text.lowercased().map { $0 == " " || $0 == "-" ? "_" : $0 })
            guard options.contains(key) else { throw invalid("Choose one of: \(options.joined(separator: ", ")).") }
            return .text(key)
        case .reference:
            guard let id = UUID(uuidString: text) else { throw invalid("Not a valid id.") }
            return .uuid(id)
        case .bool:
            switch text.lowercased() {
            case "true", "yes", "y", "1": return .bool(true)
            case "false", "no", "n", "0": return .bool(false)
            default: throw invalid("Use true or false.")
            }
        case .integer, .percent, .money, .coordinate:
            guard let number = Double(text) else { throw invalid("Expected a number.") }
            let input: JSONInput =
                number.rounded() == number && abs(number) < 9e15 ? .integer(Int64(number)) : .number(number)
            return try parse(input)
        case .json:
            throw invalid("Cannot be given as text.")
        }
    }

    /// Reads the field from a database row. SQLite keeps ids as text, and reading them as text
    /// skips the generic decoder, which costs far more than the read itself.
    func decode(_ row: any SQLRow, idsAsText: Bool = false) throws -> FieldValue {
        guard !(try row.decodeNil(column: column)) else { return .null }
        switch kind {
        case .text, .email, .phone, .url, .day, .choice, .json:
            return .text(try row.decode(column: column, as: String.self))
        case .integer, .money, .percent, .coordinate:
            return .int(try row.decode(column: column, as: Int64.self))
        case .bool:
            return .bool(try row.decode(column: column, as: Bool.self))
        case .instant:
            return .date(try row.decode(column: column, as: Date.self))
        case .reference:
            if idsAsText, let id = UUID(uuidString: try row.decode(column: column, as: String.self)) {
                return .uuid(id)
            }
            return .uuid(try row.decode(column: column, as: UUID.self))
        }
    }

    /// The value as the API shows it.
    func output(_ value: FieldValue) -> Any {
        switch (kind, value) {
        case (_, .null): NSNull()
        case (.money, .int(let cents)): Double(cents) / 100
        case (.coordinate, .int(let micro)): Double(micro) / 1_000_000
        case (.json, .text(let text)): (try? JSONSerialization.jsonObject(with: Data(text.utf8))) ?? NSNull()
        default: value.json
        }
    }

    func invalid(_ message: String) -> DomainError {
        .invalid(field: name, message)
    }

    static func isCalendarDay(_ text: String) -> Bool {
        let parts = text.split(separator: "-")
        guard text.count == 10, parts.count == 3, let year = Int(parts[0]), let month = Int(parts[1]),
            let day = Int(parts[2]),
            (1900...2200).contains(year), (1...12).contains(month)
        else { return false }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let range = calendar.range(
            of: .day, in: .month, for: calendar.date(from: DateComponents(year: year, month: month))!)!
        return range.contains(day)
    }
}
