@testable import App
import Foundation
import Testing
import Vapor
import VaporTesting

/// A small sales company for CRM tests: North (manager leads it, repA reports to the manager),
/// South (repB, managed by nobody here), an admin and a viewer, each with an API token.
struct CRMCompany {
    enum Person: String, CaseIterable, CustomTestStringConvertible {
        case admin, manager, repA, repB, viewer
        var testDescription: String { rawValue }
    }

    let app: Application
    let users: [Person: User]
    let tokens: [Person: String]

    static func make(_ app: Application) async throws -> CRMCompany {
        let manager = try await makeUser(app, email: "manager@example.com", role: "manager")
        try await makeTeam(app, "North", lead: manager)
        try await makeTeam(app, "South")
        var users: [Person: User] = [
            .admin: try await makeUser(app, email: "admin@example.com", role: "admin"),
            .manager: manager,
            .repA: try await makeUser(
                app, email: "repa@example.com", role: "rep", team: "North", manager: "manager@example.com"),
            .repB: try await makeUser(app, email: "repb@example.com", role: "rep", team: "South"),
            .viewer: try await makeUser(app, email: "viewer@example.com", role: "viewer"),
        ]
        var tokens: [Person: String] = [:]
        for (person, user) in users { tokens[person] = try await token(for: user, app) }
        users[.manager] = manager
        return CRMCompany(app: app, users: users, tokens: tokens)
    }

    func id(_ person: Person) throws -> String { try users[person]!.requireID().uuidString }

    func call(
        _ person: Person, _ method: HTTPMethod, _ path: String, _ json: String? = nil
    ) async throws -> TestingHTTPResponse {
        try await app.api(method, path, token: tokens[person], json: json)
    }

    /// Creates through the API and returns the new id; fails the test if the API refuses.
    @discardableResult
    func create(
        _ person: Person, _ path: String, _ json: String, sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> String {
        let response = try await call(person, .POST, "/api/v1/\(path)", json)
        #expect(response.status == .created, "\(path): \(response.text)", sourceLocation: sourceLocation)
        return try #require(try response.json()["id"] as? String, sourceLocation: sourceLocation)
    }

    /// A valid body for creating a row of `path` owned (directly or through its parent) by `owner`,
    /// making whatever it depends on first.
    func sampleBody(_ path: String, ownedBy owner: Person, _ n: Int = 1) async throws -> String {
        let ownerID = try id(owner)
        switch path {
        case "regions", "segments", "product-categories": return #"{"name":"\#(path) \#(n)"}"#
        case "products": return #"{"name":"Product \#(n)","price":120.5,"cost":80}"#
        case "custom-fields": return #"{"name":"field\#(n)","type":"text"}"#
        case "accounts": return #"{"name":"Account \#(n)","ownerId":"\#(ownerID)"}"#
        case "contacts": return #"{"name":"Contact \#(n)","email":"contact\#(n)@example.com","ownerId":"\#(ownerID)"}"#
        case "leads":
            return #"{"name":"Lead \#(n)","email":"lead\#(n)@example.com","source":"website","ownerId":"\#(ownerID)"}"#
        case "opportunities":
            let account = try await create(
                .admin, "accounts", try await sampleBody("accounts", ownedBy: owner, n + 100))
            return #"{"name":"Deal \#(n)","accountId":"\#(account)","amount":5000,"ownerId":"\#(ownerID)"}"#
        case "opportunity-lines":
            let deal = try await create(
                .admin, "opportunities", try await sampleBody("opportunities", ownedBy: owner, n + 200))
            let product = try await create(.admin, "products", #"{"name":"Line product \#(n)","price":10,"cost":4}"#)
            return #"{"opportunityId":"\#(deal)","productId":"\#(product)","quantity":3}"#
        case "activities": return #"{"type":"call","subject":"Call \#(n)","userId":"\#(ownerID)"}"#
        case "tasks": return #"{"title":"Task \#(n)","assigneeId":"\#(ownerID)","dueAt":"2030-01-01T09:00:00Z"}"#
        case "sales": return #"{"amount":900,"repId":"\#(ownerID)","soldOn":"2026-03-01"}"#
        case "sale-lines":
            let sale = try await create(.admin, "sales", try await sampleBody("sales", ownedBy: owner, n + 300))
            let product = try await create(.admin, "products", #"{"name":"Sold product \#(n)","price":10,"cost":4}"#)
            return #"{"saleId":"\#(sale)","productId":"\#(product)","quantity":1}"#
        case "notes": return #"{"body":"Note \#(n)","ownerId":"\#(ownerID)"}"#
        case "marketing-spend":
            return #"{"channel":"website","day":"2026-03-0\#(n % 9 + 1)","spend":120.5,"impressions":5000,"clicks":80}"#
        case "courses": return #"{"name":"Course \#(n)","price":300,"lessonMinutes":90,"capacity":10}"#
        case "rooms": return #"{"name":"Room \#(n)","capacity":12,"location":"Floor \#(n)"}"#
        case "closed-days": return #"{"day":"2030-12-\#(10 + n % 20)","name":"Holiday \#(n)"}"#
        case "groups":
            let course = try await create(.admin, "courses", try await sampleBody("courses", ownedBy: owner, n + 400))
            let room = try await create(.admin, "rooms", try await sampleBody("rooms", ownedBy: owner, n + 500))
            return
                #"{"name":"Group \#(n)","courseId":"\#(course)","roomId":"\#(room)","days":"mon_wed_fri","startTime":"18:00","firstDay":"2030-01-07","lastDay":"2030-06-28"}"#
        case "enrolments":
            let contact = try await create(
                .admin, "contacts", try await sampleBody("contacts", ownedBy: owner, n + 600))
            let group = try await create(.admin, "groups", try await sampleBody("groups", ownedBy: owner, n + 600))
            return #"{"contactId":"\#(contact)","groupId":"\#(group)","ownerId":"\#(ownerID)"}"#
        case "trial-lessons":
            let lead = try await create(.admin, "leads", try await sampleBody("leads", ownedBy: owner, n + 700))
            let group = try await create(.admin, "groups", try await sampleBody("groups", ownedBy: owner, n + 700))
            return #"{"leadId":"\#(lead)","groupId":"\#(group)","lessonDay":"2030-01-09","ownerId":"\#(ownerID)"}"#
        default:
            Issue.record("no sample body for \(path)")
            return "{}"
        }
    }
}
