import Foundation
import SQLKit

/// Search by words anywhere in a record's names, company, email and phone ("acme" finds "The
/// Acme Group", "analytics" finds "Acme Analytics Ltd"), served by an index on both databases:
/// an FTS5 trigram table per record type on SQLite, kept by triggers, and a pg_trgm GIN index on
/// PostgreSQL. List filters' `?q=` stays a prefix search; pages search by words.
enum WordSearch {
    /// The columns whose words each record type is found by.
    static let columns: [String: [String]] = [
        "leads": ["name", "company", "email", "phone"],
        "contacts": ["name", "title", "email", "phone", "mobile"],
        "accounts": ["name", "industry", "website", "phone"],
        "opportunities": ["name"],
    ]

    static func wordTable(_ table: String) -> String { "\(table)_words" }

    /// The text searched: the columns joined, as one SQL expression over the row.
    static func body(_ table: String, row prefix: String = "") -> String {
        (columns[table] ?? []).map { "coalesce(\(prefix)\"\($0)\", '')" }.joined(separator: " || ' ' || ")
    }

    /// Lowercased words of at least two characters, LIKE wildcards and quotes removed.
    static func words(_ text: String) -> [String] {
        let dropped: Set<Character> = ["%", "_", "\"", "'", "\\"]
        return text.lowercased().split { $0.isWhitespace || $0 == "," }
            .map { word in String(word.filter { !dropped.contains($0) }) }
            .filter { $0.count >= 2 }
    }

    /// Rows whose text holds every word, or nil when the type has no word index.
    static func condition(table: String, words: [String], dialect: String) -> (any SQLExpression)? {
        guard columns[table] != nil, !words.isEmpty else { return nil }
        if dialect == "sqlite" {
            // The trigram tokenizer matches runs of three or more characters; shorter words go by LIKE.
            let long = words.filter { $0.count >= 3 }.map { "\"\($0)\"" }.joined(separator: " ")
            var parts: [SQLQueryString] = []
            if !long.isEmpty { parts.append("\(ident: wordTable(table)) MATCH \(bind: long)") }
            for word in words where word.count < 3 { parts.append("\(ident: "body") LIKE \(bind: "%\(word)%")") }
            let conditions = parts.joined(separator: " AND ")
            return SQLQueryString(
                "\(ident: "rowid") IN (SELECT \(ident: "rowid") FROM \(ident: wordTable(table)) WHERE \(conditions))")
        }
        let text = SQLQueryString("lower(\(unsafeRaw: body(table)))")
        return words.map { "\(text) LIKE \(bind: "%\($0)%")" as SQLQueryString }.joined(separator: " AND ")
    }
}
