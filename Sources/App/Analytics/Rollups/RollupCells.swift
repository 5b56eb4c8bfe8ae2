import Foundation
import SalesPulseCore

/// The roll-up rows a transaction's writes can change, collected as the writes happen and
/// recomputed once before it commits: per day, the reps whose row moves and the lead sources
/// whose row moves (or all of that day's sources, when a write cannot tell which).
struct RollupCells: Sendable, Equatable {
    struct Day: Sendable, Equatable {
        var reps: Set<UUID> = []
        var sources: Set<String> = []
        var allSources = false

        var touchesSources: Bool { allSources || !sources.isEmpty }
    }

    /// An activity that may have been, or may now be, its lead's first: the lead's response time
    /// counts on the lead's own day and owner, which the activity does not carry.
    struct FirstTouch: Sendable, Equatable {
        let lead: UUID
        let activity: UUID
        let at: Date
    }

    private(set) var days: [CalendarDay: Day] = [:]
    /// Leads whose response time a write moved.
    private(set) var respondedLeads: Set<UUID> = []
    /// Activities to check against their lead's others before commit: only the lead's first
    /// one moves its response time.
    private(set) var firstTouches: [FirstTouch] = []

    var isEmpty: Bool { days.isEmpty && respondedLeads.isEmpty && firstTouches.isEmpty }

    /// What one record write leaves to recount: the measures that depend on other rows or on
    /// the clock (`RollupDeltas` moves the rest). A sale's source is a copy the record does not
    /// carry, and trials and enrolments count under their lead's source, so those touch every
    /// source of their days, as do the sales whose copied source a write moved (`saleDays`).
    mutating func add(
        after spec: RecordSpec, id: UUID, old: [String: FieldValue], new: [String: FieldValue], createdAt: Date,
        saleDays: Set<CalendarDay> = []
    ) {
        for day in saleDays { days[day, default: Day()].allSources = true }
        func moved(_ fields: [String]) -> Bool { fields.contains { old[$0] != new[$0] } }
        func owners() -> Set<UUID> {
            Set([old, new].compactMap { values in spec.ownerField.flatMap { values[$0]?.uuid } })
        }
        func dayOf(_ field: String) -> Set<CalendarDay> { Set([old, new].compactMap { RollupDeltas.day($0[field]) }) }
        let created = CalendarDay(containing: createdAt)
        switch spec.table {
        case "leads":
            // A lead's response time moves with its owner, or goes with it. A new lead has no
            // activity yet, so no response time: its first activity recounts it (`firstTouches`).
            if new.isEmpty || (!old.isEmpty && moved(["ownerId"])) {
                days[created, default: Day()].reps.formUnion(owners())
            }
        case "activities":
            guard old.isEmpty || new.isEmpty || moved(["leadId", "occurredAt"]) else { return }
            for values in [old, new] {
                guard let lead = values["leadId"]?.uuid, let at = values["occurredAt"]?.date else { continue }
                firstTouches.append(FirstTouch(lead: lead, activity: id, at: at))
            }
        case "tasks":
            guard [old, new].contains(where: { $0["type"]?.text == TaskType.followUp.rawValue }),
                moved(["type", "dueAt", "status", "completedAt", "assigneeId"])
            else { return }
            for day in dayOf("dueAt") { days[day, default: Day()].reps.formUnion(owners()) }
        case "sales":
            if moved(["soldOn", "amount", "opportunityId"]) {
                for day in dayOf("soldOn") { days[day, default: Day()].allSources = true }
            }
        case "trial_lessons":
            if moved(["lessonDay", "status", "result", "leadId"]) {
                for day in dayOf("lessonDay") { days[day, default: Day()].allSources = true }
            }
        case "enrolments":
            if moved(["leadId"]) { days[created, default: Day()].allSources = true }
        default:
            return
        }
    }

    /// The touches checked: `moved` are the leads whose first activity did move.
    func resolvingFirstTouches(moved: Set<UUID>) -> RollupCells {
        var resolved = self
        resolved.firstTouches = []
        resolved.respondedLeads.formUnion(moved)
        return resolved
    }

    /// Every source and these reps on these days: what housekeeping recounts as the clock moves.
    mutating func add(reps: Set<UUID>, days touched: Set<CalendarDay>) {
        for day in touched {
            days[day, default: Day()].reps.formUnion(reps)
            days[day, default: Day()].allSources = true
        }
    }

    mutating func add(reps: Set<UUID>, on day: CalendarDay) {
        days[day, default: Day()].reps.formUnion(reps)
    }

    mutating func add(source: String, on day: CalendarDay) {
        days[day, default: Day()].sources.insert(source)
    }

    /// Both sets of rows, for locking them together.
    func union(_ other: RollupCells) -> RollupCells {
        var merged = self
        for (day, cell) in other.days {
            merged.days[day, default: Day()].reps.formUnion(cell.reps)
            merged.days[day, default: Day()].sources.formUnion(cell.sources)
            if cell.allSources { merged.days[day, default: Day()].allSources = true }
        }
        merged.respondedLeads.formUnion(other.respondedLeads)
        merged.firstTouches += other.firstTouches
        return merged
    }

    /// Names of the rows to lock before recounting, one per rep and day, per source and day,
    /// and per day's sources as a whole. A single source's recount shares the whole-day name,
    /// so it waits for a recount of all that day's sources and not for another source's.
    /// Deltas (`adding`) share every name: they add up in any order, but not across a recount.
    func lockNames(adding: Bool = false) -> [(name: String, shared: Bool)] {
        var names: [(String, Bool)] = []
        for (day, cell) in days {
            for rep in cell.reps { names.append(("\(day.text) rep \(rep.uuidString)", adding)) }
            if cell.touchesSources { names.append(("\(day.text) sources", adding || !cell.allSources)) }
            if !cell.allSources {
                for source in cell.sources { names.append(("\(day.text) source \(source)", adding)) }
            }
        }
        return names
    }
}
