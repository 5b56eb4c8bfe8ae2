@testable import App
import SQLKit
import Vapor

/// Sales and deals whose region, segment or lead source copy differs from what the joins give.
func factCopyDisagreements(_ app: Application) async throws -> Int {
    try await FactDimensions(sql: app.db.sql).disagreements().values.reduce(0, +)
}
