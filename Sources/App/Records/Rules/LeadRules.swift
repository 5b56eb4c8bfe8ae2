import Foundation
import SalesPulseCore
import SQLKit

/// Lead status moves follow the workflow; custom field values match their definitions.
struct LeadRules: RecordRules {
    func validate(_ change: inout RecordChange, context: RecordContext) async throws {
        let status = LeadStatus(rawValue: change[.status].text ?? "") ?? .new
        if let old = change.old {
            let from = LeadStatus(rawValue: old[.status].text ?? "") ?? .new
            if from != status, !(context.converting && status == .converted) {
                do {
                    try LeadWorkflow.check(
                        from: from, to: status, role: context.actor.role, lostReason: change[.lostReason].text)
                } catch {
                    throw DomainError.invalid(
                        field: "status",
                        "\(error.message) Allowed from \(from.rawValue): \(error.allowed.isEmpty ? "none" : error.allowed.joined(separator: ", "))."
                    )
                }
            }
        } else {
            if status == .converted {
                throw DomainError.invalid(field: "status", "A lead becomes Converted only through conversion.")
            }
            if status == .lost, (change[.lostReason].text ?? "").isEmpty {
                throw DomainError.invalid(field: "lostReason", "Give a lost reason when marking a lead Lost.")
            }
        }
        if change.isCreate || change.sent.contains("customFields") {
            try await CustomFieldValidator(context: context).check(change[.customFields].text)
        }
    }

    /// A lead's trial lessons go with it and its enrolments forget it, through the store so that
    /// the trial and source counts of the roll-ups follow.
    func beforeDelete(_ record: Record, cascade: Bool, context: RecordContext) async throws {
        for (spec, dependentsGo) in [(RecordSpec.trialLessons, true), (RecordSpec.enrolments, false)] {
            let store = context.store(spec)
            let rows = try await context.sql.select().column("*").from(spec.table)
                .where("lead_id", .equal, SQLBind(record.id)).all()
            for row in rows {
                let dependent = try store.decode(row)
                if dependentsGo {
                    try await store.deleteWithParent(dependent, context: context)
                } else {
                    try await store.clearReference("leadId", of: dependent, context: context)
                }
            }
        }
    }

    /// A batch scores its new leads from their values; telling new owners is left to the caller.
    func createsInBatch(context: RecordContext) -> Bool { !context.announcesAssignments }

    func derived(_ record: Record, context: RecordContext) async throws -> [String: FieldValue] {
        try await LiveScore.columns(LeadScoring(), record, context: context)
    }

    /// A lead given to someone else tells them; the events go out to webhooks.
    func afterSave(id: UUID, _ change: RecordChange, context: RecordContext) async throws {
        if context.announcesAssignments, change.changed(.ownerId), let owner = change[.ownerId].uuid {
            try await RecordEvents.leadAssigned(id, to: owner, context: context)
        }
        if change.isCreate { try await OutboundWebhooks.emit(.leadCreated, resource: .leads, id: id, context: context) }
        if !change.isCreate, change.changed(.ownerId) {
            try await OutboundWebhooks.emit(.leadAssigned, resource: .leads, id: id, context: context)
        }
        if change.changed(.status) {
            switch change[.status].text {
            case LeadStatus.lost.rawValue:
                try await OutboundWebhooks.emit(.leadLost, resource: .leads, id: id, context: context)
            case LeadStatus.converted.rawValue:
                try await OutboundWebhooks.emit(.leadConverted, resource: .leads, id: id, context: context)
            default: break
            }
        }
    }
}

/// Checks custom field values against the admin's definitions.
struct CustomFieldValidator {
    let context: RecordContext

    func check(_ json: String?) async throws {
        let values =
            try json.map { try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] ?? [:] } ?? [:]
        let context = self.context
        let definitions: [Record] = try await context.lookup("custom_fields") {
            let rows = try await context.sql.select().column("*").from("custom_fields").all()
            return try rows.map { try RecordStore(spec: .customFields, db: context.db).decode($0) }
        }
        let names = Set(definitions.compactMap { $0[.name].text })
        if let unknown = values.keys.sorted().first(where: { !names.contains($0) }) {
            throw DomainError.invalid(field: "customFields.\(unknown)", "There is no custom field named '\(unknown)'.")
        }
        for definition in definitions {
            guard let name = definition[.name].text else { continue }
            let field = "customFields.\(name)"
            guard let value = values[name], !(value is NSNull) else {
                if definition[.required].bool == true {
                    throw DomainError.invalid(field: field, "This field is required.")
                }
                continue
            }
            switch CustomFieldType(rawValue: definition[.type].text ?? "") ?? .text {
            case .text:
                guard let text = value as? String, text.count <= 1000 else {
                    throw DomainError.invalid(field: field, "Expected text.")
                }
            case .number:
                guard value is NSNumber, !(value is Bool) else {
                    throw DomainError.invalid(field: field, "Expected a number.")
                }
            case .date:
                guard let text = value as? String, FieldSpec.isCalendarDay(text) else {
                    throw DomainError.invalid(field: field, "Enter a date as YYYY-MM-DD.")
                }
            case .choice:
                let choices = (definition[.choices].text ?? "").split(separator: ",").map {
                    $0.trimmingCharacters(in: .whitespaces)
                }
                guard let text = value as? String, choices.contains(text) else {
                    throw DomainError.invalid(field: field, "Choose one of: \(choices.joined(separator: ", ")).")
                }
            }
        }
    }
}
