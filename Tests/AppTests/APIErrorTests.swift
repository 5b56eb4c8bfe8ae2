@testable import App
import Testing
import Vapor
import VaporTesting

@Suite("API error handling")
struct APIErrorTests {
    @Test func badBodiesAreClientErrorsWithTheHouseShape() async throws {
        try await withTestApp { app in
            let admin = try await makeUser(app, email: "admin@example.com", role: "admin")
            let token = try await token(for: admin, app)

            let malformed = try await app.api(.POST, "/api/v1/users", token: token, json: #"{"email": "#)
            #expect(malformed.status == .badRequest)
            #expect(try malformed.apiError().code == "bad_request")

            let wrongType = try await app.api(
                .POST, "/api/v1/users", token: token,
                json: #"{"email":"a@example.com","password":"long enough pw","role":"rep","monthlyTarget":"lots"}"#)
            #expect(wrongType.status == .unprocessableEntity)
            #expect(try wrongType.apiError().field == "monthlyTarget")

            let unknownField = try await app.api(
                .POST, "/api/v1/users", token: token,
                json: #"{"email":"a@example.com","password":"long enough pw","role":"rep","isAdmin":true}"#)
            #expect(unknownField.status == .unprocessableEntity)
            #expect(try unknownField.apiError().field == "isAdmin")

            let missing = try await app.api(
                .POST, "/api/v1/users", token: token, json: #"{"email":"a@example.com","role":"rep"}"#)
            #expect(missing.status == .unprocessableEntity)
            #expect(try missing.apiError().field == "password")

            let notAnObject = try await app.api(.POST, "/api/v1/users", token: token, json: "[1,2]")
            #expect(notAnObject.status == .badRequest)

            var formHeaders = HTTPHeaders.bearer(token)
            formHeaders.contentType = .urlEncodedForm
            let form = try await app.testing().sendRequest(
                .POST, "/api/v1/users", headers: formHeaders, body: ByteBuffer(string: "email=a"))
            #expect(form.status == .unsupportedMediaType)
            #expect(try form.apiError().code == "unsupported_media_type")

            let huge = String(repeating: "x", count: 2 * 1024 * 1024)
            let oversize = try await app.api(.POST, "/api/v1/users", token: token, json: #"{"name":"\#(huge)"}"#)
            #expect(oversize.status == .payloadTooLarge)
            #expect(try oversize.apiError().code == "body_too_large")

            // nothing was written by any of them
            #expect(try await User.query(on: app.db).count() == 1)
        }
    }

    @Test func aDatabaseTooBusyToAnswerIsA503WithRetryAfter() async throws {
        try await withTestApp { app in
            // what a request meets when every database connection stays taken past the pool's wait
            app.get("api", "v1", "busy-probe") { _ -> String in
                throw ConnectionPoolTimeoutError.connectionRequestTimeout
            }
            app.get("busy-probe") { _ -> String in throw ConnectionPoolTimeoutError.connectionRequestTimeout }
            let api = try await app.api(.GET, "/api/v1/busy-probe")
            #expect(api.status == .serviceUnavailable && api.headers.first(name: .retryAfter) == "1")
            #expect(try api.apiError().code == "busy" && api.apiError().message.contains("try again"))
            let page = try await app.testing().sendRequest(.GET, "/busy-probe")
            #expect(page.status == .serviceUnavailable && page.body.string.contains("try again"))
        }
    }

    @Test func unknownRoutesAndBadIdsAreJSON404s() async throws {
        try await withTestApp { app in
            let admin = try await makeUser(app, email: "admin@example.com", role: "admin")
            let token = try await token(for: admin, app)
            let unknownRoute = try await app.api(.GET, "/api/v1/nothing-here", token: token)
            #expect(unknownRoute.status == .notFound)
            #expect(try unknownRoute.apiError().code == "not_found")
            let badID = try await app.api(.GET, "/api/v1/users/not-a-uuid", token: token)
            #expect(badID.status == .notFound)
            let anonymous = try await app.api(.GET, "/api/v1/users")
            #expect(anonymous.status == .unauthorized)
            #expect(try anonymous.apiError().code == "unauthenticated")
            let garbageToken = try await app.api(.GET, "/api/v1/me", token: "sp_garbage")
            #expect(garbageToken.status == .unauthorized)
            // a known address with a method it does not take says which methods it does
            let wrongMethod = try await app.api(.DELETE, "/api/v1/leads", token: token)
            #expect(
                wrongMethod.status == .methodNotAllowed && wrongMethod.headers.first(name: .allow) == "GET, POST",
                "\(wrongMethod.headers)")
            #expect(try wrongMethod.apiError().code == "method_not_allowed")
            let wrongOnARecord = try await app.api(.PUT, "/api/v1/leads/\(UUID())", token: token)
            #expect(
                wrongOnARecord.status == .methodNotAllowed
                    && wrongOnARecord.headers.first(name: .allow)?.contains("PATCH") == true)
            #expect(try await app.api(.DELETE, "/api/v1/nothing-here", token: token).status == .notFound)
            // a named address is not a record's id, though a record's route would take it
            for (method, path) in [
                (HTTPMethod.PATCH, "/api/v1/leads/export"), (.DELETE, "/api/v1/leads/duplicates"),
                (.OPTIONS, "/api/v1/leads/export"),
            ] {
                let named = try await app.api(method, path, token: token, json: method == .PATCH ? "{}" : nil)
                #expect(
                    named.status == .methodNotAllowed && named.headers.first(name: .allow) == "GET",
                    "\(method) \(path): \(named.status) \(named.headers)")
            }
        }
    }

    @Test func yesNoParametersTakeOnlyYesOrNo() async throws {
        try await withTestApp { app in
            let company = try await CRMCompany.make(app)
            let lead = try await company.create(.admin, "leads", #"{"name":"Ana Lima"}"#)
            let typo = try await company.call(.admin, .DELETE, "/api/v1/leads/\(lead)?cascade=ture")
            #expect(try typo.status == .unprocessableEntity && typo.apiError().field == "cascade", "\(typo.text)")
            #expect(try await company.call(.admin, .GET, "/api/v1/leads?snoozed=maybe").status == .unprocessableEntity)
            #expect(try await company.call(.admin, .GET, "/api/v1/leads?snoozed=on").status == .ok)
            #expect(try await company.call(.admin, .DELETE, "/api/v1/leads/\(lead)?cascade=false").status == .noContent)
        }
    }

    @Test func deletingWhatOtherRecordsStillUseIsAConflictNotAFailure() async throws {
        try await withTestApp { app in
            let company = try await CRMCompany.make(app)
            let course = try await company.create(
                .admin, "courses", try await company.sampleBody("courses", ownedBy: .admin))
            let room = try await company.create(.admin, "rooms", try await company.sampleBody("rooms", ownedBy: .admin))
            try await company.create(
                .admin, "groups",
                #"{"name":"Evening A1","courseId":"\#(course)","roomId":"\#(room)","days":"mon_wed_fri","startTime":"18:00","firstDay":"2030-01-07","lastDay":"2030-03-29"}"#
            )
            let refused = try await company.call(.admin, .DELETE, "/api/v1/courses/\(course)")
            #expect(refused.status == .conflict, "\(refused.text)")
            #expect(
                try await company.call(.admin, .GET, "/api/v1/courses/\(course)").status == .ok, "nothing was deleted")
        }
    }

    @Test func emptyQueryParametersMeanNotGiven() async throws {
        try await withTestApp { app in
            let company = try await CRMCompany.make(app)
            try await company.create(.repA, "leads", #"{"name":"Ana Lima"}"#)
            let empty = try await company.call(.repA, .GET, "/api/v1/leads?sort=&limit=&q=&status=")
            #expect(empty.status == .ok, "\(empty.text)")
            #expect((try empty.json()["items"] as? [Any])?.count == 1)
            let bad = try await company.call(.repA, .GET, "/api/v1/leads?sort=&limit=0")
            #expect(
                try bad.status == .unprocessableEntity && bad.apiError().field == "limit",
                "a given value is still checked")
        }
    }
}
