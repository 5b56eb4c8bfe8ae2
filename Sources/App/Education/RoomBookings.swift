import Foundation
import SalesPulseCore
import SQLKit

/// Every day and time a group holds its room, one row per booked day. The app refuses a clash
/// with a message; a trigger refuses it again in the database, so two writes racing past the
/// app's check cannot both land. On PostgreSQL the trigger first takes a lock per room for the
/// rest of the transaction, so the second writer waits and then sees the first one's rows.
enum RoomBookings {
    static let table = "room_bookings"
    static let refusal = "room double-booked"

    static func createGuard(on sql: any SQLDatabase) async throws {
        let clash: SQLQueryString = """
            SELECT 1 FROM \(ident: table) AS \(ident: "b") WHERE \(ident: "b").\(ident: "room_id") = NEW.\(ident: "room_id")
              AND \(ident: "b").\(ident: "day") = NEW.\(ident: "day") AND \(ident: "b").\(ident: "group_id") <> NEW.\(ident: "group_id")
              AND \(ident: "b").\(ident: "starts_minute") < NEW.\(ident: "ends_minute") AND NEW.\(ident: "starts_minute") < \(ident: "b").\(ident: "ends_minute")
            """
        if sql.dialect.name == "sqlite" {
            try await sql.raw(
                """
                CREATE TRIGGER \(ident: "room_bookings_no_clash") BEFORE INSERT ON \(ident: table)
                WHEN EXISTS (\(clash)) BEGIN SELECT RAISE(ABORT, '\(unsafeRaw: refusal)'); END
                """
            ).run()
        } else {
            try await sql.raw(
                """
                CREATE FUNCTION \(ident: "room_bookings_no_clash")() RETURNS trigger AS $$
                BEGIN
                  PERFORM pg_advisory_xact_lock(hashtext('room:' || NEW.\(ident: "room_id")::text));
                  IF EXISTS (\(clash)) THEN
                    RAISE EXCEPTION '\(unsafeRaw: refusal)' USING ERRCODE = '23P01';
                  END IF;
                  RETURN NEW;
                END $$ LANGUAGE plpgsql
                """
            ).run()
            try await sql.raw(
                """
                CREATE TRIGGER \(ident: "room_bookings_no_clash") BEFORE INSERT ON \(ident: table)
                FOR EACH ROW EXECUTE FUNCTION \(ident: "room_bookings_no_clash")()
                """
            ).run()
        }
    }

    static func dropGuard(on sql: any SQLDatabase) async throws {
        try await sql.raw(
            "DROP TRIGGER IF EXISTS \(ident: "room_bookings_no_clash")\(unsafeRaw: sql.dialect.name == "sqlite" ? "" : " ON \(table)")"
        ).run()
        if sql.dialect.name != "sqlite" {
            try await sql.raw("DROP FUNCTION IF EXISTS \(ident: "room_bookings_no_clash")()").run()
        }
    }

    /// Holds the room for the rest of the transaction on PostgreSQL, so the app's own clash
    /// check sees any booking a concurrent writer just made. SQLite's writers already queue.
    static func lock(room: UUID, on sql: any SQLDatabase) async throws {
        guard sql.dialect.name != "sqlite" else { return }
        try await sql.raw("SELECT pg_advisory_xact_lock(hashtext(\(bind: "room:" + room.uuidString.lowercased())))")
            .run()
    }

    /// Replaces the group's bookings with one row per booked day.
    static func book(group: UUID, room: UUID, schedule: GroupSchedule, on sql: any SQLDatabase) async throws {
        try await sql.delete(from: table).where("group_id", .equal, SQLBind(group)).run()
        let days = schedule.bookedDays
        for chunk in stride(from: 0, to: days.count, by: 200) {
            let insert = sql.insert(into: table).columns(
                "id", "group_id", "room_id", "day", "starts_minute", "ends_minute")
            for day in days[chunk..<min(chunk + 200, days.count)] {
                insert.values([
                    SQLBind(UUID()), SQLBind(group), SQLBind(room), SQLBind(day.text),
                    SQLBind(schedule.starts.minutes), SQLBind(schedule.ends.minutes),
                ])
            }
            try await insert.run()
        }
    }

    static func isRefusal(_ error: any Error) -> Bool {
        String(describing: error).contains(refusal) || String(reflecting: error).contains(refusal)
    }
}
