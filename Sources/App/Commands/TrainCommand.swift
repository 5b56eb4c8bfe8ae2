import Vapor

/// `train`: trains the models (all, or one kind) and prints each new version's metrics.
struct TrainCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "kind", help: "lead_score, win_probability, agent_target, or all (default).")
        var kind: String?
    }

    var help: String {
        "Trains lead scoring, win probability and agent target models on the data so far and activates them."
    }

    func run(using context: CommandContext, signature: Signature) async throws {
        let kinds: [ModelKind]
        if let text = signature.kind, text != "all" {
            guard let kind = ModelKind(rawValue: text) else {
                throw DomainError.invalid(
                    field: "kind", "Use \(ModelKind.allCases.map(\.rawValue).joined(separator: ", ")) or all.")
            }
            kinds = [kind]
        } else {
            kinds = ModelKind.allCases
        }
        let app = context.application
        try await app.autoMigrate()
        var failures = 0
        for kind in kinds {
            do {
                let service = ScoringService(db: app.db, now: Date())
                let model = try await service.train(kind, by: nil, rescoring: false)
                context.console.print(
                    "\(kind.label): version \(model.version), ROC AUC \(String(format: "%.3f", model.metrics.rocAUC)), accuracy \(String(format: "%.3f", model.metrics.accuracy)), trained on \(model.trainRows) rows in \(String(format: "%.1f", model.trainSeconds)) s"
                )
                let started = Date()
                let scored = try await service.rescore(kind)
                if scored > 0 {
                    let seconds = Date().timeIntervalSince(started)
                    context.console.print(
                        "\(kind.label): rescored \(scored) open \(kind.scoredNoun) in \(String(format: "%.1f", seconds)) s (\(Int(Double(scored) / max(seconds, 0.001))) a second)"
                    )
                }
            } catch let error as DomainError {
                failures += 1
                context.console.print("\(kind.label): not trained. \(error.reason)")
            }
        }
        if failures == kinds.count { throw DomainError.conflict(field: nil, message: "No model could be trained.") }
    }
}
