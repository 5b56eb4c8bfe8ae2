@testable import App
import Fluent
import Foundation
import NIOConcurrencyHelpers
import SalesPulseCore
import Testing
import Vapor
import VaporTesting

/// Walks the app's router, web and API, every method: each route is called by each kind of
/// person of S1 with valid input against a fresh record of the owner rep, and the answer must be
/// the one README's permission table gives. A refused call must leave every business row as it
/// was. A route this file cannot classify fails the walk, so no new route skips it.
@Suite("Route access matrix")
struct RouteAccessMatrixTests {
    @Test(arguments: AccessWho.allCases)
    func everyRouteAnswersAsThePolicySays(who: AccessWho) async throws {
        try await withTestApp { app in
            let company = try await AccessCompany.make(app, signIn: [who])
            try await RouteRules.prepare(company)
            let rules = RouteRules.all
            var unclassified: [String] = []
            for route in app.routes.all {
                let key = RouteRules.key(route)
                guard let rule = rules[key] else { unclassified.append(key); continue }
                let call = try await rule.call(company, who)
                let before = try await DatabaseFingerprint.take(app)
                let response = try await RouteRules.send(call, route: route, as: who, company: company)
                if let restore = call.restore { try await restore(company, who) }
                let outcome = Outcome(response)
                let expected = rule.expect(who)
                #expect(
                    outcome == expected,
                    "\(who) \(key) → \(response.status) \(response.headers.first(name: .location) ?? ""): \(response.body.string.prefix(300))"
                )
                #expect(response.status.code < 500, "\(who) \(key): \(response.body.string.prefix(300))")
                if outcome.isRefusal {
                    let after = try await DatabaseFingerprint.take(app)
                    #expect(after == before, "\(who) \(key) was refused but changed \(after.differences(from: before))")
                }
            }
            #expect(unclassified.isEmpty, "routes with no access rule: \(unclassified.sorted())")
        }
    }

    /// Every state-changing route, web and API, refuses a session-cookie request that lacks the
    /// CSRF token, and writes nothing.
    @Test func everyStateChangingRouteNeedsTheCSRFToken() async throws {
        try await withTestApp { app in
            let company = try await AccessCompany.make(app, signIn: [.admin])
            try await RouteRules.prepare(company)
            let cookie = try #require(company.browsers[.admin]?.sessionCookie)
            var checked = 0
            for route in app.routes.all where ![.GET, .HEAD, .OPTIONS].contains(route.method) {
                let key = RouteRules.key(route)
                if RouteRules.publicByDesign.contains(key) { continue }
                let rule = try #require(RouteRules.all[key], "no rule for \(key)")
                let call = try await rule.call(company, .admin)
                let before = try await DatabaseFingerprint.take(app)
                var headers: HTTPHeaders = ["Cookie": "salespulse_session=\(cookie)"]
                let body: ByteBuffer
                if let json = call.json {
                    headers.contentType = .json
                    body = ByteBuffer(string: json)
                } else {
                    headers.contentType = .urlEncodedForm
                    body = ByteBuffer(
                        string: (call.form ?? [:]).map {
                            "\($0.key)=\($0.value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")"
                        }.joined(separator: "&"))
                }
                let response = try await app.testing().sendRequest(
                    route.method, call.path, headers: headers, body: body)
                #expect(response.status == .forbidden, "\(key) without a CSRF token: \(response.status)")
                #expect(try await DatabaseFingerprint.take(app) == before, "\(key) wrote without a CSRF token")
                checked += 1
            }
            #expect(checked > 60)
        }
    }
}

/// What a person sees of an answer.
enum Outcome: Equatable, CustomStringConvertible {
    case ok, signIn, unauthorized, forbidden, notFound, invalid, other(UInt)

    init(_ response: TestingHTTPResponse) {
        switch response.status.code {
        case 200..<300: self = .ok
        case 300..<400: self = (response.headers.first(name: .location) ?? "").hasPrefix("/login") ? .signIn : .ok
        case 401: self = .unauthorized
        case 403: self = .forbidden
        case 404: self = .notFound
        case 422: self = .invalid
        default: self = .other(response.status.code)
        }
    }

    var isRefusal: Bool { [.signIn, .unauthorized, .forbidden, .notFound].contains(self) }

    var description: String {
        switch self {
        case .ok: "ok"
        case .signIn: "redirect to sign-in"
        case .unauthorized: "401"
        case .forbidden: "403"
        case .notFound: "404"
        case .invalid: "422"
        case .other(let code): "\(code)"
        }
    }
}
