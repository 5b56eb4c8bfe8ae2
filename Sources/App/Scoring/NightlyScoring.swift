import Foundation
import Vapor

/// Retrains every model and rescores open leads and deals each night at 02:00 UTC, in the
/// serving process. A kind without enough data keeps its fallback and is tried again next night.
struct NightlyScoring: LifecycleHandler {
    private struct TaskKey: StorageKey { typealias Value = Task<Void, Never> }

    static let hour = 2

    static func start(_ app: Application) {
        let task = Task {
            while !Task.isCancelled {
                let now = Date()
                try? await Task.sleep(for: .seconds(nextRun(after: now).timeIntervalSince(now)))
                guard !Task.isCancelled else { return }
                await run(app)
            }
        }
        app.storage[TaskKey.self] = task
        app.lifecycle.use(NightlyScoring())
    }

    static func run(_ app: Application) async {
        let service = ScoringService(db: app.db, now: Date())
        for kind in ModelKind.allCases {
            do {
                let model = try await service.train(kind, by: nil)
                app.logger.notice("Nightly training: \(kind.label) version \(model.version), ROC AUC \(model.metrics.rocAUC)")
            } catch {
                app.logger.notice("Nightly training: \(kind.label) not trained: \(ErrorPayload(error).message)")
                try? await service.rescore(kind)
            }
        }
    }

    static func nextRun(after date: Date) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let today = calendar.date(bySettingHour: hour, minute: 0, second: 0, of: date)!
        return today > date ? today : calendar.date(byAdding: .day, value: 1, to: today)!
    }

    func shutdownAsync(_ application: Application) async {
        application.storage[TaskKey.self]?.cancel()
    }
}
