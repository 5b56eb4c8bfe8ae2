@testable import App
import Fluent
import Foundation
import NIOConcurrencyHelpers
import SalesPulseCore
import Testing
import Vapor
import VaporTesting

/// One request to make: a concrete path and a JSON body (API) or form (pages).
struct RouteCall {
    var path: String
    var json: String?
    var form: [String: String]?
    /// Sent from a browser of its own, for routes that end or replace the caller's session.
    var freshSession = false
    /// Puts back what the call changed about the caller's own sign-in, for the rest of the walk.
    var restore: (@Sendable (AccessCompany, AccessWho) async throws -> Void)?
}

/// How to call one route and what S1 says each person gets, written from README's table.
struct RouteRule: Sendable {
    let call: @Sendable (AccessCompany, AccessWho) async throws -> RouteCall
    let expect: @Sendable (AccessWho) -> Outcome
}

enum RouteRules {
    /// Routes other sites and platforms post to, which read no session and so need no CSRF token.
    static let publicByDesign: Set<String> = [
        "POST /intake/forms/:key", "POST /intake/telegram/:key", "POST /intake/whatsapp/:key",
        "POST /intake/calls/:key",
        "POST /intake/leadads/:key", "POST /intake/json/:key",
    ]

    static func key(_ route: Route) -> String {
        "\(route.method.rawValue) /"
            + route.path.map { component in
                switch component {
                case .constant(let text): text
                case .parameter(let name): ":\(name)"
                case .anything: "*"
                case .catchall: "**"
                }
            }.joined(separator: "/")
    }

    // MARK: expectations

    /// Pages send strangers to sign in; the API answers 401.
    static func signedIn(
        _ api: Bool, _ decide: @escaping @Sendable (AccessWho) -> Outcome
    ) -> @Sendable (AccessWho) -> Outcome {
        { who in who == .anonymous ? (api ? .unauthorized : .signIn) : decide(who) }
    }

    static func everyone(_ api: Bool) -> @Sendable (AccessWho) -> Outcome { signedIn(api) { _ in .ok } }
    static func adminOnly(_ api: Bool) -> @Sendable (AccessWho) -> Outcome {
        signedIn(api) { $0 == .admin ? .ok : .forbidden }
    }
    /// Managers and admins; `allowed` is their answer where the walk's small company cannot give
    /// the action what it needs (models train on 50 closed leads): the policy let them through.
    static func managers(_ api: Bool, allowed: Outcome = .ok) -> @Sendable (AccessWho) -> Outcome {
        signedIn(api) { $0.isManagerOrAdmin ? allowed : .forbidden }
    }
    static func wholeCompany(_ api: Bool) -> @Sendable (AccessWho) -> Outcome {
        signedIn(api) { [.admin, .viewer].contains($0) ? .ok : .forbidden }
    }
    /// Reading a row of the owner's: those who see it, 404 for the rest.
    static func readOwned(_ api: Bool) -> @Sendable (AccessWho) -> Outcome {
        signedIn(api) { $0.seesOwnersRecords ? .ok : .notFound }
    }
    /// Changing a row of the owner's: the viewer is refused, those who cannot see it get 404.
    static func writeOwned(_ api: Bool) -> @Sendable (AccessWho) -> Outcome {
        signedIn(api) { $0 == .viewer ? .forbidden : $0.seesOwnersRecords ? .ok : .notFound }
    }
    /// Exports need the grant (every role but the viewer by default) and sight of the row.
    static let exportOwned = writeOwned
    static func createOwned(_ api: Bool) -> @Sendable (AccessWho) -> Outcome {
        signedIn(api) { $0 == .viewer ? .forbidden : .ok }
    }
    static func exportAny(_ api: Bool) -> @Sendable (AccessWho) -> Outcome {
        signedIn(api) { $0 == .viewer ? .forbidden : .ok }
    }

    static func expectations(
        for spec: RecordSpec, _ api: Bool
    ) -> (
        read: @Sendable (AccessWho) -> Outcome, write: @Sendable (AccessWho) -> Outcome,
        create: @Sendable (AccessWho) -> Outcome
    ) {
        switch spec.policy {
        case .businessRecord: (readOwned(api), writeOwned(api), createOwned(api))
        case .fieldDefinition: (everyone(api), adminOnly(api), adminOnly(api))
        default: (everyone(api), managers(api), managers(api))
        }
    }

    // MARK: fixtures shared by the walk

    /// A monthly target for the owner, so the performance pages list them.
    static func prepare(_ company: AccessCompany) async throws {
        let owner = company.users[.owner]!
        owner.monthlyTargetCents = 1_000_000
        try await owner.save(on: company.app.db)
    }

    static func fresh(_ company: AccessCompany, _ path: String) async throws -> String {
        try await company.record(path, ownedBy: .owner)
    }

    static func spareUser(_ company: AccessCompany) async throws -> User {
        try await makeUser(
            company.app, email: "spare-\(UUID().uuidString.prefix(8).lowercased())@example.com", role: "rep",
            team: "South")
    }

    static func spareTeam(_ company: AccessCompany) async throws -> Team {
        try await makeTeam(company.app, "Spare \(UUID().uuidString.prefix(8))")
    }

    /// The form a person fills in to create a row: the fields of a fresh row of theirs.
    static func createForm(_ company: AccessCompany, _ path: String, _ who: AccessWho) async throws -> [String: String]
    {
        let spec = RecordCatalog.spec(path: path)!
        let template = try await company.create(path, try await company.body(path, ownedBy: who, naming: "Template"))
        var form = try await company.form(of: path, id: template)
        if let nameField = ["name", "title", "subject", "body"].first(where: {
            form[$0] != nil && spec.field($0) != nil
        }) {
            form[nameField] = "Typed \(UUID().uuidString.prefix(8))"
        }
        if path == "contacts" { form["email"] = "typed-\(UUID().uuidString.prefix(8).lowercased())@example.com" }
        if path == "marketing-spend" { form["day"] = uniqueDay() }
        if path == "closed-days" { form["day"] = uniqueDay() }
        if path == "groups" { form["roomId"] = try await company.record("rooms", ownedBy: .admin) }
        if let owner = spec.ownerField { form[owner] = nil }
        return form
    }

    private static let dayCounter = NIOLockedValueBox(0)

    /// A day no other call has used, for rows unique per channel and day.
    /// A saved report of the owner's, new for each call.
    static func savedReport(_ company: AccessCompany) async throws -> String {
        let report = SavedReport(
            name: "Owner's weekly", ownerID: try company.users[.owner]!.requireID(), parameters: "period=last-week",
            recipientIDs: [])
        try await report.save(on: company.app.db)
        return try report.requireID().uuidString
    }

    static func uniqueDay() -> String {
        let n = dayCounter.withLockedValue {
            $0 += 1; return $0
        }
        let date = Date(timeIntervalSince1970: 1_500_000_000 + Double(n) * 86_400)
        return InternetTime.day(date)
    }

    // MARK: sending

    static func send(
        _ call: RouteCall, route: Route, as who: AccessWho, company: AccessCompany
    ) async throws -> TestingHTTPResponse {
        let app = company.app
        if call.path.hasPrefix("/api/") || call.path.hasPrefix("/calendar/") || call.path == "/health"
            || call.path == "/metrics"
        {
            return try await app.api(
                route.method, call.path, token: company.tokens[who],
                json: call.json ?? (route.method == .GET || route.method == .DELETE ? nil : "{}"))
        }
        var browser = company.browsers[who] ?? Browser(app)
        if call.freshSession {
            browser = Browser(app)
            if let user = company.users[who] { try await browser.signIn(user.email) }
            try await browser.get(who == .anonymous ? "/login" : "/account/password")
        }
        if route.method == .GET { return try await browser.get(call.path) }
        return try await browser.post(call.path, call.form ?? [:])
    }
}
