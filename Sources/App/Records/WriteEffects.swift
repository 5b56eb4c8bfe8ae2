import Fluent
import Foundation
import NIOConcurrencyHelpers
import SalesPulseCore
import SQLKit

/// What a transaction's writes leave to do once, just before it commits: the roll-up rows they
/// moved, added up (or recounted after the last write) however many nested writes touched them.
final class WriteEffects: Sendable {
    private let rollups = NIOLockedValueBox(RollupCells())
    private let deltas = NIOLockedValueBox(RollupDeltas())
    private let lookups = NIOLockedValueBox([String: any Sendable]())

    /// A read that many writes of one transaction repeat (custom field definitions, whether a
    /// user exists), done once for the transaction: a batch of an import asks it hundreds of times.
    func lookup<T: Sendable>(_ key: String, _ read: () async throws -> T) async throws -> T {
        // Unwrapped first: a missing key cast to an optional `T` would pass as a kept nil.
        if let known = lookups.withLockedValue({ $0[key] }), let value = known as? T { return value }
        let value = try await read()
        lookups.withLockedValue { $0[key] = value }
        return value
    }

    func forget(_ key: String) { _ = lookups.withLockedValue { $0.removeValue(forKey: key) } }

    /// One record written: `old` is empty for a new record, `new` for a deleted one.
    /// `saleDays` are the days of sales whose copied lead source the write moved.
    func recordWrite(
        _ spec: RecordSpec, id: UUID, old: [String: FieldValue], new: [String: FieldValue], createdAt: Date,
        saleDays: Set<CalendarDay> = []
    ) {
        guard DailyRollups.sourceTables.contains(spec.table) || !saleDays.isEmpty else { return }
        deltas.withLockedValue { $0.add(after: spec, old: old, new: new, createdAt: createdAt) }
        rollups.withLockedValue {
            $0.add(after: spec, id: id, old: old, new: new, createdAt: createdAt, saleDays: saleDays)
        }
    }

    fileprivate func apply(on db: any Database, now: Date) async throws {
        let cells = rollups.withLockedValue { cells in
            defer { cells = RollupCells() }
            return cells
        }
        let moves = deltas.withLockedValue { deltas in
            defer { deltas = RollupDeltas() }
            return deltas
        }
        guard !cells.isEmpty || !moves.isEmpty else { return }
        try await DailyRollups(sql: db.sql, now: now).refresh(cells, deltas: moves)
    }
}

extension RecordContext {
    /// `read` once per transaction when inside one, else every time.
    func lookup<T: Sendable>(_ key: String, _ read: () async throws -> T) async throws -> T {
        guard let effects else { return try await read() }
        return try await effects.lookup(key, read)
    }

    /// Runs writes as one transaction on `db`. A write inside another one joins it; the
    /// outermost applies what they all collected just before it commits.
    func transaction<T: Sendable>(
        on db: any Database,
        _ body: @escaping @Sendable (RecordContext, WriteEffects) async throws -> T
    ) async throws -> T {
        try await db.writeTransaction { tx in
            var context = self.on(tx)
            if let effects = context.effects { return try await body(context, effects) }
            let effects = WriteEffects()
            context.effects = effects
            let result = try await body(context, effects)
            try await effects.apply(on: tx, now: context.now)
            return result
        }
    }
}
