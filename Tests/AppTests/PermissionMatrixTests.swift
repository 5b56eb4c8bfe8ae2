@testable import App
import Fluent
import Testing
import Vapor
import VaporTesting

/// Every role on every route: the statuses S1 promises, refusals included.
@Suite("Permission matrix")
struct PermissionMatrixTests {
    enum Who: String, CaseIterable, CustomTestStringConvertible {
        case admin, manager, rep, viewer, anonymous
        var testDescription: String { rawValue }
    }

    /// A small company: North (led by the manager, with the rep) and South (an outsider).
    struct Company {
        let users: [Who: User]
        let outsider: User
        let spareUser: User
        let south: Team
        let spareTeam: Team

        static func make(_ app: Application) async throws -> Company {
            let manager = try await makeUser(app, email: "manager@example.com", role: "manager")
            try await makeTeam(app, "North", lead: manager)
            let south = try await makeTeam(app, "South")
            let spareTeam = try await makeTeam(app, "Spare")
            return Company(
                users: [
                    .admin: try await makeUser(app, email: "admin@example.com", role: "admin"),
                    .manager: manager,
                    .rep: try await makeUser(
                        app, email: "rep@example.com", role: "rep", team: "North", manager: "manager@example.com"),
                    .viewer: try await makeUser(app, email: "viewer@example.com", role: "viewer"),
                ],
                outsider: try await makeUser(app, email: "outsider@example.com", role: "rep", team: "South"),
                spareUser: try await makeUser(app, email: "spare@example.com", role: "rep", team: "South"),
                south: south, spareTeam: spareTeam)
        }
    }

    struct Case {
        let method: HTTPMethod
        let path: (Company) throws -> String
        let json: String?
        let expected: [Who: HTTPStatus]
    }

    static func all(_ status: HTTPStatus, anonymous: HTTPStatus = .unauthorized) -> [Who: HTTPStatus] {
        [.admin: status, .manager: status, .rep: status, .viewer: status, .anonymous: anonymous]
    }

    static func adminOnly(_ status: HTTPStatus) -> [Who: HTTPStatus] {
        [.admin: status, .manager: .forbidden, .rep: .forbidden, .viewer: .forbidden, .anonymous: .unauthorized]
    }

    nonisolated(unsafe) static let apiCases: [Case] = [
        Case(method: .GET, path: { _ in "/api/v1/me" }, json: nil, expected: all(.ok)),
        Case(method: .GET, path: { _ in "/api/v1/auth/tokens" }, json: nil, expected: all(.ok)),
        Case(
            method: .GET, path: { _ in "/api/v1/users" }, json: nil,
            expected: [.admin: .ok, .manager: .ok, .rep: .forbidden, .viewer: .forbidden, .anonymous: .unauthorized]),
        Case(
            method: .POST, path: { _ in "/api/v1/users" },
            json: #"{"email":"new@example.com","password":"a long password","role":"rep"}"#,
            expected: adminOnly(.created)),
        Case(
            method: .GET, path: { "/api/v1/users/\(try $0.users[.rep]!.requireID())" }, json: nil,
            expected: [.admin: .ok, .manager: .ok, .rep: .ok, .viewer: .forbidden, .anonymous: .unauthorized]),
        Case(
            method: .GET, path: { "/api/v1/users/\(try $0.outsider.requireID())" }, json: nil,
            expected: [
                .admin: .ok, .manager: .notFound, .rep: .forbidden, .viewer: .forbidden, .anonymous: .unauthorized,
            ]),
        Case(
            method: .PATCH, path: { "/api/v1/users/\(try $0.outsider.requireID())" }, json: #"{"name":"Renamed"}"#,
            expected: adminOnly(.ok)),
        Case(
            method: .PATCH, path: { "/api/v1/users/\(try $0.users[.rep]!.requireID())" }, json: #"{"role":"admin"}"#,
            expected: adminOnly(.ok)),
        Case(
            method: .DELETE, path: { "/api/v1/users/\(try $0.spareUser.requireID())" }, json: nil,
            expected: adminOnly(.noContent)),
        Case(method: .GET, path: { _ in "/api/v1/teams" }, json: nil, expected: all(.ok)),
        Case(method: .GET, path: { "/api/v1/teams/\(try $0.south.requireID())" }, json: nil, expected: all(.ok)),
        Case(method: .POST, path: { _ in "/api/v1/teams" }, json: #"{"name":"East"}"#, expected: adminOnly(.created)),
        Case(
            method: .PATCH, path: { "/api/v1/teams/\(try $0.south.requireID())" }, json: #"{"region":"Iberia"}"#,
            expected: adminOnly(.ok)),
        Case(
            method: .DELETE, path: { "/api/v1/teams/\(try $0.spareTeam.requireID())" }, json: nil,
            expected: adminOnly(.noContent)),
    ]

    @Test(arguments: Who.allCases)
    func apiRoutes(who: Who) async throws {
        try await withTestApp { app in
            let company = try await Company.make(app)
            var bearer: String?
            if let user = company.users[who] { bearer = try await token(for: user, app) }
            for testCase in Self.apiCases {
                let path = try testCase.path(company)
                let response = try await app.api(testCase.method, path, token: bearer, json: testCase.json)
                #expect(
                    response.status == testCase.expected[who], "\(who) \(testCase.method) \(path): \(response.text)")
                if response.status.code >= 400 { #expect(try response.apiError().code.isEmpty == false) }
            }
        }
    }

    static let pageCases: [(HTTPMethod, String, [String: String], [Who: HTTPStatus])] = [
        (.GET, "/", [:], [.admin: .ok, .manager: .ok, .rep: .ok, .viewer: .ok, .anonymous: .seeOther]),
        (.GET, "/account/tokens", [:], [.admin: .ok, .manager: .ok, .rep: .ok, .viewer: .ok, .anonymous: .seeOther]),
        (.GET, "/account/password", [:], [.admin: .ok, .manager: .ok, .rep: .ok, .viewer: .ok, .anonymous: .seeOther]),
        (
            .GET, "/team", [:],
            [.admin: .ok, .manager: .ok, .rep: .forbidden, .viewer: .forbidden, .anonymous: .seeOther]
        ),
        (
            .GET, "/admin/users", [:],
            [.admin: .ok, .manager: .forbidden, .rep: .forbidden, .viewer: .forbidden, .anonymous: .seeOther]
        ),
        (
            .GET, "/admin/users/new", [:],
            [.admin: .ok, .manager: .forbidden, .rep: .forbidden, .viewer: .forbidden, .anonymous: .seeOther]
        ),
        (
            .POST, "/admin/users",
            ["email": "new@example.com", "password": "a long password", "role": "rep", "name": "New"],
            [.admin: .seeOther, .manager: .forbidden, .rep: .forbidden, .viewer: .forbidden, .anonymous: .seeOther]
        ),
        (
            .GET, "/admin/teams", [:],
            [.admin: .ok, .manager: .forbidden, .rep: .forbidden, .viewer: .forbidden, .anonymous: .seeOther]
        ),
        (
            .POST, "/admin/teams", ["name": "East"],
            [.admin: .seeOther, .manager: .forbidden, .rep: .forbidden, .viewer: .forbidden, .anonymous: .seeOther]
        ),
    ]

    @Test(arguments: Who.allCases)
    func pages(who: Who) async throws {
        try await withTestApp { app in
            let company = try await Company.make(app)
            let browser = Browser(app)
            if let user = company.users[who] {
                #expect(try await browser.signIn(user.email).status == .seeOther)
            } else {
                try await browser.get("/login")
            }
            for (method, path, form, expected) in Self.pageCases {
                let csrf = browser.csrfToken()
                let response =
                    method == .GET ? try await browser.get(path) : try await browser.post(path, form, csrf: csrf)
                #expect(response.status == expected[who], "\(who) \(method) \(path)")
                if method == .GET, response.status == .ok { _ = browser.csrfToken() }
            }
            let created = try await User.query(on: app.db).filter(\.$email == "new@example.com").count()
            #expect(created == (who == .admin ? 1 : 0))
        }
    }
}
