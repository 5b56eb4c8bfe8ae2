import Foundation
import SalesPulseCore
import Vapor

/// A lead form as the API shows it, with the address it posts to and the snippet to paste.
struct IntakeFormItem: Content {
    let id: UUID
    /// form, telegram, whatsapp or calls.
    let channel: String
    /// The secret a channel's deliveries prove themselves with (Telegram's secret token, the
    /// call-tracking signing key); WhatsApp's app secret is never shown again.
    let secret: String?
    /// WhatsApp's verify token for the subscription check.
    let verifyToken: String?
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
        channel = form.channel
        secret = form.kind == .whatsapp ? nil : form.secret
        verifyToken = form.verifyToken
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
        snippet = form.kind == .form ? IntakeSnippet.html(form, publicURL: publicURL) : ""
        createdAt = form.createdAt
    }
}

struct IntakeFormListing: Content {
    let items: [IntakeFormItem]
}

/// A new lead form or channel. `assignTo` is a person's id, `roundRobin` or `leastLoaded`
/// (with `team`); a WhatsApp channel needs the Meta app's `appSecret`.
struct IntakeFormBody: Content, StrictBody {
    var channel: String?
    var appSecret: String?
    var name: String?
    var source: String?
    var assignTo: String?
    var team: UUID?
    var fallbackOwnerId: UUID?
    var origins: [String]?
    var thankYouUrl: String?

    enum CodingKeys: String, CodingKey, CaseIterable { case channel, appSecret, name, source, assignTo, team, fallbackOwnerId, origins, thankYouUrl }
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
