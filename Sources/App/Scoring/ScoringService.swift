import Fluent
import Foundation
import SalesML
import SalesPulseCore
import SQLKit

/// Trains lead and deal models, keeps scores up to date, and explains them.
struct ScoringService: Sendable {
    let db: any Database
    let now: Date

    /// Most recent closed rows used for training: enough to learn, quick to train.
    static let trainingSample = 20_000
    static let rescorePage = 500

    var registry: ModelRegistry { ModelRegistry(db: db) }

    func scoring(_ kind: ModelKind) -> (any RecordScoring)? {
        switch kind {
        case .leadScore: LeadScoring()
        case .winProbability: OpportunityScoring()
        case .agentTarget: nil
        }
    }

    /// Trains a new version on closed records, makes it active and, unless told not to, rescores
    /// the open ones.
    func train(_ kind: ModelKind, by userID: UUID?, rescoring: Bool = true) async throws -> StoredModel {
        if kind == .agentTarget { return try await AgentTargetModel(db: db, now: now).train(by: userID) }
        let scoring = scoring(kind)!
        let actor = Actor(userID: userID ?? UUID(), role: .admin)
        let query = try RecordListQuery(
            spec: scoring.spec, sort: "-updatedAt", limit: Self.trainingSample, conditions: scoring.closedConditions)
        let closed = try await RecordLister(spec: scoring.spec, db: db).page(query, actor: actor, now: now).items
        let labels = closed.map(scoring.label)
        let positives = labels.filter { $0 == 1 }.count
        guard closed.count >= kind.minimumRows, positives >= 5, closed.count - positives >= 5 else {
            throw DomainError.invalid(
                field: "kind",
                "\(kind.label) needs at least \(kind.minimumRows) \(kind.rowNoun), with at least 5 of each outcome; there are \(closed.count) (\(positives) positive).\(kind == .leadScore ? " The heuristic score stays in use until then." : "")"
            )
        }
        let data = Dataset(
            featureNames: scoring.featureNames, rows: closed.map { scoring.features($0, now: now) }, labels: labels)
        let fitted = await Self.fitAndEvaluate(data)
        let stored = try await registry.store(
            kind: kind, forest: fitted.forest, metrics: fitted.metrics, trainSeconds: fitted.seconds,
            trainRows: fitted.trainRows, testRows: fitted.testRows, by: userID, at: now)
        if rescoring { try await rescore(kind) }
        return stored
    }

    struct Fitted {
        let forest: RandomForest
        let metrics: ClassificationMetrics
        let seconds: Double
        let trainRows: Int
        let testRows: Int
    }

    /// A forest on a stratified 80%, judged on the other 20%.
    static func fitAndEvaluate(_ data: Dataset) async -> Fitted {
        let split = StratifiedSplit.trainTest(labels: data.labels, testFraction: 0.2, seed: 42)
        let started = Date()
        let forest = await RandomForest.fit(
            data.subset(split.train),
            settings: .init(trees: 100, tree: TreeSettings(maxDepth: 8, minSamplesLeaf: 3), seed: 42))
        let seconds = Date().timeIntervalSince(started)
        let test = data.subset(split.test)
        return Fitted(
            forest: forest,
            metrics: ClassificationMetrics(labels: test.labels, probabilities: forest.probabilities(test)),
            seconds: seconds, trainRows: split.train.count, testRows: split.test.count)
    }

    /// Writes fresh scores on every open record, a page at a time: each page is its own short
    /// transaction, so people's writes wait for one page, not for the whole rescoring. The next
    /// page is read and scored while the last one is written. Returns how many were scored.
    @discardableResult
    func rescore(_ kind: ModelKind) async throws -> Int {
        guard let scoring = scoring(kind) else { return 0 }
        let model = try await registry.active(kind)
        let pages = StoredOrderPages(
            store: RecordStore(spec: scoring.spec, db: db), conditions: scoring.openConditions, size: Self.rescorePage)
        let now = self.now
        @Sendable func scoredPage(after position: StoredOrderPages.Position?) async throws -> ScoredPage {
            let page = try await pages.page(after: position)
            return ScoredPage(
                scores: page.records.map { ($0.id, scoring.scoreColumns($0, now: now, model: model)) }, last: page.last)
        }
        var scored = 0
        var page = try await scoredPage(after: nil)
        while !page.scores.isEmpty {
            let (scores, last) = (page.scores, page.last)
            async let following = scoredPage(after: last)
            try await db.writeTransaction { tx in try await Self.write(scores, of: scoring.spec, on: tx.sql) }
            scored += scores.count
            page = try await following
        }
        return scored
    }

    private struct ScoredPage: Sendable {
        let scores: [(UUID, [String: FieldValue])]
        let last: StoredOrderPages.Position?
    }

    /// Scores are bookkeeping, not a person's change: written straight, not audited, a whole page
    /// in one statement that joins the new values to their rows by id.
    private static func write(
        _ scores: [(UUID, [String: FieldValue])], of spec: RecordSpec, on sql: any SQLDatabase
    ) async throws {
        let scored = scores.filter { !$0.1.isEmpty }
        guard let names = scored.first?.1.keys.sorted() else { return }
        let table = SQLIdentifier(spec.table)
        let assignments = SQLList(
            names.enumerated().map { offset, name in
                SQLBinaryExpression(
                    SQLIdentifier(spec.field(name)!.column), .equal,
                    SQLColumn(SQLIdentifier("column\(offset + 2)"), table: SQLIdentifier("v")))
            })
        let rows = SQLList(
            scored.map { id, columns in
                SQLGroupExpression([SQLBind(id)] + names.map { columns[$0]?.sql ?? SQLLiteral.null })
            })
        try await sql.raw(
            "UPDATE \(table) SET \(assignments) FROM (VALUES \(rows)) AS v WHERE \(table).id = v.column1"
        ).run()
    }
}
