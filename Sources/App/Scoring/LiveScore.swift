import Foundation

/// A record's score from the values in hand, so a write stores it with the row itself; the
/// active model is read once per transaction.
enum LiveScore {
    static func columns(
        _ scoring: any RecordScoring, _ record: Record, context: RecordContext
    ) async throws -> [String: FieldValue] {
        let model = try await context.lookup("active model \(scoring.kind.rawValue)") {
            try await ModelRegistry(db: context.db).active(scoring.kind).map {
                ActiveModel(forest: $0.forest, version: $0.version)
            }
        }
        return scoring.scoreColumns(record, now: context.now, model: model.map { ($0.forest, $0.version) })
    }
}
