import Foundation
import SalesPulseCore
import SQLKit

/// A room's seats cannot drop below a group held there, and a room in use stays.
struct RoomRules: RecordRules {
    func validate(_ change: inout RecordChange, context: RecordContext) async throws {
        try await UniqueNameRule(table: "rooms").validate(&change, context: context)
        guard let id = change.old?.id, change.changed(.capacity), let capacity = change[.capacity].int else { return }
        struct Row: Decodable { let name: String; let capacity: Int64 }
        if let group = try await context.sql.select().columns("name", "capacity").from("course_groups").where(
            "room_id", .equal, SQLBind(id)
        )
        .where("status", .notEqual, SQLBind(GroupStatus.cancelled.rawValue)).where(
            "capacity", .greaterThan, SQLBind(capacity)
        )
        .orderBy("capacity", .descending).first(decoding: Row.self) {
            throw DomainError.invalid(
                field: "capacity", "\(group.name) meets here with room for \(group.capacity); lower that group first.")
        }
    }

    func beforeDelete(_ record: Record, cascade: Bool, context: RecordContext) async throws {
        let groups = try await context.count("course_groups", where: "room_id", is: record.id)
        if groups > 0 {
            throw DomainError.conflict(field: nil, message: "\(groups) group(s) meet in this room; move them first.")
        }
    }
}

/// One entry per day.
struct ClosedDayRules: RecordRules {
    func validate(_ change: inout RecordChange, context: RecordContext) async throws {
        guard change.changed(.day), let day = change[.day].text else { return }
        let query = context.sql.select().column("id").from("closed_days").where("day", .equal, SQLBind(day))
        if let id = change.old?.id { query.where("id", .notEqual, SQLBind(id)) }
        if try await query.first() != nil {
            throw DomainError.conflict(field: "day", message: "\(day) is already a closed day.")
        }
    }
}

/// An enrolment takes a seat: a group never holds more students than its capacity. The
/// group's student count follows every change.
struct EnrolmentRules: RecordRules {
    func validate(_ change: inout RecordChange, context: RecordContext) async throws {
        guard let groupID = change[.groupId].uuid else { return }
        guard let group = try await ScheduledGroup.find(groupID, on: context.sql) else { return }
        if change[.startsOn].isNull {
            change[.startsOn] = .text(max(group.first_day, context.today))
        }
        if change[.price].isNull {
            let price = try await context.sql.select().column("price").from("courses").where(
                "id", .equal, SQLBind(group.course_id)
            )
            .first()?.decode(column: "price", as: Int64.self)
            change[.price] = price.map(FieldValue.int) ?? .null
        }
        let takesSeat = EnrolmentStatus(rawValue: change[.status].text ?? "")?.holdsSeat ?? false
        let tookSeat =
            change.old.map {
                (EnrolmentStatus(rawValue: $0[.status].text ?? "")?.holdsSeat ?? false)
                    && $0[.groupId].uuid == groupID
            } ?? false
        guard takesSeat, !tookSeat else { return }
        guard group.isOpen else {
            throw DomainError.invalid(
                field: "groupId", "\(group.name) is \(group.status); choose a planned or running group.")
        }
        try await RoomBookings.lock(room: group.room_id, on: context.sql)
        let seated = try await Self.seated(groupID, context: context)
        if seated >= group.capacity {
            throw DomainError.conflict(
                field: "groupId",
                message:
                    "\(group.name) is full (\(seated) of \(group.capacity)); choose another group or raise its capacity."
            )
        }
    }

    func afterSave(id: UUID, _ change: RecordChange, context: RecordContext) async throws {
        for groupID in Set([change[.groupId].uuid, change.old?[.groupId].uuid].compactMap { $0 }) {
            try await Self.recount(groupID, context: context)
        }
    }

    func afterDelete(_ record: Record, context: RecordContext) async throws {
        if let groupID = record[.groupId].uuid { try await Self.recount(groupID, context: context) }
    }

    static func seated(_ groupID: UUID, context: RecordContext) async throws -> Int {
        try await context.count("enrolments", where: "group_id", is: groupID) { query in
            query.where("status", .in, EnrolmentStatus.allCases.filter(\.holdsSeat).map(\.rawValue))
        }
    }

    /// The stored count the groups page reads; bookkeeping, so not audited.
    static func recount(_ groupID: UUID, context: RecordContext) async throws {
        let seated = try await seated(groupID, context: context)
        try await context.sql.update("course_groups").set("students", to: SQLBind(seated)).where(
            "id", .equal, SQLBind(groupID)
        ).run()
    }
}
