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

    private(set) var days: [CalendarDay: Day] = [:]
    /// Leads whose first activity may have moved: their response time counts on the lead's
    /// own day and owner, which the activity does not carry.
    private(set) var respondedLeads: Set<UUID> = []

    var isEmpty: Bool { days.isEmpty && respondedLeads.isEmpty }

    /// Fields whose day places a record in a roll-up, besides its creation.
    private static let dayFields = ["occurredAt", "dueAt", "completedAt", "closedAt", "soldOn", "lessonDay"]

    /// What one record write touches: its owner before and after, on the days its dates name
    /// before and after. Lead writes move their own source's row; a sale's source is a copy
    /// the record does not carry, so sales (and the sales whose copied source a write moved,
    /// `saleDays`) touch every source of their days.
    mutating func add(after spec: RecordSpec, old: [String: FieldValue], new: [String: FieldValue], createdAt: Date,
                      saleDays: Set<CalendarDay> = []) {
        for day in saleDays { days[day, default: Day()].allSources = true }
        guard DailyRollups.sourceTables.contains(spec.table) else { return }
        var reps: Set<UUID> = [], recordDays: Set<CalendarDay> = [CalendarDay(containing: createdAt)], sources: Set<String> = []
        for values in [old, new] {
            if let owner = spec.ownerField, let id = values[owner]?.uuid { reps.insert(id) }
            if spec.table == "leads", let source = values["source"]?.text { sources.insert(source) }
            if spec.table == "activities", let lead = values["leadId"]?.uuid { respondedLeads.insert(lead) }
            for name in Self.dayFields {
                switch values[name] {
                case .date(let date)?: recordDays.insert(CalendarDay(containing: date))
                case .text(let text)?: if let day = CalendarDay(text: text) { recordDays.insert(day) }
                default: break
                }
            }
        }
        for day in recordDays {
            days[day, default: Day()].reps.formUnion(reps)
            days[day, default: Day()].sources.formUnion(sources)
            if DailyRollups.leadSourcedTables.contains(spec.table) { days[day, default: Day()].allSources = true }
        }
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
        return merged
    }

    /// Names of the rows to lock before recounting, one per rep and day, per source and day,
    /// and per day's sources as a whole. A single source's recount shares the whole-day name,
    /// so it waits for a recount of all that day's sources and not for another source's.
    var lockNames: [(name: String, shared: Bool)] {
        var names: [(String, Bool)] = []
        for (day, cell) in days {
            for rep in cell.reps { names.append(("\(day.text) rep \(rep.uuidString)", false)) }
            if cell.touchesSources { names.append(("\(day.text) sources", !cell.allSources)) }
            if !cell.allSources { for source in cell.sources { names.append(("\(day.text) source \(source)", false)) } }
        }
        return names
    }
}
