/// The education centre's steps on a lead and the S2 status each moves the lead to: a trial
/// booked, a trial attended, an offer made. Enrolment converts the lead (S2's conversion). The
/// centre sets the mapping; a step mapped to nothing leaves the status alone.
public struct SchoolSteps: Sendable, Equatable {
    public enum Step: String, Sendable, CaseIterable {
        case trialScheduled = "trial_scheduled", trialAttended = "trial_attended", offerMade = "offer_made"

        public var words: String {
            switch self {
            case .trialScheduled: "A trial lesson is booked"
            case .trialAttended: "The trial lesson was attended"
            case .offerMade: "An offer was made after the trial"
            }
        }
    }

    /// The open status each step moves a lead to; absent means it does not move the lead.
    public var statuses: [Step: LeadStatus]

    public static let defaults = SchoolSteps(statuses: [
        .trialScheduled: .contacted, .trialAttended: .qualified, .offerMade: .qualified,
    ])

    public init(statuses: [Step: LeadStatus]) {
        self.statuses = statuses.filter { $0.value.isOpen }
    }

    /// Reads {"trial_scheduled": "contacted", …}; "none" or null leaves a step unmapped. Only
    /// open statuses can be targets: Converted comes from conversion, Lost needs a reason.
    public init(parsing pairs: [String: String?]) throws(FieldError) {
        var statuses: [Step: LeadStatus] = [:]
        for (key, value) in pairs {
            guard let step = Step(rawValue: key) else {
                throw FieldError(
                    field: "schoolSteps.\(key)",
                    message: "Unknown step; use \(Step.allCases.map(\.rawValue).joined(separator: ", ")).")
            }
            guard let value, value != "none", !value.isEmpty else { continue }
            guard let status = LeadStatus(parsing: value), status.isOpen else {
                throw FieldError(field: "schoolSteps.\(key)", message: "Choose new, contacted, qualified or none.")
            }
            statuses[step] = status
        }
        self.init(statuses: statuses)
    }

    /// The status a lead now in `current` moves to when `step` happens: only forward, the way
    /// S2's workflow lets a lead move; nil when it stays.
    public func move(_ current: LeadStatus, on step: Step) -> LeadStatus? {
        guard let target = statuses[step], current.isOpen, target.rank > current.rank else { return nil }
        return target
    }

    /// The mapping as the API writes it, every step present.
    public var pairs: [String: String] {
        Dictionary(uniqueKeysWithValues: Step.allCases.map { ($0.rawValue, statuses[$0]?.rawValue ?? "none") })
    }
}
