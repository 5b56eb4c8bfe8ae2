import Fluent
import SQLKit

/// The education centre: courses, rooms, groups and their room bookings, enrolments, trial
/// lessons and the days the centre is closed. A room's bookings are guarded by the database
/// itself, so two writes at the same moment cannot both book one room at one time.
struct CreateEducation: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("courses").recordColumns()
            .field("name", .string, .required)
            .field("description", .string)
            .link("teacher_id", to: User.schema)
            .field("teacher_name", .string)
            .field("price", .int64, .required)
            .field("lesson_minutes", .int64, .required)
            .field("lessons_per_week", .int64)
            .field("capacity", .int64, .required)
            .field("is_active", .bool, .required)
            .create()
        try await database.schema("rooms").recordColumns()
            .field("name", .string, .required)
            .field("capacity", .int64, .required)
            .field("location", .string)
            .create()
        try await database.schema("course_groups").recordColumns()
            .field("name", .string, .required)
            .link("course_id", to: "courses", onDelete: .restrict, required: true)
            .link("room_id", to: "rooms", onDelete: .restrict, required: true)
            .link("teacher_id", to: User.schema)
            .field("teacher_name", .string)
            .field("days", .string, .required)
            .field("start_time", .string, .required)
            .field("end_time", .string, .required)
            .field("first_day", .string, .required)
            .field("last_day", .string, .required)
            .field("capacity", .int64, .required)
            .field("status", .string, .required)
            .field("students", .int64, .required)
            .create()
        try await database.createIndexes(
            on: "course_groups",
            ["course": "course_id", "room": "room_id", "teacher": "teacher_id", "name_lower": "lower(name)"])
        try await database.schema("enrolments").recordColumns()
            .link("owner_id", to: User.schema, onDelete: .restrict)
            .link("contact_id", to: "contacts", onDelete: .restrict, required: true)
            .link("group_id", to: "course_groups", onDelete: .restrict, required: true)
            .link("lead_id", to: "leads")
            .field("starts_on", .string, .required)
            .field("ends_on", .string)
            .field("price", .int64, .required)
            .field("status", .string, .required)
            .create()
        try await database.createIndexes(
            on: "enrolments",
            ["group_status": "group_id, status", "contact": "contact_id", "owner": "owner_id", "lead": "lead_id"])
        try await database.schema("trial_lessons").recordColumns()
            .link("owner_id", to: User.schema, onDelete: .restrict)
            .link("lead_id", to: "leads", onDelete: .cascade, required: true)
            .link("group_id", to: "course_groups", onDelete: .restrict, required: true)
            .field("lesson_day", .string, .required)
            .field("starts_at", .datetime, .required)
            .field("ends_at", .datetime, .required)
            .field("status", .string, .required)
            .field("result", .string, .required)
            .field("notes", .string)
            .field("lost_reason", .string)
            .link("enrolment_id", to: "enrolments")
            .create()
        try await database.createIndexes(
            on: "trial_lessons",
            [
                "starts": "starts_at", "owner_starts": "owner_id, starts_at", "lead": "lead_id",
                "group_day": "group_id, lesson_day",
            ])
        try await database.schema("closed_days").recordColumns()
            .field("day", .string, .required)
            .field("name", .string)
            .unique(on: "day")
            .create()
        try await database.schema(RoomBookings.table)
            .id()
            .field("group_id", .uuid, .required, .references("course_groups", "id", onDelete: .cascade))
            .field("room_id", .uuid, .required, .references("rooms", "id", onDelete: .cascade))
            .field("day", .string, .required)
            .field("starts_minute", .int64, .required)
            .field("ends_minute", .int64, .required)
            .create()
        try await database.createIndexes(on: RoomBookings.table, ["room_day": "room_id, day", "group": "group_id"])
        try await RoomBookings.createGuard(on: database.sql)
    }

    func revert(on database: any Database) async throws {
        try await RoomBookings.dropGuard(on: database.sql)
        for table in [
            RoomBookings.table, "closed_days", "trial_lessons", "enrolments", "course_groups", "rooms", "courses",
        ] {
            try await database.schema(table).delete()
        }
    }
}
