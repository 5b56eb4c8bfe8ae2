import SalesPulseCore

/// The education centre's records (S10): courses, rooms, groups, enrolments, trial lessons and
/// the days the centre is closed. Courses, rooms, groups and closed days are the centre's
/// shared set-up that managers and admins maintain; enrolments and trials belong to a rep.
extension RecordSpec {
    static let courses = RecordSpec(
        path: "courses", table: "courses", label: "course", policy: .referenceData, ownership: .shared,
        fields: [
            FieldSpec("name", .text(max: 200), required: true, filterable: true, sortable: true),
            FieldSpec("description", .text(max: 2000)),
            .reference("teacherId", "users"),
            FieldSpec("teacherName", .text(max: 200), sortable: true),
            FieldSpec("price", .money, required: true, filterable: true, sortable: true),
            FieldSpec("lessonMinutes", .integer(15...600), required: true, sortable: true, default: .int(90)),
            FieldSpec("lessonsPerWeek", .integer(1...14), sortable: true),
            FieldSpec("capacity", .integer(1...500), required: true, sortable: true, default: .int(12)),
            FieldSpec("isActive", .bool, required: true, filterable: true, default: .bool(true)),
        ],
        search: [SearchColumn(column: "name", lowercased: true)], defaultSort: "name",
        rules: UniqueNameRule(table: "courses"))

    static let rooms = RecordSpec(
        path: "rooms", table: "rooms", label: "room", policy: .referenceData, ownership: .shared,
        fields: [
            FieldSpec("name", .text(max: 100), required: true, filterable: true, sortable: true),
            FieldSpec("capacity", .integer(1...1_000), required: true, sortable: true),
            FieldSpec("location", .text(max: 200), sortable: true),
        ],
        search: [SearchColumn(column: "name", lowercased: true)], defaultSort: "name", rules: RoomRules())

    static let courseGroups = RecordSpec(
        path: "groups", table: "course_groups", label: "group", policy: .referenceData, ownership: .shared,
        fields: [
            FieldSpec("name", .text(max: 200), required: true, filterable: true, sortable: true),
            .reference("courseId", "courses", required: true),
            .reference("roomId", "rooms", required: true),
            .reference("teacherId", "users"),
            FieldSpec("teacherName", .text(max: 200)),
            FieldSpec("days", .text(max: 40), required: true, filterable: true),
            FieldSpec("startTime", .text(max: 5), required: true, sortable: true),
            FieldSpec("endTime", .text(max: 5), required: true).filled(
                whenEmpty: "start time plus the course's lesson length"),
            FieldSpec("firstDay", .day, required: true, filterable: true, sortable: true),
            FieldSpec("lastDay", .day, required: true, filterable: true, sortable: true),
            FieldSpec("capacity", .integer(1...1_000), required: true, sortable: true).filled(
                whenEmpty: "the course's usual group size, or the room's seats if fewer"),
            .choice("status", GroupStatus.self, required: true, default: .planned),
            FieldSpec(
                "students", .integer(0...100_000), required: true, writable: false, sortable: true, default: .int(0)),
        ],
        search: [SearchColumn(column: "name", lowercased: true)], defaultSort: "name", rules: GroupRules())

    static let enrolments = RecordSpec(
        path: "enrolments", table: "enrolments", label: "enrolment", policy: .businessRecord,
        ownership: .owner(field: "ownerId"),
        fields: [
            .reference("contactId", "contacts", required: true),
            .reference("groupId", "course_groups", required: true),
            .reference("leadId", "leads"),
            .reference("ownerId", "users"),
            FieldSpec("startsOn", .day, required: true, filterable: true, sortable: true).filled(
                whenEmpty: "the group's first day, or today"),
            FieldSpec("endsOn", .day, filterable: true, sortable: true),
            FieldSpec("price", .money, required: true, filterable: true, sortable: true).filled(
                whenEmpty: "the course price"),
            .choice("status", EnrolmentStatus.self, required: true, default: .active),
        ],
        search: [], defaultSort: "-startsOn", rules: EnrolmentRules())

    static let trialLessons = RecordSpec(
        path: "trial-lessons", table: "trial_lessons", label: "trial lesson", policy: .businessRecord,
        ownership: .owner(field: "ownerId"),
        fields: [
            .reference("leadId", "leads", required: true),
            .reference("groupId", "course_groups", required: true),
            .reference("ownerId", "users"),
            FieldSpec("lessonDay", .day, required: true, filterable: true, sortable: true).filled(
                whenEmpty: "the day it starts"),
            FieldSpec("startsAt", .instant, required: true, filterable: true, sortable: true).filled(
                whenEmpty: "the group's start time that day"),
            FieldSpec("endsAt", .instant, required: true, writable: false, sortable: true),
            .choice("status", TrialStatus.self, required: true, default: .scheduled),
            .choice("result", TrialResult.self, required: true, default: .pending),
            FieldSpec("notes", .text(max: 5_000)),
            FieldSpec("lostReason", .text(max: 500)),
            FieldSpec("enrolmentId", .reference(table: "enrolments"), writable: false),
        ],
        search: [], defaultSort: "startsAt", rules: TrialRules())

    static let closedDays = RecordSpec(
        path: "closed-days", table: "closed_days", label: "closed day", policy: .referenceData, ownership: .shared,
        fields: [
            FieldSpec("day", .day, required: true, filterable: true, sortable: true),
            FieldSpec("name", .text(max: 200), sortable: true),
        ],
        search: [SearchColumn(column: "name", lowercased: true)], defaultSort: "day", rules: ClosedDayRules())
}
