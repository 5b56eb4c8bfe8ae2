import Foundation

/// The first entry of a backup: what it holds and how to check it. Tables are JSON Lines
/// files, one array of values per row in the order of `columns`.
public struct BackupManifest: Codable, Sendable, Equatable {
    public static let formatName = "SalesPulse backup"
    public static let currentVersion = 1
    public static let entryName = "manifest.json"

    public struct Column: Codable, Sendable, Equatable {
        public let name: String
        public let kind: ColumnKind

        public init(name: String, kind: ColumnKind) {
            self.name = name
            self.kind = kind
        }
    }

    public struct Table: Codable, Sendable, Equatable {
        public let name: String
        public let file: String
        public let columns: [Column]
        public let rows: Int
        /// SHA-256 of the file's bytes, in hex.
        public let sha256: String

        public init(name: String, file: String, columns: [Column], rows: Int, sha256: String) {
            self.name = name
            self.file = file
            self.columns = columns
            self.rows = rows
            self.sha256 = sha256
        }
    }

    public let format: String
    public let version: Int
    public let createdAt: Date
    /// The database it was taken from: "sqlite" or "postgresql".
    public let database: String
    /// The schema changes the database had run, by name: a restore needs all of them.
    public let migrations: [String]
    public let tables: [Table]

    public init(createdAt: Date, database: String, migrations: [String], tables: [Table]) {
        self.format = Self.formatName
        self.version = Self.currentVersion
        self.createdAt = createdAt
        self.database = database
        self.migrations = migrations
        self.tables = tables
    }

    public var totalRows: Int { tables.reduce(0) { $0 + $1.rows } }

    public static func decode(_ data: Data) throws -> BackupManifest {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try decoder.decode(BackupManifest.self, from: data)
    }

    public func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return try encoder.encode(self)
    }
}
