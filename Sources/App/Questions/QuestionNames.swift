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
    /// The words of large tables' names, when kept between questions.
    var vocabulary: NameVocabulary? = nil

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
        // Rows holding every typed word are read first; only a typo makes it read further.
        let contained = try await candidates(wanted, in: table, ownerColumn: ownerColumn, narrowed: true)
        let outcome = choose(wanted, among: contained, only: visible, ownerColumn: ownerColumn)
        guard outcome == .none else { return outcome }
        if let vocabulary, NameVocabulary.tables.contains(table) {
            let words = try await vocabulary.words(of: table, on: db)
            let someWordFits = wanted.allSatisfy { typed in words.contains { Self.fits(typed, $0) } }
            guard someWordFits else { return .none }
        }
        let all = try await candidates(wanted, in: table, ownerColumn: ownerColumn, narrowed: false)
        return choose(wanted, among: all, only: visible, ownerColumn: ownerColumn)
    }

    /// The most rows a typo search reads: more than any company's people, teams or regions,
    /// enough accounts for most.
    static let widestScan = 50_000

    private func candidates(
        _ wanted: [String], in table: String, ownerColumn: String?, narrowed: Bool
    ) async throws -> [any SQLRow] {
        let select = ownerColumn.map { ", \($0)" } ?? ""
        let sqlite = db.dialect.name == "sqlite"
        func contains(_ piece: String) -> SQLQueryString {
            let escaped = piece.replacingOccurrences(of: "\\", with: "\\\\")
                .replacingOccurrences(of: "%", with: "\\%").replacingOccurrences(of: "_", with: "\\_")
            // SQLite's LIKE already ignores the case of ASCII letters, without a lower() per row.
            let column: SQLQueryString = sqlite ? "name" : "lower(name)"
            return "\(column) LIKE \(bind: "%" + escaped + "%") ESCAPE '\\'"
        }
        var conditions: [SQLQueryString] = []
        for word in wanted {
            if narrowed {
                conditions.append(contains(word))
            } else {
                // A typo search reads only names holding a piece of each typed word whole.
                let pieces = QuestionWords.typoPieces(word)
                if !pieces.isEmpty { conditions.append("(\(pieces.map(contains).joined(separator: " OR ")))") }
            }
        }
        var filter: SQLQueryString = ""
        if !conditions.isEmpty {
            let all = conditions.joined(separator: " AND ")
            // Names with accented Latin, Greek or Cyrillic letters are folded in Swift (é is read
            // as e), so they stay in; dashes and quotes beyond ASCII do not keep a name in.
            let folded: SQLQueryString = sqlite ? "name GLOB '*[À-ԯ]*'" : "name ~ '[À-ԯ]'"
            filter = narrowed ? " WHERE \(all)" : " WHERE (\(all)) OR \(folded)"
        }
        return try await db.raw(
            "SELECT id, name\(unsafeRaw: select) FROM \(ident: table)\(filter) LIMIT \(literal: Self.widestScan)"
        ).all()
    }

    /// A name's word the typed one starts, or comes within a typo or a plural of.
    static func fits(_ typedWord: String, _ word: String) -> Bool {
        if word.hasPrefix(typedWord) { return true }
        // A plural ("y" → "ies") and two typos differ by four letters at most.
        guard abs(word.count - typedWord.count) <= 4 else { return false }
        return QuestionWords.matches(typedWord, word)
    }

    private func choose(
        _ wanted: [String], among rows: [any SQLRow], only visible: Set<UUID>?, ownerColumn: String?
    ) -> Outcome {
        var matches: [Match] = []
        for row in rows {
            // The name first: most rows of a typo search fail it, and need nothing else decoded.
            guard let name = try? row.decode(column: "name", as: String.self) else { continue }
            let words = QuestionWords.tokens(name)
            let fits = wanted.allSatisfy { typedWord in words.contains { Self.fits(typedWord, $0) } }
            guard fits, let id = try? row.decode(column: "id", as: UUID.self) else { continue }
            if let visible {
                let key = ownerColumn == nil ? id : (try? row.decode(column: ownerColumn!, as: UUID?.self)) ?? nil
                guard let key, visible.contains(key) else { continue }
            }
            matches.append(Match(id: id, name: name))
        }
        if let exact = matches.first(where: { QuestionWords.tokens($0.name) == wanted }) { return .found(exact) }
        switch matches.count {
        case 0: return .none
        case 1: return .found(matches[0])
        default: return .several(matches.sorted { $0.name < $1.name })
        }
    }
}
