import Fluent
import Foundation
import SalesPulseCore

final class User: Model, @unchecked Sendable {
    static let schema = "users"

    // identity
    @ID(key: .id) var id: UUID?
    @Field(key: "email") var email: String
    @Field(key: "name") var name: String
    @Field(key: "password_hash") var passwordHash: String

    // relations
    @OptionalParent(key: "team_id") var team: Team?
    @OptionalParent(key: "manager_id") var manager: User?

    // data
    @Field(key: "role") var role: Role
    @Field(key: "is_active") var isActive: Bool
    @Field(key: "monthly_target_cents") var monthlyTargetCents: Int64
    /// Bumped on password change, reset and deactivation; sessions carrying an older value end.
    @Field(key: "session_version") var sessionVersion: Int
    @OptionalField(key: "last_login_at") var lastLoginAt: Date?
    /// The secret in the user's private calendar feed URL; regenerating it retires the old URL.
    @OptionalField(key: "calendar_token") var calendarToken: String?
    /// An IANA zone ("Europe/Berlin") pages use for this user; nil follows the company's.
    @OptionalField(key: "time_zone") var timeZone: String?
    /// The last day of their leave (YYYY-MM-DD); leads that arrive by themselves pass them by.
    @OptionalField(key: "away_until") var awayUntil: String?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}

    init(
        id: UUID? = nil, email: EmailAddress, name: String, passwordHash: String, role: Role,
        teamID: UUID? = nil, managerID: UUID? = nil, monthlyTarget: MoneyAmount = MoneyAmount(cents: 0)
    ) {
        self.id = id
        self.email = email.value
        self.name = name
        self.passwordHash = passwordHash
        self.role = role
        self.$team.id = teamID
        self.$manager.id = managerID
        self.isActive = true
        self.monthlyTargetCents = monthlyTarget.cents
        self.sessionVersion = 1
    }

    var monthlyTarget: MoneyAmount { MoneyAmount(cents: monthlyTargetCents) }

    /// A user's own account row, seen by the policy as a record they own in their team.
    func isAway(on today: CalendarDay) -> Bool {
        awayUntil.flatMap(CalendarDay.init(text:)).map { today <= $0 } ?? false
    }

    var recordScope: RecordScope { RecordScope(ownerID: id, teamID: $team.id) }
}
