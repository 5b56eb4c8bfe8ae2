@testable import App
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

/// The people S1's rules tell apart, around one rep who owns the records being tried.
enum AccessWho: String, CaseIterable, CustomTestStringConvertible, Sendable {
    case admin, teamManager, otherManager, owner, teammate, outsider, viewer, anonymous
    var testDescription: String { rawValue }

    var email: String? { self == .anonymous ? nil : "\(rawValue.lowercased())@example.com" }
    /// Whether S1 lets this person see a record the owner rep owns.
    var seesOwnersRecords: Bool { [.admin, .teamManager, .owner, .viewer].contains(self) }
    var isManagerOrAdmin: Bool { [.admin, .teamManager, .otherManager].contains(self) }
}

/// North (led by teamManager: owner and teammate) and South (led by otherManager: outsider),
/// an admin and a viewer; each signed in once on the web and holding an API token.
struct AccessCompany {
    let app: Application
    let users: [AccessWho: User]
    let tokens: [AccessWho: String]
    let browsers: [AccessWho: Browser]
    /// The admin's token for making fixtures, whoever is being tried.
    let adminToken: String

    static func make(_ app: Application, signIn: [AccessWho] = AccessWho.allCases) async throws -> AccessCompany {
        let teamManager = try await makeUser(app, email: AccessWho.teamManager.email!, role: "manager")
        let otherManager = try await makeUser(app, email: AccessWho.otherManager.email!, role: "manager")
        try await makeTeam(app, "North", lead: teamManager)
        try await makeTeam(app, "South", lead: otherManager)
        let users: [AccessWho: User] = [
            .admin: try await makeUser(app, email: AccessWho.admin.email!, role: "admin"),
            .teamManager: teamManager, .otherManager: otherManager,
            .owner: try await makeUser(
                app, email: AccessWho.owner.email!, role: "rep", team: "North", manager: AccessWho.teamManager.email),
            .teammate: try await makeUser(
                app, email: AccessWho.teammate.email!, role: "rep", team: "North", manager: AccessWho.teamManager.email),
            .outsider: try await makeUser(
                app, email: AccessWho.outsider.email!, role: "rep", team: "South", manager: AccessWho.otherManager.email
            ),
            .viewer: try await makeUser(app, email: AccessWho.viewer.email!, role: "viewer"),
        ]
        var tokens: [AccessWho: String] = [:]
        var browsers: [AccessWho: Browser] = [:]
        for who in signIn {
            let browser = Browser(app)
            if let user = users[who] {
                tokens[who] = try await token(for: user, app)
                try await browser.signIn(user.email)
                try await browser.get("/")
            } else {
                try await browser.get("/login")
            }
            browsers[who] = browser
        }
        return AccessCompany(
            app: app, users: users, tokens: tokens, browsers: browsers,
            adminToken: try await token(for: users[.admin]!, app))
    }

    func id(_ who: AccessWho) -> String { users[who]!.id!.uuidString }

    /// Creates a row through the API as the admin; fails the test if refused.
    @discardableResult
    func create(
        _ path: String, _ json: String, sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> String {
        let response = try await app.api(.POST, "/api/v1/\(path)", token: adminToken, json: json)
        #expect(response.status == .created, "\(path): \(response.text)", sourceLocation: sourceLocation)
        return try #require(try response.json()["id"] as? String, sourceLocation: sourceLocation)
    }

    /// A new row of `path` owned (directly or through its parent) by `owner`.
    func record(_ path: String, ownedBy owner: AccessWho) async throws -> String {
        try await create(path, try await body(path, ownedBy: owner, naming: "Fixture"))
    }

    /// A valid JSON body creating a row of `path` for `owner`, its references made first and
    /// visible to that owner. `owner` nil leaves the owner to the store (the caller).
    func body(_ path: String, ownedBy owner: AccessWho?, naming name: String) async throws -> String {
        let unique = "\(name) \(UUID().uuidString.prefix(8))"
        let ownerUser = owner.flatMap { [.admin, .viewer, .anonymous].contains($0) ? .owner : $0 } ?? .owner
        func owned(_ field: String) -> String { owner == nil ? "" : #","\#(field)":"\#(id(ownerUser))""# }
        switch path {
        case "regions", "segments", "product-categories": return #"{"name":"\#(unique)"}"#
        case "products": return #"{"name":"\#(unique)","price":120.5,"cost":80}"#
        case "custom-fields": return #"{"name":"f\#(UUID().uuidString.prefix(8).lowercased())","type":"text"}"#
        case "marketing-spend":
            return
                #"{"channel":"website","day":"2026-03-0\#(Int.random(in: 1...9))","spend":12.5,"impressions":500,"clicks":8}"#
        case "accounts": return #"{"name":"\#(unique)"\#(owned("ownerId"))}"#
        case "contacts":
            return
                #"{"name":"\#(unique)","email":"c\#(UUID().uuidString.prefix(8).lowercased())@example.com"\#(owned("ownerId"))}"#
        case "leads":
            return #"{"name":"\#(unique)","source":"website","followUpAt":"2030-01-02T10:00:00Z"\#(owned("ownerId"))}"#
        case "opportunities":
            let account = try await record("accounts", ownedBy: ownerUser)
            return #"{"name":"\#(unique)","accountId":"\#(account)","amount":5000\#(owned("ownerId"))}"#
        case "opportunity-lines":
            let deal = try await record("opportunities", ownedBy: ownerUser)
            let product = try await record("products", ownedBy: .admin)
            return #"{"opportunityId":"\#(deal)","productId":"\#(product)","quantity":3,"unitPrice":10,"unitCost":4}"#
        case "activities":
            return #"{"type":"meeting","subject":"\#(unique)","occurredAt":"2030-01-03T10:00:00Z"\#(owned("userId"))}"#
        case "tasks": return #"{"title":"\#(unique)","dueAt":"2030-01-01T09:00:00Z"\#(owned("assigneeId"))}"#
        case "sales": return #"{"amount":900,"soldOn":"2026-03-01"\#(owned("repId"))}"#
        case "sale-lines":
            let sale = try await record("sales", ownedBy: ownerUser)
            let product = try await record("products", ownedBy: .admin)
            return #"{"saleId":"\#(sale)","productId":"\#(product)","quantity":1,"unitPrice":10,"unitCost":4}"#
        case "notes": return #"{"body":"\#(unique)"\#(owned("ownerId"))}"#
        case "courses": return #"{"name":"\#(unique)","price":300,"lessonMinutes":60,"capacity":10}"#
        case "rooms": return #"{"name":"\#(unique)","capacity":12}"#
        case "closed-days": return #"{"day":"\#(RouteRules.uniqueDay())","name":"\#(unique)"}"#
        case "groups":
            let course = try await record("courses", ownedBy: .admin), room = try await record("rooms", ownedBy: .admin)
            return
                #"{"name":"\#(unique)","courseId":"\#(course)","roomId":"\#(room)","days":"mon_wed_fri","startTime":"18:00","firstDay":"2030-01-07","lastDay":"2030-03-29"}"#
        case "enrolments":
            let contact = try await record("contacts", ownedBy: ownerUser),
                group = try await record("groups", ownedBy: .admin)
            return #"{"contactId":"\#(contact)","groupId":"\#(group)"\#(owned("ownerId"))}"#
        case "trial-lessons":
            let lead = try await record("leads", ownedBy: ownerUser),
                group = try await record("groups", ownedBy: .admin)
            return #"{"leadId":"\#(lead)","groupId":"\#(group)","lessonDay":"2030-01-09"\#(owned("ownerId"))}"#
        default:
            Issue.record("no sample body for \(path)")
            return "{}"
        }
    }

    /// The same values as a page form would send them: what the edit form shows for a stored row.
    func form(of path: String, id: String) async throws -> [String: String] {
        let spec = try #require(RecordCatalog.spec(path: path))
        let record = try #require(try await RecordStore(spec: spec, db: app.db).find(UUID(uuidString: id)!))
        var form = RecordForm.text(of: record, spec: spec).filter { spec.field($0.key)?.writable ?? false }
        // A trial's time reads in the page's zone; its day alone places it on the lesson.
        if path == "trial-lessons" { form["startsAt"] = nil }
        return form
    }
}
