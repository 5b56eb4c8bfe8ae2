import Fluent
import Foundation
import NIOConcurrencyHelpers
import SalesML
import SalesPulseCore
import SQLKit

/// Versioned models in the database: each training stores a new version with its metrics and
/// makes it the active one; any earlier version can be made active again.
struct ModelRegistry: Sendable {
    let db: any Database
    var sql: any SQLDatabase { db.sql }

    /// Decoded forests are large; keep them per stored row, which never changes.
    private static let cache = NIOLockedValueBox<[UUID: RandomForest]>([:])

    func list() async throws -> [StoredModel] {
        try await sql.select().columns(
            "id", "kind", "version", "algorithm", "features", "metrics", "train_seconds", "train_rows",
            "test_rows", "trained_at", "is_active"
        )
        .from("ml_models").orderBy("kind").orderBy("version", .descending).all().map(Self.decode)
    }

    func store(
        kind: ModelKind, forest: RandomForest, metrics: ClassificationMetrics, trainSeconds: Double, trainRows: Int,
        testRows: Int,
        by userID: UUID?, at now: Date
    ) async throws -> StoredModel {
        try await db.writeTransaction { tx in
            let sql = tx.sql
            let latest = try await sql.select().column(SQLFunction("MAX", args: SQLIdentifier("version")), as: "v")
                .from("ml_models")
                .where("kind", .equal, SQLBind(kind.rawValue)).first()
            let version =
                (try latest.flatMap { try $0.decodeNil(column: "v") ? nil : try $0.decode(column: "v", as: Int.self) }
                    ?? 0) + 1
            let encoder = JSONEncoder()
            encoder.outputFormatting = .sortedKeys
            func text(_ value: some Encodable) throws -> String {
                String(decoding: try encoder.encode(value), as: UTF8.self)
            }
            try await sql.update("ml_models").set("is_active", to: SQLBind(false)).where(
                "kind", .equal, SQLBind(kind.rawValue)
            ).run()
            let id = UUID()
            try await sql.insert(into: "ml_models")
                .columns(
                    "id", "kind", "version", "algorithm", "settings", "features", "metrics", "train_seconds",
                    "train_rows", "test_rows",
                    "trained_at", "trained_by", "is_active", "model"
                )
                .values(
                    SQLBind(id), SQLBind(kind.rawValue), SQLBind(version), SQLBind("random_forest"),
                    SQLBind(try text(forest.settings)),
                    SQLBind(try text(forest.featureNames)), SQLBind(try text(metrics)), SQLBind(trainSeconds),
                    SQLBind(trainRows),
                    SQLBind(testRows), SQLBind(now), userID.map { SQLBind($0) as any SQLExpression } ?? SQLLiteral.null,
                    SQLBind(true),
                    SQLBind(try text(forest))
                )
                .run()
            return StoredModel(
                id: id, kind: kind, version: version, algorithm: "random_forest", featureNames: forest.featureNames,
                metrics: metrics, trainSeconds: trainSeconds, trainRows: trainRows, testRows: testRows, trainedAt: now,
                isActive: true)
        }
    }

    /// Makes `version` the active model of its kind (a rollback, or a roll forward).
    func activate(kind: ModelKind, version: Int) async throws {
        try await db.writeTransaction { tx in
            let sql = tx.sql
            guard
                try await sql.select().column("id").from("ml_models").where("kind", .equal, SQLBind(kind.rawValue))
                    .where("version", .equal, SQLBind(version)).first() != nil
            else {
                throw DomainError.notFound("There is no version \(version) of the \(kind.label) model.")
            }
            try await sql.update("ml_models").set("is_active", to: SQLBind(false)).where(
                "kind", .equal, SQLBind(kind.rawValue)
            ).run()
            try await sql.update("ml_models").set("is_active", to: SQLBind(true)).where(
                "kind", .equal, SQLBind(kind.rawValue)
            )
            .where("version", .equal, SQLBind(version)).run()
        }
    }

    /// The active model of a kind and its version, or nil while none has been trained.
    func active(_ kind: ModelKind) async throws -> (forest: RandomForest, version: Int)? {
        guard
            let row = try await sql.select().columns("id", "version").from("ml_models").where(
                "kind", .equal, SQLBind(kind.rawValue)
            )
            .where("is_active", .equal, SQLBind(true)).first()
        else { return nil }
        let id = try row.decode(column: "id", as: UUID.self)
        let version = try row.decode(column: "version", as: Int.self)
        if let cached = Self.cache.withLockedValue({ $0[id] }) { return (cached, version) }
        guard
            let text = try await sql.select().column("model").from("ml_models").where("id", .equal, SQLBind(id))
                .first()?
                .decode(column: "model", as: String.self)
        else { return nil }
        let forest = try JSONDecoder().decode(RandomForest.self, from: Data(text.utf8))
        Self.cache.withLockedValue { $0[id] = forest }
        return (forest, version)
    }

    static func decode(_ row: any SQLRow) throws -> StoredModel {
        let decoder = JSONDecoder()
        return StoredModel(
            id: try row.decode(column: "id", as: UUID.self),
            kind: ModelKind(rawValue: try row.decode(column: "kind", as: String.self)) ?? .leadScore,
            version: try row.decode(column: "version", as: Int.self),
            algorithm: try row.decode(column: "algorithm", as: String.self),
            featureNames: try decoder.decode(
                [String].self, from: Data(try row.decode(column: "features", as: String.self).utf8)),
            metrics: try decoder.decode(
                ClassificationMetrics.self, from: Data(try row.decode(column: "metrics", as: String.self).utf8)),
            trainSeconds: try row.decode(column: "train_seconds", as: Double.self),
            trainRows: try row.decode(column: "train_rows", as: Int.self),
            testRows: try row.decode(column: "test_rows", as: Int.self),
            trainedAt: try row.decode(column: "trained_at", as: Date.self),
            isActive: try row.decode(column: "is_active", as: Bool.self))
    }
}

/// The active model of a kind with its version, as one value a transaction can keep.
struct ActiveModel: Sendable {
    let forest: RandomForest
    let version: Int
}
