import Foundation

/// Dates as pages show them: UTC, minute precision, unambiguous in every locale.
enum PageDate {
    static func format(_ date: Date) -> String { InternetTime.page(date) }
}
