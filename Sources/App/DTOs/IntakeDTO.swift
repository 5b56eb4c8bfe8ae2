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
    /// Meta's verify token for the subscription check (WhatsApp, lead ads).
    let verifyToken: String?
    /// Another service's JSON: where each detail is read from, one `detail = path` per line.
    let mapping: String?
    let name: String
    let source: String
    let assignTo: String
    let team: UUID?
    /// Special cases before the rule: by product interest or region, who gets the lead.
    let routes: [IntakeRouteBody]
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
        secret = form.kind.signedWithAppSecret ? nil : form.secret
        verifyToken = form.verifyToken
        mapping = form.kind == .json ? form.mapping.text : nil
        name = form.name
        source = form.source
        (assignTo, team) = IntakeRouteBody.parts(form.rule)
        routes = form.routing.map { route in
            let (assignTo, team) = IntakeRouteBody.parts(route.rule)
            return IntakeRouteBody(when: route.when.rawValue, contains: route.contains, assignTo: assignTo, team: team)
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
/// (with `team`); WhatsApp and lead ads need the Meta app's `appSecret`, lead ads also the
/// page's `accessToken`; another service (`json`) may give a `mapping`.
struct IntakeFormBody: Content, StrictBody {
    var channel: String?
    var appSecret: String?
    var accessToken: String?
    var mapping: String?
    var name: String?
    var source: String?
    var assignTo: String?
    var team: UUID?
    var fallbackOwnerId: UUID?
    var origins: [String]?
    var thankYouUrl: String?
    var routes: [IntakeRouteBody]?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case channel, appSecret, accessToken, mapping, name, source, assignTo, team, fallbackOwnerId, origins,
            thankYouUrl, routes
    }
}

/// A special case: when `when` (productInterest or region) contains `contains`, the lead goes
/// to `assignTo` (a person's id, roundRobin or leastLoaded with `team`).
struct IntakeRouteBody: Content {
    var when: String?
    var contains: String?
    var assignTo: String?
    var team: UUID?

    var input: IntakeForms.RouteInput {
        IntakeForms.RouteInput(when: when, contains: contains, assignTo: assignTo, team: team?.uuidString)
    }

    static func parts(_ rule: LeadAssignment?) -> (String, UUID?) {
        switch rule {
        case .named(let person): (person.uuidString, nil)
        case .roundRobin(let group): ("roundRobin", group)
        case .leastLoaded(let group): ("leastLoaded", group)
        case nil: ("", nil)
        }
    }
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
    /// The delivery is kept and can be sent again.
    let canReplay: Bool
    let replayedAt: Date?

    init(_ entry: IntakeLog.Entry) {
        id = entry.id
        formId = entry.formId
        receivedAt = entry.receivedAt
        outcome = entry.outcome
        reason = entry.reason
        leadId = entry.leadId
        canReplay = entry.canReplay
        replayedAt = entry.replayedAt
    }
}

struct IntakeLogListing: Content {
    let items: [IntakeLogItem]
}

struct IntakeReplayResult: Content {
    /// What each person the delivery held became: created, matched or refused.
    let received: [String]
}
