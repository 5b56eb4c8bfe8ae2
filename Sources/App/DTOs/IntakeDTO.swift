import Foundation
import SalesPulseCore
import Vapor

/// A lead form as the API shows it, with the address it posts to and the snippet to paste.
struct IntakeFormItem: Content {
    let id: UUID
    let name: String
    let source: String
    let assignTo: String
    let team: UUID?
    let fallbackOwnerId: UUID?
    let origins: [String]
    let thankYouUrl: String?
    let active: Bool
    let received: Int64
    let refused: Int64
    let address: String
    let snippet: String
    let createdAt: Date

    init(_ form: IntakeForms.Form, publicURL: String) {
        id = form.id
        name = form.name
        source = form.source
        switch form.rule {
        case .named(let person): (assignTo, team) = (person.uuidString, nil)
        case .roundRobin(let group): (assignTo, team) = ("roundRobin", group)
        case .leastLoaded(let group): (assignTo, team) = ("leastLoaded", group)
        case nil: (assignTo, team) = ("", nil)
        }
        fallbackOwnerId = form.fallbackOwnerId
        origins = form.origins
        thankYouUrl = form.thankYouUrl
        active = form.isActive
        received = form.receivedCount
        refused = form.refusedCount
        address = IntakeSnippet.address(form, publicURL: publicURL)
        snippet = IntakeSnippet.html(form, publicURL: publicURL)
        createdAt = form.createdAt
    }
}

struct IntakeFormListing: Content {
    let items: [IntakeFormItem]
}

/// A new lead form. `assignTo` is a person's id, `roundRobin` or `leastLoaded` (with `team`).
struct IntakeFormBody: Content, StrictBody {
    var name: String?
    var source: String?
    var assignTo: String?
    var team: UUID?
    var fallbackOwnerId: UUID?
    var origins: [String]?
    var thankYouUrl: String?

    enum CodingKeys: String, CodingKey, CaseIterable { case name, source, assignTo, team, fallbackOwnerId, origins, thankYouUrl }
}

struct IntakeFormState: Content, StrictBody {
    var active: Bool?

    enum CodingKeys: String, CodingKey, CaseIterable { case active }
}

struct IntakeLogItem: Content {
    let id: UUID
    let formId: UUID
    let receivedAt: Date
    let outcome: String
    let reason: String?
    let leadId: UUID?

    init(_ entry: IntakeLog.Entry) {
        id = entry.id
        formId = entry.formId
        receivedAt = entry.receivedAt
        outcome = entry.outcome
        reason = entry.reason
        leadId = entry.leadId
    }
}

struct IntakeLogListing: Content {
    let items: [IntakeLogItem]
}
