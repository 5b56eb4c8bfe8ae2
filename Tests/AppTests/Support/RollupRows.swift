@testable import App
import Foundation
import SQLKit
import Vapor

/// Every roll-up row as one line of text, sorted, so two states compare as arrays.
func rollupRows(_ app: Application) async throws -> [String] {
    try await RollupSnapshot.read(app.db.sql).sortedText
}

/// How the kept roll-up rows differ from what a rebuild counts, a line per differing row
/// (the kept rows are replaced by the rebuilt ones). Follow-ups that fell due since their last
/// write are counted first, as the every-minute scan would.
func rollupDifferencesFromRebuild(_ app: Application) async throws -> [String] {
    try await OverdueCatchUp(app: app, now: app.clock.now()).run()
    let kept = try await RollupSnapshot.read(app.db.sql)
    try await DailyRollups(sql: app.db.sql, now: app.clock.now()).rebuild()
    return kept.differences(from: try await RollupSnapshot.read(app.db.sql))
}
