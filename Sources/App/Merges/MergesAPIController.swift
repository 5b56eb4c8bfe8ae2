import Foundation
import SalesPulseCore
import Vapor

/// /api/v1/{leads,contacts,accounts}/duplicates, …/{id}/merge and /api/v1/merges/{id}/undo.
struct MergesAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        for spec in DuplicatePairs.types {
            routes.get(PathComponent(stringLiteral: spec.path), "duplicates") { req in
                try await Self.duplicates(req, spec: spec)
            }
            routes.post(PathComponent(stringLiteral: spec.path), ":id", "merge") { req in
                try await Self.merge(req, spec: spec)
            }
        }
        routes.post("merges", ":mergeID", "undo", use: Self.undo)
    }

    struct MergeBody: Content, StrictBody {
        var otherId: UUID?
        enum CodingKeys: String, CodingKey, CaseIterable { case otherId }
    }

    static func duplicates(_ req: Request, spec: RecordSpec) async throws -> Response {
        try await req.authorize(.update, spec.policy)
        let pairs = try await DuplicatePairs(spec: spec, db: req.db, actor: try await req.actor()).find()
        return try RecordJSON.response([
            "items": pairs.map { pair in
                [
                    "keep": RecordJSON.object(pair.keep, spec: spec),
                    "other": RecordJSON.object(pair.other, spec: spec),
                    "reason": pair.reason.rawValue, "reasonText": ImportDuplicates.words(pair.reason, spec: spec),
                    "score": pair.score,
                ] as [String: Any]
            }
        ])
    }

    static func merge(_ req: Request, spec: RecordSpec) async throws -> Response {
        let kept = try await req.visibleRecord(spec, for: .update)
        guard let other = try req.decodeStrict(MergeBody.self).body.otherId else {
            throw DomainError.invalid(field: "otherId", "Name the \(spec.label) to merge into this one.")
        }
        let merge = try await RecordMerge(spec: spec, context: try await req.recordContext()).merge(
            keep: kept.id, remove: other)
        let record = try await RecordStore(spec: spec, db: req.db).find(kept.id)!
        return try RecordJSON.response([
            "merge": [
                "id": merge.id.uuidString, "keptId": merge.keptId.uuidString, "removedId": merge.removedId.uuidString,
            ],
            "record": RecordJSON.object(record, spec: spec),
        ])
    }

    @Sendable static func undo(_ req: Request) async throws -> Response {
        let merge = try await req.visibleMerge()
        try await RecordMerge(spec: RecordCatalog.spec(path: merge.recordType)!, context: try await req.recordContext())
            .undo(merge)
        return try RecordJSON.response(["id": merge.id.uuidString, "restoredId": merge.removedId.uuidString])
    }
}

extension Request {
    /// The merge named by :mergeID, if the person made it or is an admin.
    func visibleMerge() async throws -> RecordMerge.Stored {
        let actor = try await actor()
        guard let id = parameters.get("mergeID", as: UUID.self), let merge = try await RecordMerge.find(id, on: db.sql),
            merge.userId == actor.userID || actor.role == .admin
        else { throw DomainError.notFound("No such merge.") }
        return merge
    }
}
