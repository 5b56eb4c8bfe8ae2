import Foundation
import SalesPulseCore
import SQLKit

/// Finds the people, teams, regions, accounts and products a question names among what the asker may
/// see, forgiving case, accents and small typos. A name that fits several asks which one.
struct QuestionNames: Sendable {
    struct Match: Sendable, Equatable {
        let id: UUID
        let name: String
    }

    enum Outcome: Sendable, Equatable {
        case found(Match)
        case several([Match])
        case none
    }

    let db: any SQLDatabase
    let actor: Actor

    func person(_ typed: String) async throws -> Outcome {
        let visible = AccessPolicy.visibleOwnerIDs(actor)
        return try await match(typed, in: "users", only: visible)
    }

    func team(_ typed: String) async throws -> Outcome { try await match(typed, in: "teams") }
    func region(_ typed: String) async throws -> Outcome { try await match(typed, in: "regions") }
    func product(_ typed: String) async throws -> Outcome { try await match(typed, in: "products") }
    func category(_ typed: String) async throws -> Outcome { try await match(typed, in: "product_categories") }

    func account(_ typed: String) async throws -> Outcome {
        let visible = AccessPolicy.visibleOwnerIDs(actor)
        return try await match(typed, in: "accounts", ownerColumn: visible == nil ? nil : "owner_id", only: visible)
    }

    /// Rows whose name holds every typed word (each may be a word's start or within a typo of
    /// it); an exact full name wins over partial ones.
    private func match(
        _ typed: String, in table: String, ownerColumn: String? = nil, only visible: Set<UUID>? = nil
    ) async throws -> Outcome {
        let wanted = QuestionWords.tokens(typed)
        guard !wanted.isEmpty else { return .none }
        let select = ownerColumn.map { ", \($0)" } ?? ""
        var matches: [Match] = []
        for row in try await db.raw("SELECT id, name\(unsafeRaw: select) FROM \(ident: table)").all() {
            let id = try row.decode(column: "id", as: UUID.self), name = try row.decode(column: "name", as: String.self)
            if let visible {
                let key = ownerColumn == nil ? id : try row.decode(column: ownerColumn!, as: UUID?.self)
                guard let key, visible.contains(key) else { continue }
            }
            let words = QuestionWords.tokens(name)
            let fits = wanted.allSatisfy { typedWord in
                words.contains { $0.hasPrefix(typedWord) || QuestionWords.matches(typedWord, $0) }
            }
            if fits { matches.append(Match(id: id, name: name)) }
        }
        if let exact = matches.first(where: { QuestionWords.tokens($0.name) == wanted }) { return .found(exact) }
        switch matches.count {
        case 0: return .none
        case 1: return .found(matches[0])
        default: return .several(matches.sorted { $0.name < $1.name })
        }
    }
}
