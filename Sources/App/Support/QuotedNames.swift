import Foundation

/// Table and column names quoted the way both SQLite and PostgreSQL read them. SQLKit escapes
/// every identifier of every statement through a general string replacement; on the write path,
/// whose statements name dozens of columns, that was a tenth of the server's time. Our names
/// hold no quote, so the check below is all they cost.
enum QuotedNames {
    static func name(_ name: String) -> String {
        guard name.utf8.contains(UInt8(ascii: "\"")) else { return "\"\(name)\"" }
        return "\"\(name.replacingOccurrences(of: "\"", with: "\"\""))\""
    }

    static func list(_ names: [String]) -> String {
        names.map(name).joined(separator: ", ")
    }

    /// `INSERT INTO "table" ("a", "b") VALUES `, for the rows to follow.
    static func insert(into table: String, _ columns: [String]) -> String {
        "INSERT INTO \(name(table)) (\(list(columns))) VALUES "
    }
}
