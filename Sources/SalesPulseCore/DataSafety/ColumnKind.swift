import Foundation

/// What a stored column holds, in words both databases share, so that a backup taken from
/// SQLite restores into PostgreSQL and the other way round.
public enum ColumnKind: String, Codable, Sendable, CaseIterable {
    case text, integer, real, boolean, uuid, timestamp, blob

    /// SQLite keeps a column's declared type as written. The schema declares UUID, TEXT,
    /// INTEGER (whole numbers and yes/no), REAL (decimals and times, as seconds) and BLOB;
    /// anything else falls back on SQLite's own affinity rules.
    public init(sqliteDeclaredType declared: String) {
        let type = declared.uppercased()
        if type == "UUID" {
            self = .uuid
        } else if type.contains("INT") {
            self = .integer
        } else if type.contains("CHAR") || type.contains("CLOB") || type.contains("TEXT") {
            self = .text
        } else if type.isEmpty || type.contains("BLOB") {
            self = .blob
        } else if type.contains("REAL") || type.contains("FLOA") || type.contains("DOUB") {
            self = .real
        } else {
            self = .real
        }
    }

    /// PostgreSQL's `information_schema.columns.data_type`; nil for a type the app never creates.
    public init?(postgresDataType type: String) {
        switch type {
        case "uuid": self = .uuid
        case "text", "character varying", "character", "json", "jsonb": self = .text
        case "bigint", "integer", "smallint": self = .integer
        case "double precision", "real", "numeric": self = .real
        case "boolean": self = .boolean
        case "timestamp with time zone", "timestamp without time zone", "date": self = .timestamp
        case "bytea": self = .blob
        default: return nil
        }
    }
}
