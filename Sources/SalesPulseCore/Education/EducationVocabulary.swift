/// The enumerated values of the education centre (S10).

public enum GroupStatus: String, Vocabulary {
    case planned, running, finished, cancelled

    /// Groups that still hold their room and take students.
    public var isOpen: Bool { self == .planned || self == .running }
}

public enum EnrolmentStatus: String, Vocabulary {
    case active, paused, finished, cancelled

    /// Enrolments that take a seat in the group.
    public var holdsSeat: Bool { self == .active || self == .paused }
}

public enum TrialStatus: String, Vocabulary {
    case scheduled, attended, noShow = "no_show", cancelled
}

public enum TrialResult: String, Vocabulary {
    case pending, salesOffer = "sales_offer", accepted, rejected
}

public enum TeacherClashRule: String, Vocabulary {
    /// A teacher in two groups at once is refused.
    case refuse
    /// It is allowed, and the group's page warns.
    case warn
}
