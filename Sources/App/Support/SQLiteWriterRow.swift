import FluentKit
import SQLKit
import SQLiteKit

/// A row the write connection stepped, read as SQLKit and Fluent read the pooled driver's rows.
struct SQLiteWriterRow: SQLRow {
    /// The statement's column names, shared by all its rows.
    final class Columns: Sendable {
        let names: [String]
        init(names: [String]) { self.names = names }
    }

    let columns: Columns
    let values: [SQLiteData]
    private static let decoder = SQLiteDataDecoder()

    var allColumns: [String] { columns.names }

    func contains(column: String) -> Bool { value(column) != nil }

    func decodeNil(column: String) throws -> Bool { (value(column) ?? .null) == .null }

    func decode<D: Decodable>(column: String, as type: D.Type) throws -> D {
        guard let data = value(column) else {
            throw DecodingError.keyNotFound(
                SQLiteWriterColumnKey(column),
                .init(codingPath: [], debugDescription: "No column \(column) in the row"))
        }
        return try Self.decoder.decode(D.self, from: data)
    }

    /// The first column of that name, as the pooled driver reads it.
    private func value(_ column: String) -> SQLiteData? {
        columns.names.firstIndex(of: column).map { values[$0] }
    }
}

private struct SQLiteWriterColumnKey: CodingKey {
    let stringValue: String
    var intValue: Int? { nil }
    init(_ name: String) { stringValue = name }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}

/// A written row read by Fluent models: a field of a joined model is prefixed by its schema.
struct SQLiteWriterOutput: DatabaseOutput {
    let row: SQLiteWriterRow
    let prefix: String?

    var description: String { String(describing: row.values) }

    func schema(_ schema: String) -> any DatabaseOutput { SQLiteWriterOutput(row: row, prefix: schema) }

    func contains(_ key: FieldKey) -> Bool { row.contains(column: column(key)) }

    func decodeNil(_ key: FieldKey) throws -> Bool { try row.decodeNil(column: column(key)) }

    func decode<T: Decodable>(_ key: FieldKey, as type: T.Type) throws -> T {
        try row.decode(column: column(key), as: T.self)
    }

    private func column(_ key: FieldKey) -> String {
        (prefix.map { FieldKey.prefix(.prefix(.string($0), "_"), key) } ?? key).description
    }
}
