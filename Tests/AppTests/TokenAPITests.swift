@testable import App
import Fluent
import Testing
import Vapor
import VaporTesting

@Suite("API tokens")
struct TokenAPITests {
    @Test func issueUseAndRevokeAToken() async throws {
        try await withTestApp { app in
            // given
            let user = try await makeUser(app, email: "maria@example.com", role: "rep")
            // when
            let created = try await app.api(
                .POST, "/api/v1/auth/tokens",
                json: #"{"email":"Maria@Example.com","password":"\#(testPassword)","name":"laptop"}"#)
            // then
            #expect(created.status == .created)
            let body = try created.json()
            let token = try #require(body["token"] as? String)
            let id = try #require(body["id"] as? String)
            let stored = try #require(try await APIToken.query(on: app.db).first())
            #expect(stored.tokenHash != token)
            #expect(stored.tokenHash == SecretToken.hash(token))

            let me = try await app.api(.GET, "/api/v1/me", token: token)
            #expect(me.status == .ok)
            #expect(try me.json()["email"] as? String == user.email)
            #expect(try me.json()["role"] as? String == "rep")

            let listed = try await app.api(.GET, "/api/v1/auth/tokens", token: token)
            let items = try #require(try listed.json()["items"] as? [[String: Any]])
            #expect(items.count == 1)
            #expect(items[0]["token"] == nil)

            #expect(try await app.api(.DELETE, "/api/v1/auth/tokens/\(id)", token: token).status == .noContent)
            let afterRevoke = try await app.api(.GET, "/api/v1/me", token: token)
            #expect(afterRevoke.status == .unauthorized)
            #expect(try afterRevoke.apiError().code == "unauthenticated")
        }
    }

    @Test func wrongPasswordUnknownEmailAndMissingNameAreRefused() async throws {
        try await withTestApp { app in
            try await makeUser(app, email: "maria@example.com", role: "rep")
            let wrong = try await app.api(
                .POST, "/api/v1/auth/tokens",
                json: #"{"email":"maria@example.com","password":"not the password","name":"x"}"#)
            let unknown = try await app.api(
                .POST, "/api/v1/auth/tokens",
                json: #"{"email":"nobody@example.com","password":"not the password","name":"x"}"#)
            #expect(wrong.status == .unauthorized)
            #expect(unknown.status == .unauthorized)
            #expect(try wrong.apiError().message == unknown.apiError().message)

            let unnamed = try await app.api(
                .POST, "/api/v1/auth/tokens",
                json: #"{"email":"maria@example.com","password":"\#(testPassword)","name":"  "}"#)
            #expect(unnamed.status == .unprocessableEntity)
            #expect(try unnamed.apiError().field == "name")
            #expect(try await APIToken.query(on: app.db).count() == 0)
        }
    }

    @Test func deactivatedUsersTokensStopWorking() async throws {
        try await withTestApp { app in
            let admin = try await makeUser(app, email: "admin@example.com", role: "admin")
            let rep = try await makeUser(app, email: "rep@example.com", role: "rep")
            let repToken = try await token(for: rep, app)
            #expect(try await app.api(.GET, "/api/v1/me", token: repToken).status == .ok)
            // when the admin deactivates the rep
            let adminToken = try await token(for: admin, app)
            #expect(
                try await app.api(.DELETE, "/api/v1/users/\(rep.requireID())", token: adminToken).status == .noContent)
            // then the rep's token is refused and no new one can be had
            #expect(try await app.api(.GET, "/api/v1/me", token: repToken).status == .unauthorized)
            let again = try await app.api(
                .POST, "/api/v1/auth/tokens",
                json: #"{"email":"rep@example.com","password":"\#(testPassword)","name":"x"}"#)
            #expect(again.status == .unauthorized)
        }
    }

    @Test func aUserCannotRevokeSomeoneElsesToken() async throws {
        try await withTestApp { app in
            let maria = try await makeUser(app, email: "maria@example.com", role: "rep")
            let james = try await makeUser(app, email: "james@example.com", role: "manager")
            let mariaToken = try await TokenService(db: app.db).issue(for: maria, name: "m")
            let jamesToken = try await token(for: james, app)
            let response = try await app.api(
                .DELETE, "/api/v1/auth/tokens/\(mariaToken.token.requireID())", token: jamesToken)
            #expect(response.status == .notFound)
            #expect(try await app.api(.GET, "/api/v1/me", token: mariaToken.secret).status == .ok)
        }
    }

    @Test func tokenRequestsAreLockedOutToo() async throws {
        try await withTestApp { app in
            try await makeUser(app, email: "maria@example.com", role: "rep")
            for _ in 1...4 {
                _ = try await app.api(
                    .POST, "/api/v1/auth/tokens",
                    json: #"{"email":"maria@example.com","password":"wrong password","name":"x"}"#)
            }
            let fifth = try await app.api(
                .POST, "/api/v1/auth/tokens",
                json: #"{"email":"maria@example.com","password":"wrong password","name":"x"}"#)
            #expect(fifth.status == .tooManyRequests)
            let right = try await app.api(
                .POST, "/api/v1/auth/tokens",
                json: #"{"email":"maria@example.com","password":"\#(testPassword)","name":"x"}"#)
            #expect(right.status == .tooManyRequests)
            #expect(try right.apiError().message.contains("15 minutes"))
        }
    }
}
