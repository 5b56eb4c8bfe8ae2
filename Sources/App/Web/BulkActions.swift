import Foundation
import SalesPulseCore
import Vapor

/// Rows chosen on a list page changed together: reassigned, moved to a status or stage, given a
/// follow-up date, or deleted. One transaction for all of them: every row passes the same
/// policy and rules as a single edit, and if one is refused, none changes.
struct BulkActions {
    enum Action: String, CaseIterable {
        case reassign, status, followUp = "follow-up", delete
    }

    struct Choice: Encodable {
        let value: String
        let label: String
    }

    /// The actions a list offers, from what its records have.
    static func actions(for page: RecordPageSpec) -> [Choice] {
        var choices: [Choice] = []
        if page.spec.ownerField != nil { choices.append(Choice(value: Action.reassign.rawValue, label: "Give to")) }
        if let board = page.board {
            choices.append(
                Choice(value: Action.status.rawValue, label: board.field == "stage" ? "Move to stage" : "Change status")
            )
        }
        if page.spec.field("followUpAt") != nil {
            choices.append(Choice(value: Action.followUp.rawValue, label: "Follow up on"))
        }
        choices.append(Choice(value: Action.delete.rawValue, label: "Delete"))
        return choices
    }

    let page: RecordPageSpec

    func run(_ req: Request) async throws -> Response {
        struct Form: Content {
            var ids: [String]?
            var action: String?
            var ownerId: String?
            var status: String?
            var followUpAt: String?
        }
        try await req.authorize(.update, page.spec.policy)
        let form = try req.content.decode(Form.self)
        let back = "/\(page.path)"
        let ids = (form.ids ?? []).compactMap(UUID.init(uuidString:))
        guard !ids.isEmpty else {
            return req.redirect(to: URLQuery.path(back, ["message": "Choose the rows to change first."]))
        }
        guard let action = form.action.flatMap(Action.init(rawValue:)) else {
            return req.redirect(to: URLQuery.path(back, ["message": "Choose what to do with the chosen rows."]))
        }
        var values: [String: FieldValue] = [:]
        do {
            switch action {
            case .reassign:
                guard let ownerField = page.spec.ownerField else {
                    throw DomainError.invalid(field: "action", "These records have no owner.")
                }
                values[ownerField] = try page.spec.field(ownerField)!.parse(text: form.ownerId ?? "")
                if values[ownerField]?.isNull ?? true {
                    throw DomainError.invalid(field: "ownerId", "Choose who gets them.")
                }
            case .status:
                guard let board = page.board else {
                    throw DomainError.invalid(field: "action", "These records have no status.")
                }
                values[board.field] = try page.spec.field(board.field)!.parse(text: form.status ?? "")
            case .followUp:
                let (parsed, errors) = RecordForm.parse(["followUpAt": form.followUpAt ?? ""], spec: page.spec)
                if let error = errors["followUpAt"] { throw DomainError.invalid(field: "followUpAt", error) }
                guard let at = parsed["followUpAt"], !at.isNull else {
                    throw DomainError.invalid(field: "followUpAt", "Choose a date and time.")
                }
                values["followUpAt"] = at
            case .delete:
                break
            }
            let context = try await req.recordContext()
            let spec = page.spec, nameField = page.nameField, changes = values
            try await req.db.writeTransaction { tx in
                let store = RecordStore(spec: spec, db: tx)
                for id in ids {
                    guard let record = try await store.find(id) else {
                        throw DomainError.notFound("No such \(spec.label).")
                    }
                    do {
                        if action == .delete {
                            try await store.delete(record, cascade: false, context: context.on(tx))
                        } else {
                            try await store.apply(changes, to: record, context: context.on(tx))
                        }
                    } catch let error as DomainError
                        where error.status == .unprocessableEntity || error.status == .conflict
                    {
                        throw DomainError.invalid(
                            field: error.field ?? "ids",
                            "\(record[field: nameField].text ?? spec.label): \(error.reason)")
                    }
                }
            }
        } catch {
            let payload = ErrorPayload(error)
            guard payload.isShownOnForm else { throw error }
            return req.redirect(to: URLQuery.path(back, ["message": "Nothing was changed. \(payload.message)"]))
        }
        let noun = ids.count == 1 ? page.spec.label : page.title.lowercased()
        let done = action == .delete ? "Deleted" : "Changed"
        return req.redirect(to: URLQuery.path(back, ["message": "\(done) \(ids.count) \(noun)."]))
    }
}
