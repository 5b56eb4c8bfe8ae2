@testable import App
import Foundation
import SQLKit
import Vapor

/// Every roll-up row as one line of text, sorted, so two states compare as arrays.
func rollupRows(_ app: Application) async throws -> [String] {
    try await RollupSnapshot.read(app.db.sql).sortedText
}

/// The roll-up rows a rebuild from scratch counts (replacing the kept ones).
func rollupRowsAfterRebuild(_ app: Application) async throws -> [String] {
    try await DailyRollups(sql: app.db.sql, now: app.clock.now()).rebuild()
    return try await rollupRows(app)
}
