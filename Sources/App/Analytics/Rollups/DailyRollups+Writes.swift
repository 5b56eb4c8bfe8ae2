import Foundation
import SalesPulseCore
import SQLKit

extension DailyRollups {
    /// Fields whose day places a record in a roll-up, besides its creation.
    private static let dayFields = ["occurredAt", "dueAt", "completedAt", "closedAt", "soldOn"]

    /// Refreshes what one record write can change: its owner before and after, on the days
    /// its dates name before and after, and the days of other sales whose lead source the write
    /// moved (FactDimensions). Runs inside the write's transaction.
    func refresh(after spec: RecordSpec, old: [String: FieldValue], new: [String: FieldValue], createdAt: Date?,
                 saleDays: Set<CalendarDay> = []) async throws {
        guard Self.sourceTables.contains(spec.table) || !saleDays.isEmpty else { return }
        var reps: Set<UUID> = [], days = saleDays.union([CalendarDay(containing: createdAt ?? now)])
        for values in [old, new] {
            if let owner = spec.ownerField, let id = values[owner]?.uuid { reps.insert(id) }
            for name in Self.dayFields {
                switch values[name] {
                case .date(let date)?: days.insert(CalendarDay(containing: date))
                case .text(let text)?: if let day = CalendarDay(text: text) { days.insert(day) }
                default: break
                }
            }
        }
        try await refresh(reps: reps, days: days)
    }
}
