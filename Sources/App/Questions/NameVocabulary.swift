import Foundation
import NIOConcurrencyHelpers
import SalesPulseCore
import SQLKit
import Vapor

/// The distinct words of a table's names, kept between questions. A typed name that no word
/// comes within a typo of is in no row, so most names a company does not have are answered
/// without reading the table: on 160,000 accounts that read took about 0.3 s per question.
/// The words are read again when the table's row count or latest change moves, which a write
/// from another process moves too, and at least every hour, for a change that moves neither
/// (a row put back with its old change time).
final class NameVocabulary: Sendable {
    struct Fingerprint: Equatable, Sendable {
        let count: Int
        let latest: Date?
    }

    private struct Entry: Sendable {
        let fingerprint: Fingerprint
        let readAt: Date
        let words: [String]
    }

    /// Tables large enough for the words to pay: their names are many, and each has an index on
    /// its change time for the fingerprint.
    static let tables: Set<String> = ["accounts"]
    static let longestKept: TimeInterval = 3_600

    private let entries = NIOLockedValueBox([String: Entry]())

    func words(of table: String, on db: any SQLDatabase) async throws -> [String] {
        let fingerprint = try await Self.fingerprint(of: table, on: db)
        let now = Date()
        if let entry = entries.withLockedValue({ $0[table] }), entry.fingerprint == fingerprint,
            now.timeIntervalSince(entry.readAt) < Self.longestKept
        {
            return entry.words
        }
        var words = Set<String>()
        for row in try await db.raw("SELECT name FROM \(ident: table)").all() {
            if let name = try? row.decode(column: "name", as: String.self) {
                words.formUnion(QuestionWords.tokens(name))
            }
        }
        let entry = Entry(fingerprint: fingerprint, readAt: now, words: words.sorted())
        entries.withLockedValue { $0[table] = entry }
        return entry.words
    }

    /// Two index reads: any row added or removed moves the count, any change the latest time.
    static func fingerprint(of table: String, on db: any SQLDatabase) async throws -> Fingerprint {
        let count = try await db.raw("SELECT COUNT(*) AS n FROM \(ident: table)").first()?.decode(
            column: "n", as: Int.self)
        let latest = try await db.raw("SELECT MAX(updated_at) AS latest FROM \(ident: table)").first()?.decode(
            column: "latest", as: Date?.self)
        return Fingerprint(count: count ?? 0, latest: latest ?? nil)
    }
}

extension Application {
    private struct NameVocabularyKey: StorageKey, LockKey { typealias Value = NameVocabulary }

    /// One per application, so companies in separate databases never share words.
    var nameVocabulary: NameVocabulary {
        locks.lock(for: NameVocabularyKey.self).withLock {
            if let vocabulary = storage[NameVocabularyKey.self] { return vocabulary }
            let vocabulary = NameVocabulary()
            storage[NameVocabularyKey.self] = vocabulary
            return vocabulary
        }
    }
}
