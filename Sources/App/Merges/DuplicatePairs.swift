import Fluent
import Foundation
import SalesPulseCore
import SQLKit

/// Likely duplicates among the records a person may see, by the import's rules: each record
/// compared with those created before it, so every pair is listed once, the older record
/// first (the one a merge keeps by default).
struct DuplicatePairs {
    struct Pair: Sendable {
        let keep: Record
        let other: Record
        let reason: MatchReason
        let score: Double
    }

    let spec: RecordSpec
    let db: any Database
    let actor: Actor

    static let types: [RecordSpec] = [.leads, .contacts, .accounts]

    func find(limit: Int = 200) async throws -> [Pair] {
        var query = try RecordListQuery(spec: spec, sort: "createdAt", limit: 500)
        var index = DuplicateIndex<UUID>()
        var seen: [UUID: Record] = [:]
        var pairs: [Pair] = []
        var cursor: String?
        var accountNames: [UUID: String] = [:]
        repeat {
            query.page = PageRequest(limit: 500, cursor: cursor)
            let page = try await RecordLister(spec: spec, db: db).page(query, actor: actor)
            if spec.path == "contacts" { try await loadAccountNames(page.items, into: &accountNames) }
            for record in page.items {
                let candidate = candidate(record, accountNames: accountNames)
                if let match = index.match(candidate), case .record(let id) = match.target, let keep = seen[id] {
                    pairs.append(Pair(keep: keep, other: record, reason: match.reason, score: match.score))
                    if pairs.count == limit { return pairs }
                } else {
                    index.add(candidate, as: .record(record.id))
                }
                seen[record.id] = record
            }
            cursor = page.nextCursor
        } while cursor != nil
        return pairs
    }

    private func candidate(_ record: Record, accountNames: [UUID: String]) -> MatchCandidate {
        let company =
            spec.path == "leads" ? record[.company].text : record[.accountId].uuid.flatMap { accountNames[$0] }
        return ImportDuplicates.candidate(
            spec: spec, name: record[.name].text, company: company, email: record[.email].text,
            phone: record[.phone].text ?? record[.mobile].text, options: ImportOptions())
    }

    private func loadAccountNames(_ records: [Record], into names: inout [UUID: String]) async throws {
        let ids = Set(records.compactMap { $0[.accountId].uuid }).subtracting(names.keys)
        guard !ids.isEmpty else { return }
        for row in try await db.sql.raw("SELECT id, name FROM accounts WHERE id IN (\(binds: Array(ids)))").all() {
            names[try row.decode(column: "id", as: UUID.self)] = try row.decode(column: "name", as: String.self)
        }
    }
}
