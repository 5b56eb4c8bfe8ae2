import Foundation
import SalesPulseCore

/// A parsed question as the record list's own filters, so every answer is the list the link
/// opens, counted, summed or grouped: the same rows, the same permissions.
struct QuestionListFilters: Sendable {
    let spec: RecordSpec
    var parameters: [String: String] = [:]
    /// What "total" adds up: revenue of sales, amount of deals, budget of leads; nil for records
    /// without money (calls, tasks, contacts), which are counted instead.
    let moneyField: String?
    /// The words shown for each condition ("Owner": "Maria Kowalski").
    var chips: [(String, String)] = []

    init(subject: ParsedQuestion.Subject) {
        spec = RecordCatalog.all.first { $0.path == subject.rawValue }!
        switch subject {
        case .sales, .opportunities: moneyField = "amount"
        case .leads: moneyField = "budget"
        case .products: moneyField = "price"
        case .accounts: moneyField = "annualRevenue"
        default: moneyField = nil
        }
    }

    var ownerField: String {
        switch spec.path {
        case "tasks": "assigneeId"
        case "activities": "userId"
        case "sales": "repId"
        default: "ownerId"
        }
    }

    var stateField: String? {
        switch spec.path {
        case "leads", "tasks": "status"
        case "opportunities": "stage"
        default: nil
        }
    }

    /// The list field a grouping counts by.
    func groupField(_ grouping: ParsedQuestion.Grouping) -> String? {
        let name: String
        switch grouping {
        case .rep: name = ownerField
        case .stage, .status: name = stateField ?? ""
        case .region: name = "regionId"
        case .source: name = "source"
        case .type: name = "type"
        case .priority: name = "priority"
        case .month: return nil
        }
        return spec.field(name) == nil ? nil : name
    }

    /// Which date the period applies to, and whether the list reads it as a day or an instant.
    func dateField(_ question: ParsedQuestion) -> (name: String, isDay: Bool) {
        switch spec.path {
        case "opportunities" where question.byCloseDate:
            return question.states.allSatisfy { $0.hasPrefix("closed_") } && !question.states.isEmpty
                ? ("closedAt", false) : ("expectedCloseDate", true)
        case "activities": return ("occurredAt", false)
        case "tasks": return question.states == ["done"] ? ("completedAt", false) : ("dueAt", false)
        case "sales": return ("soldOn", true)
        default: return ("created", false)
        }
    }

    mutating func set(period: ParsedQuestion.Period, for question: ParsedQuestion) {
        let (name, isDay) = dateField(question)
        if let from = period.from {
            parameters[name + "From"] = isDay ? from.text : InternetTime.format(from.date)
        }
        if let to = period.to {
            parameters[name + "To"] =
                isDay ? to.text : InternetTime.format(to.adding(days: 1).date.addingTimeInterval(-0.001))
        }
    }

    var link: String {
        parameters.isEmpty
            ? "/\(spec.path)"
            : "/\(spec.path)?" + parameters.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }.queryString
    }
}
