import Fluent
import SQLKit

/// The education centre's steps in both daily roll-ups: trials booked, attended and missed,
/// offers and enrolments. No trial existed before, so every older row holds zero.
struct UpdateDailyRollupsAddEducation: AsyncMigration {
    func prepare(on database: any Database) async throws {
        for table in [DailyRollups.repTable, DailyRollups.sourceTable] {
            for column in DailyRollups.educationColumns {
                try await database.sql.raw(
                    "ALTER TABLE \(ident: table) ADD COLUMN \(ident: column) BIGINT NOT NULL DEFAULT 0"
                ).run()
            }
        }
    }

    func revert(on database: any Database) async throws {
        for table in [DailyRollups.repTable, DailyRollups.sourceTable] {
            for column in DailyRollups.educationColumns {
                try await database.sql.raw("ALTER TABLE \(ident: table) DROP COLUMN \(ident: column)").run()
            }
        }
    }
}
