import Foundation
import Vapor

/// Retrains every model and rescores open leads and deals each night at 02:00 UTC, as a
/// scheduled job. A kind without enough data keeps its fallback and is tried again next night.
enum NightlyScoring {
    static let hour = 2
    static let jobKind = "scoring.nightly"

    static func register(_ app: Application) {
        app.jobHandlers.register(jobKind) { context in await run(context.app) }
    }

    static func run(_ app: Application) async {
        let service = ScoringService(db: app.db, now: app.clock.now())
        for kind in ModelKind.allCases {
            do {
                let model = try await service.train(kind, by: nil)
                app.logger.notice(
                    "Nightly training: \(kind.label) version \(model.version), ROC AUC \(model.metrics.rocAUC)")
            } catch {
                app.logger.notice("Nightly training: \(kind.label) not trained: \(ErrorPayload(error).message)")
                _ = try? await service.rescore(kind)
            }
        }
    }
}
