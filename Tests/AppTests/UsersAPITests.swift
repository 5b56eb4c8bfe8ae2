@testable import App
import Fluent
import Testing
import Vapor
import VaporTesting

@Suite("Users and teams API")
struct UsersAPITests {
    @Test func adminCreatesReadsUpdatesAndDeactivatesUsers() async throws {
        try await withTestApp { app in
            let admin = try await makeUser(app, email: "admin@example.com", role: "admin")
            let token = try await token(for: admin, app)
            let team = try await makeTeam(app, "North")
            // when
            let created = try await app.api(
                .POST, "/api/v1/users", token: token,
                json: """
                    {"email":"Olga@Example.com","name":"Olga Petrova","password":"a long password","role":"manager","teamId":"\(try team.requireID())","monthlyTarget":25000.5}
                    """)
            // then
            #expect(created.status == .created)
            let user = try created.json()
            #expect(user["email"] as? String == "olga@example.com")
            #expect(user["teamId"] as? String == team.id?.uuidString)
            #expect(user["monthlyTarget"] as? Double == 25000.5)
            #expect(user["password"] == nil && user["passwordHash"] == nil)
            let id = try #require(user["id"] as? String)

            let duplicate = try await app.api(
                .POST, "/api/v1/users", token: token,
                json: #"{"email":"OLGA@example.com","password":"a long password","role":"rep"}"#)
            #expect(duplicate.status == .conflict)
            #expect(try duplicate.apiError().field == "email")

            let patched = try await app.api(
                .PATCH, "/api/v1/users/\(id)", token: token,
                json: #"{"role":"rep","teamId":null,"managerId":"\#(try admin.requireID())"}"#)
            #expect(patched.status == .ok)
            #expect(try patched.json()["role"] as? String == "rep")
            #expect(try patched.json()["teamId"] is NSNull || (try patched.json()["teamId"]) == nil)
            #expect(try patched.json()["managerId"] as? String == admin.id?.uuidString)

            let shown = try await app.api(.GET, "/api/v1/users/\(id)", token: token)
            #expect(try shown.json()["role"] as? String == "rep")

            #expect(try await app.api(.DELETE, "/api/v1/users/\(id)", token: token).status == .noContent)
            let after = try #require(try await User.find(UUID(uuidString: id), on: app.db))
            #expect(after.isActive == false)
        }
    }

    @Test func invalidUsersAreRefusedFieldByField() async throws {
        try await withTestApp { app in
            let admin = try await makeUser(app, email: "admin@example.com", role: "admin")
            let token = try await token(for: admin, app)
            let cases: [(String, String)] = [
                (#"{"email":"not-an-email","password":"a long password","role":"rep"}"#, "email"),
                (#"{"email":"a@example.com","password":"short","role":"rep"}"#, "password"),
                (#"{"email":"a@example.com","password":"a long password","role":"emperor"}"#, "role"),
                (
                    #"{"email":"a@example.com","password":"a long password","role":"rep","monthlyTarget":-5}"#,
                    "monthlyTarget"
                ),
                (
                    #"{"email":"a@example.com","password":"a long password","role":"rep","teamId":"\#(UUID())"}"#,
                    "teamId"
                ),
            ]
            for (json, field) in cases {
                let response = try await app.api(.POST, "/api/v1/users", token: token, json: json)
                #expect(response.status == .unprocessableEntity, "\(json)")
                #expect(try response.apiError().field == field, "\(json)")
            }
            #expect(try await User.query(on: app.db).count() == 1)
        }
    }

    @Test func managerChainsCannotLoop() async throws {
        try await withTestApp { app in
            let admin = try await makeUser(app, email: "admin@example.com", role: "admin")
            let boss = try await makeUser(app, email: "boss@example.com", role: "manager")
            let middle = try await makeUser(
                app, email: "middle@example.com", role: "manager", manager: "boss@example.com")
            let token = try await token(for: admin, app)
            let loop = try await app.api(
                .PATCH, "/api/v1/users/\(try boss.requireID())", token: token,
                json: #"{"managerId":"\#(try middle.requireID())"}"#)
            #expect(loop.status == .unprocessableEntity)
            #expect(try loop.apiError().field == "managerId")
            let selfManaged = try await app.api(
                .PATCH, "/api/v1/users/\(try boss.requireID())", token: token,
                json: #"{"managerId":"\#(try boss.requireID())"}"#)
            #expect(selfManaged.status == .unprocessableEntity)
        }
    }

    @Test func adminCannotDeactivateThemselves() async throws {
        try await withTestApp { app in
            let admin = try await makeUser(app, email: "admin@example.com", role: "admin")
            let response = try await app.api(
                .DELETE, "/api/v1/users/\(try admin.requireID())", token: try await token(for: admin, app))
            #expect(response.status == .conflict)
        }
    }

    @Test func usersListSearchesAndPages() async throws {
        try await withTestApp { app in
            let admin = try await makeUser(app, email: "admin@example.com", role: "admin")
            for index in 1...5 { try await makeUser(app, email: "rep\(index)@example.com", role: "rep") }
            let token = try await token(for: admin, app)
            let first = try await app.api(.GET, "/api/v1/users?limit=2&q=REP", token: token)
            let firstItems = try #require(try first.json()["items"] as? [[String: Any]])
            #expect(firstItems.compactMap { $0["email"] as? String } == ["rep1@example.com", "rep2@example.com"])
            let cursor = try #require(try first.json()["nextCursor"] as? String)
            let second = try await app.api(.GET, "/api/v1/users?limit=2&q=rep&cursor=\(cursor)", token: token)
            let secondItems = try #require(try second.json()["items"] as? [[String: Any]])
            #expect(secondItems.compactMap { $0["email"] as? String } == ["rep3@example.com", "rep4@example.com"])
            let byRole = try await app.api(.GET, "/api/v1/users?role=admin", token: token)
            #expect((try byRole.json()["items"] as? [Any])?.count == 1)
            #expect(try await app.api(.GET, "/api/v1/users?limit=501", token: token).status == .unprocessableEntity)
            #expect(try await app.api(.GET, "/api/v1/users?role=king", token: token).status == .unprocessableEntity)
        }
    }

    @Test func managersReadTheirTeamAndReportsOnly() async throws {
        try await withTestApp { app in
            let manager = try await makeUser(app, email: "manager@example.com", role: "manager")
            let north = try await makeTeam(app, "North", lead: manager)
            _ = north
            try await makeUser(app, email: "teammate@example.com", role: "rep", team: "North")
            try await makeUser(app, email: "report@example.com", role: "rep", manager: "manager@example.com")
            try await makeTeam(app, "South")
            let outsider = try await makeUser(app, email: "outsider@example.com", role: "rep", team: "South")
            let token = try await token(for: manager, app)

            let list = try await app.api(.GET, "/api/v1/users", token: token)
            #expect(list.status == .ok)
            let emails = Set(
                try #require(try list.json()["items"] as? [[String: Any]]).compactMap { $0["email"] as? String })
            #expect(emails == ["manager@example.com", "teammate@example.com", "report@example.com"])
            #expect(
                try await app.api(.GET, "/api/v1/users/\(try outsider.requireID())", token: token).status == .notFound)
        }
    }

    @Test func teamsCRUD() async throws {
        try await withTestApp { app in
            let admin = try await makeUser(app, email: "admin@example.com", role: "admin")
            let token = try await token(for: admin, app)
            let created = try await app.api(
                .POST, "/api/v1/teams", token: token, json: #"{"name":"North","region":"Nordics"}"#)
            #expect(created.status == .created)
            let id = try #require(try created.json()["id"] as? String)
            let duplicate = try await app.api(.POST, "/api/v1/teams", token: token, json: #"{"name":"North"}"#)
            #expect(duplicate.status == .conflict)
            #expect(try duplicate.apiError().field == "name")
            let renamed = try await app.api(
                .PATCH, "/api/v1/teams/\(id)", token: token,
                json: #"{"name":"North-East","leadId":"\#(try admin.requireID())"}"#)
            #expect(try renamed.json()["name"] as? String == "North-East")
            #expect(try renamed.json()["region"] as? String == "Nordics")
            try await makeUser(app, email: "rep@example.com", role: "rep", team: "North-East")
            #expect(try await app.api(.DELETE, "/api/v1/teams/\(id)", token: token).status == .noContent)
            let rep = try #require(try await User.query(on: app.db).filter(\.$email == "rep@example.com").first())
            #expect(rep.$team.id == nil)
            let list = try await app.api(.GET, "/api/v1/teams", token: token)
            #expect((try list.json()["items"] as? [Any])?.isEmpty == true)
        }
    }
}
