import Foundation
import SalesPulseCore

/// What may be set on a user, already parsed from a form, JSON or the command line.
/// A nil field in an update leaves the stored value alone.
struct UserInput: Sendable {
    var email: String?
    var name: String?
    var password: String?
    var role: String?
    var teamID: UUID??
    var managerID: UUID??
    var managerEmail: String?
    var teamName: String?
    var monthlyTarget: MoneyAmount?
    var isActive: Bool?
    /// The last day of leave as YYYY-MM-DD; `.some(nil)` ends it, nil leaves it alone.
    var awayUntil: String??
}
