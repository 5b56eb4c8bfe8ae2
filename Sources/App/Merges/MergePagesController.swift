import Foundation
import SalesPulseCore
import Vapor

/// The duplicates page of leads, contacts and accounts: likely pairs side by side with why
/// they look alike, a merge button for each, and undo for the merge just made.
struct MergePagesController: RouteCollection {
    struct Page: Encodable {
        struct Side: Encodable {
            let id: String
            let name: String
            let href: String
            let details: String
            let created: String
        }

        struct Pair: Encodable {
            let keep: Side
            let other: Side
            let reason: String
            let score: String
        }

        let nav: Navigation
        let title: String
        let lowerTitle: String
        let path: String
        let pairs: [Pair]
        let notice: String?
        let message: String?
        let undoMergeID: String?
    }

    func boot(routes: any RoutesBuilder) throws {
        for spec in DuplicatePairs.types {
            routes.get(PathComponent(stringLiteral: spec.path), "duplicates") { req in
                try await Self.page(req, spec: spec)
            }
            routes.post(PathComponent(stringLiteral: spec.path), ":id", "merge") { req in
                try await Self.merge(req, spec: spec)
            }
        }
        routes.post("merges", ":mergeID", "undo", use: Self.undo)
    }

    static func page(_ req: Request, spec: RecordSpec) async throws -> View {
        try await req.authorize(.update, spec.policy)
        let pairs = try await DuplicatePairs(spec: spec, db: req.db, actor: try await req.actor()).find()
        func side(_ record: Record) -> Page.Side {
            let details = [FieldName.company, .email, .phone, .industry, .title].compactMap { record[$0].text }.joined(
                separator: " · ")
            return Page.Side(
                id: record.id.uuidString, name: record[.name].text ?? spec.label,
                href: "/\(spec.path)/\(record.id.uuidString)",
                details: details, created: record.createdAt.map(PageDate.format) ?? "")
        }
        let title = RecordPageSpec.named(spec.path)?.title ?? spec.path.capitalized
        return try await req.view.render(
            "records/duplicates",
            Page(
                nav: try req.navigation(), title: title, lowerTitle: title.lowercased(), path: spec.path,
                pairs: pairs.map { pair in
                    let reason = ImportDuplicates.words(pair.reason, spec: spec)
                    return Page.Pair(
                        keep: side(pair.keep), other: side(pair.other),
                        reason: reason.prefix(1).uppercased() + reason.dropFirst(),
                        score: "\(Int((pair.score * 100).rounded()))%")
                },
                notice: req.query[String.self, at: "notice"], message: req.query[String.self, at: "message"],
                undoMergeID: req.query[String.self, at: "merge"]))
    }

    static func merge(_ req: Request, spec: RecordSpec) async throws -> Response {
        let kept = try await req.visibleRecord(spec, for: .update)
        let back = "/\(spec.path)/duplicates"
        guard let other = (try? req.content.get(String.self, at: "otherId")).flatMap(UUID.init(uuidString:)) else {
            return req.redirect(to: URLQuery.path(back, ["message": "Choose the \(spec.label) to merge."]))
        }
        do {
            let merge = try await RecordMerge(spec: spec, context: try await req.recordContext()).merge(
                keep: kept.id, remove: other)
            let name = kept[.name].text ?? spec.label
            return req.redirect(
                to: URLQuery.path(back, ["notice": "Merged into \(name).", "merge": merge.id.uuidString]))
        } catch {
            let payload = ErrorPayload(error)
            guard payload.isShownOnForm else { throw error }
            return req.redirect(to: URLQuery.path(back, ["message": payload.message]))
        }
    }

    @Sendable static func undo(_ req: Request) async throws -> Response {
        let merge = try await req.visibleMerge()
        let back = "/\(merge.recordType)/duplicates"
        do {
            try await RecordMerge(
                spec: RecordCatalog.spec(path: merge.recordType)!, context: try await req.recordContext()
            ).undo(merge)
            return req.redirect(to: URLQuery.path(back, ["notice": "The merge was undone: both records are back."]))
        } catch {
            let payload = ErrorPayload(error)
            guard payload.isShownOnForm else { throw error }
            return req.redirect(to: URLQuery.path(back, ["message": payload.message]))
        }
    }
}
