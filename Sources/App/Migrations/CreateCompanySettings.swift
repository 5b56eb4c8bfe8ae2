import Fluent
import SQLKit

/// Company-wide settings an admin changes at run time, and the secret that signs list cursors.
struct CreateCompanySettings: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(CompanySettings.table)
            .field("key", .string, .identifier(auto: false))
            .field("value", .string, .required)
            .create()
        let sql = database.sql
        for (key, value) in [
            (CompanySettings.Key.cursorSigningKey, SecretToken.generate()),
            (.exportRoles, CompanySettings.defaultExportRoles),
        ] {
            try await sql.insert(into: CompanySettings.table).columns("key", "value").values(
                SQLBind(key.rawValue), SQLBind(value)
            ).run()
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema(CompanySettings.table).delete()
    }
}
