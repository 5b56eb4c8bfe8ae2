import Foundation
import SalesPulseCore
import SQLKit

/// A trial lesson falls on a real lesson of an open group, for an open lead, and belongs to
/// the lead's owner unless someone else was named. Its result follows the lesson: only an
/// attended trial has one; "accepted" enrols the student, "rejected" needs the reason and
/// closes the lead as lost. Booking, attending and an offer move the lead forward to the
/// statuses the centre maps them to (`SchoolSteps`).
struct TrialRules: RecordRules {
    func validate(_ change: inout RecordChange, context: RecordContext) async throws {
        if change.isCreate { try await checkLead(&change, context: context) }
        if change.isCreate || ["groupId", "startsAt", "lessonDay"].contains(where: change.changed) {
            try await placeOnLesson(&change, context: context)
        }
        try checkResult(change)
    }

    func afterSave(id: UUID, _ change: RecordChange, context: RecordContext) async throws {
        try await moveLead(change, context: context)
        if change.isCreate {
            try await OutboundWebhooks.emit(.trialBooked, resource: .trialLessons, id: id, context: context)
        }
        if change.changed(.status), change[.status].text == TrialStatus.attended.rawValue {
            try await OutboundWebhooks.emit(.trialAttended, resource: .trialLessons, id: id, context: context)
        }
        guard change.changed(.result) else { return }
        switch TrialResult(rawValue: change[.result].text ?? "") {
        case .accepted: try await TrialEnrolment(context: context).enrol(trialID: id, change)
        case .rejected: try await TrialEnrolment(context: context).closeLead(change)
        default: break
        }
    }

    /// Moves the lead forward to the status the centre maps this step to.
    private func moveLead(_ change: RecordChange, context: RecordContext) async throws {
        let step: SchoolSteps.Step
        if change.changed(.result), change[.result].text == TrialResult.salesOffer.rawValue {
            step = .offerMade
        } else if change.changed(.status), change[.status].text == TrialStatus.attended.rawValue {
            step = .trialAttended
        } else if change.isCreate, change[.status].text == TrialStatus.scheduled.rawValue {
            step = .trialScheduled
        } else {
            return
        }
        guard let leadID = change[.leadId].uuid, let lead = try await context.store(.leads).find(leadID),
            let current = LeadStatus(rawValue: lead[.status].text ?? ""),
            let target = try await CompanySettings(sql: context.sql).schoolSteps().move(current, on: step)
        else { return }
        try await context.store(.leads).apply(["status": .text(target.rawValue)], to: lead, context: context)
    }

    private func checkLead(_ change: inout RecordChange, context: RecordContext) async throws {
        guard let leadID = change[.leadId].uuid,
            let lead = try await context.store(.leads).find(leadID)
        else { return }
        guard LeadStatus(rawValue: lead[.status].text ?? "")?.isOpen == true else {
            throw DomainError.invalid(
                field: "leadId",
                "\(lead[.name].text ?? "This lead") is \(lead[.status].text ?? "closed"); trials are for open leads.")
        }
        if !change.sent.contains("ownerId"), let owner = lead[.ownerId].uuid { change[.ownerId] = .uuid(owner) }
    }

    /// Sets the lesson's day, start and end from what the person changed: a new start time,
    /// which must fall inside one of the group's lessons, or else the day (the group's start
    /// time that day).
    private func placeOnLesson(_ change: inout RecordChange, context: RecordContext) async throws {
        guard let groupID = change[.groupId].uuid, let group = try await ScheduledGroup.find(groupID, on: context.sql),
            let schedule = group.schedule
        else { return }
        guard group.isOpen else {
            throw DomainError.invalid(
                field: "groupId", "\(group.name) is \(group.status); choose a planned or running group.")
        }
        let zone = try await CompanySettings(sql: context.sql).timeZone()
        let clock = LessonClock(zone: zone)
        let day: CalendarDay
        if change.changed(.startsAt), let startsAt = change[.startsAt].date {
            let local = clock.local(startsAt)
            guard local.minutes >= schedule.starts.minutes, local.minutes < schedule.ends.minutes else {
                throw DomainError.invalid(
                    field: "startsAt", "\(group.name) meets \(group.when); a trial must fall within a lesson.")
            }
            day = local.day
        } else {
            guard let given = change[.lessonDay].text.flatMap(CalendarDay.init(text:)) else {
                throw DomainError.invalid(field: "lessonDay", "Choose the day of the lesson.")
            }
            day = given
            change[.startsAt] = .date(clock.instant(day, schedule.starts))
        }
        let closed = try await ClosedDays.all(on: context.sql)
        guard schedule.hasLesson(on: day, closed: closed) else {
            let next =
                schedule.lessonDays(closed: closed, from: day).first.map { " The next one is on \($0.words)." } ?? ""
            throw DomainError.invalid(
                field: change.changed(.startsAt) && change.sent.contains("startsAt") ? "startsAt" : "lessonDay",
                "\(group.name) has no lesson on \(day.words) (it meets \(group.when)).\(next)")
        }
        change[.lessonDay] = .text(day.text)
        change[.endsAt] = .date(clock.instant(day, schedule.ends))
    }

    private func checkResult(_ change: RecordChange) throws {
        let status = TrialStatus(rawValue: change[.status].text ?? "") ?? .scheduled
        let result = TrialResult(rawValue: change[.result].text ?? "") ?? .pending
        if change.old?[.enrolmentId].uuid != nil, change.changed(.result) || change.changed(.status) {
            throw DomainError.invalid(
                field: "result", "The student is enrolled from this trial; change the enrolment instead.")
        }
        if result == .accepted || result == .salesOffer, status != .attended {
            throw DomainError.invalid(
                field: "result", "Mark the trial attended before recording an offer or an acceptance.")
        }
        if result == .rejected, (change[.lostReason].text ?? "").trimmingCharacters(in: .whitespaces).isEmpty {
            throw DomainError.invalid(field: "lostReason", "Say why the student said no.")
        }
    }
}

/// The centre's wall clock: lesson days and times are local to the company's time zone.
struct LessonClock: Sendable {
    let zone: TimeZone

    var calendar: Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        return calendar
    }

    /// The wall-clock time on that day, so 18:00 stays 18:00 on the days clocks change.
    func instant(_ day: CalendarDay, _ time: ClockTime) -> Date {
        let wall = Double(day.number) * 86_400 + Double(time.minutes) * 60
        let guess = wall - Double(zone.secondsFromGMT(for: Date(timeIntervalSince1970: wall)))
        return Date(timeIntervalSince1970: wall - Double(zone.secondsFromGMT(for: Date(timeIntervalSince1970: guess))))
    }

    /// The day and minute of the day on the centre's clock; any instant has one, however far
    /// off (a typed year 9999 is past 10000 in a zone east of UTC).
    func local(_ date: Date) -> (day: CalendarDay, minutes: Int) {
        let wall = date.timeIntervalSince1970 + Double(zone.secondsFromGMT(for: date))
        let day = CalendarDay(number: Int(floor(wall / 86_400)))
        return (day, Int(floor((wall - Double(day.number) * 86_400) / 60)))
    }

    func today(_ now: Date) -> CalendarDay { local(now).day }
}
