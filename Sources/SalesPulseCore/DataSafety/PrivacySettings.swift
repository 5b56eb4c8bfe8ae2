import Foundation

/// Who answers personal-data requests besides admins, and how long lost leads keep their
/// personal data: a lead lost and untouched for `retentionMonths` is anonymised by the
/// nightly job. Off (nil) until an admin sets it.
public struct PrivacySettings: Sendable, Equatable, Codable {
    /// Roles besides admin that may search, export and erase a person's data.
    public var roles: Set<Role>
    public var retentionMonths: Int?
    /// The admin who last set these; the retention rule removes data in their name.
    public var setBy: UUID?

    public static let defaults = PrivacySettings(roles: [], retentionMonths: nil)
    public static let monthsRange = 1...240

    public init(roles: Set<Role>, retentionMonths: Int?, setBy: UUID? = nil) {
        self.roles = roles.subtracting([.admin])
        self.retentionMonths = retentionMonths
        self.setBy = setBy
    }

    /// Why the months cannot be used, or nil.
    public static func problem(months: Int?) -> String? {
        guard let months else { return nil }
        return monthsRange.contains(months)
            ? nil
            : "Give a number of months from \(monthsRange.lowerBound) to \(monthsRange.upperBound), or leave it empty to keep lost leads."
    }

    /// Lost leads last changed before this moment are due for anonymising; nil when off.
    public func retentionCutoff(now: Date, in zone: TimeZone) -> Date? {
        guard let months = retentionMonths else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        return calendar.date(byAdding: .month, value: -months, to: calendar.startOfDay(for: now))
    }
}
