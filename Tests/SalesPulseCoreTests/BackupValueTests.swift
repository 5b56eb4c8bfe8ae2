import Foundation
import SalesPulseCore
import Testing

@Suite struct BackupValueTests {
    private func parsed(_ json: String) throws -> [Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [Any])
    }

    @Test func valuesConvertToTheTargetColumnsKind() throws {
        let values = try parsed(
            #"[true, 1, 0, "1796243134.3310869", 9007199254740993, null, "04F8CE00-69FC-46B7-99B9-835217CE0A31", "aGk=", 2]"#
        )
        #expect(try StoredValue(json: values[0], for: .integer) == .integer(1))
        #expect(try StoredValue(json: values[1], for: .boolean) == .boolean(true))
        #expect(try StoredValue(json: values[2], for: .boolean) == .boolean(false))
        #expect(try StoredValue(json: values[0], for: .boolean) == .boolean(true))
        #expect(try StoredValue(json: values[3], for: .timestamp) == .timestamp(1796243134.3310869))
        #expect(try StoredValue(json: values[3], for: .real) == .real(1796243134.3310869))
        #expect(try StoredValue(json: values[4], for: .integer) == .integer(9_007_199_254_740_993))
        #expect(try StoredValue(json: values[5], for: .uuid) == .null)
        #expect(
            try StoredValue(json: values[6], for: .uuid)
                == .uuid(UUID(uuidString: "04F8CE00-69FC-46B7-99B9-835217CE0A31")!))
        #expect(try StoredValue(json: values[7], for: .blob) == .blob(Data("hi".utf8)))
        #expect(throws: StoredValue.Mismatch.self) { try StoredValue(json: values[8], for: .boolean) }
        #expect(throws: StoredValue.Mismatch.self) { try StoredValue(json: values[1], for: .uuid) }
        #expect(throws: StoredValue.Mismatch.self) { try StoredValue(json: values[6], for: .integer) }
    }

    @Test func declaredTypesOfBothDatabasesMapToOneKind() {
        #expect(ColumnKind(sqliteDeclaredType: "UUID") == .uuid)
        #expect(ColumnKind(sqliteDeclaredType: "INTEGER") == .integer)
        #expect(ColumnKind(sqliteDeclaredType: "REAL") == .real)
        #expect(ColumnKind(sqliteDeclaredType: "TEXT") == .text)
        #expect(ColumnKind(sqliteDeclaredType: "BLOB") == .blob)
        #expect(ColumnKind(postgresDataType: "timestamp with time zone") == .timestamp)
        #expect(ColumnKind(postgresDataType: "boolean") == .boolean)
        #expect(ColumnKind(postgresDataType: "bigint") == .integer)
        #expect(ColumnKind(postgresDataType: "bytea") == .blob)
        #expect(ColumnKind(postgresDataType: "tsvector") == nil)
    }

    @Test func tablesFillParentsFirstAndCirclesAreRefused() throws {
        let order = try TableOrder.parentsFirst([
            "leads": ["users", "accounts"], "accounts": ["users", "accounts"], "users": ["users", "teams"], "teams": [],
        ])
        #expect(order == ["teams", "users", "accounts", "leads"])
        #expect(throws: TableOrder.Cycle(tables: ["a", "b"])) { try TableOrder.parentsFirst(["a": ["b"], "b": ["a"]]) }
    }

    @Test func manifestReadsBackWhatWasWritten() throws {
        let manifest = BackupManifest(
            createdAt: Date(timeIntervalSince1970: 1_796_000_000), database: "sqlite", migrations: ["App.CreateUser"],
            tables: [
                .init(
                    name: "users", file: "tables/users.jsonl", columns: [.init(name: "id", kind: .uuid)], rows: 2,
                    sha256: "ab")
            ])
        #expect(try BackupManifest.decode(manifest.encoded()) == manifest)
        #expect(manifest.totalRows == 2)
    }
}
