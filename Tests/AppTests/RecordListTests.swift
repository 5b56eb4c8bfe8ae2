@testable import App
import Fluent
import Testing
import Vapor
import VaporTesting

@Suite("CRM lists and validation")
struct RecordListTests {
    func ids(_ response: TestingHTTPResponse) throws -> [String] {
        try #require(try response.json()["items"] as? [[String: Any]]).compactMap { $0["id"] as? String }
    }

    @Test func searchFilterSortAndPageThroughEveryRow() async throws {
        try await withTestApp { app in
            let company = try await CRMCompany.make(app)
            var created: [String] = []
            for index in 0..<23 {
                let status = ["new", "contacted", "qualified"][index % 3]
                let source = index % 2 == 0 ? "website" : "referral"
                created.append(
                    try await company.create(
                        .repA, "leads",
                        """
                        {"name":"Person \(String(format: "%02d", index))","company":"\(index < 5 ? "Zenith" : "Acme") Ltd","email":"p\(index)@example.com",
                         "phone":"+44 20 7946 \(String(format: "%04d", index))","status":"\(status)","source":"\(source)","budget":\(index * 100)}
                        """))
            }
            // pages of 5 by name cover every row exactly once, in order
            var seen: [String] = []
            var cursor: String?
            repeat {
                let response = try await company.call(
                    .repA, .GET, "/api/v1/leads?sort=name&limit=5" + (cursor.map { "&cursor=\($0)" } ?? ""))
                #expect(response.status == .ok)
                seen += try ids(response)
                cursor = try response.json()["nextCursor"] as? String
            } while cursor != nil
            #expect(seen == created)
            // the same, newest first on a nullable-free default sort
            var newest: [String] = []
            cursor = nil
            repeat {
                let response = try await company.call(
                    .repA, .GET, "/api/v1/leads?limit=7" + (cursor.map { "&cursor=\($0)" } ?? ""))
                newest += try ids(response)
                cursor = try response.json()["nextCursor"] as? String
            } while cursor != nil
            #expect(
                Set(newest) == Set(created) && newest.count == 23,
                "\(newest.count) \(newest.map { created.firstIndex(of: $0)! })")

            let filtered = try await company.call(
                .repA, .GET, "/api/v1/leads?status=qualified&source=website&sort=-budget")
            let budgets = try #require(try filtered.json()["items"] as? [[String: Any]]).compactMap {
                $0["budget"] as? Double
            }
            #expect(budgets == [2000, 1400, 800, 200])
            let anyOf = try await company.call(
                .repA, .GET, "/api/v1/leads?status=new,contacted&budgetFrom=1000&budgetTo=1500")
            #expect(try ids(anyOf).count == 4)

            #expect(try ids(try await company.call(.repA, .GET, "/api/v1/leads?q=P1")).count == 11)
            #expect(try ids(try await company.call(.repA, .GET, "/api/v1/leads?q=p17@")).count == 1)
            #expect(try ids(try await company.call(.repA, .GET, "/api/v1/leads?q=zenith")).count == 5)
            #expect(try ids(try await company.call(.repA, .GET, "/api/v1/leads?q=%2B44207946000")).count == 10)
            #expect(try ids(try await company.call(.repA, .GET, "/api/v1/leads?q=nobody")).isEmpty)

            let northTeam = try #require(
                try await Team.query(on: app.db).filter(\.$name == "North").first()?.requireID())
            #expect(try ids(try await company.call(.admin, .GET, "/api/v1/leads?team=\(northTeam)")).count == 23)
            #expect(try ids(try await company.call(.repB, .GET, "/api/v1/leads")).isEmpty)
        }
    }

    @Test func aRangeOnANullableSortPagesThroughItsRowsInOrder() async throws {
        try await withTestApp { app in
            let company = try await CRMCompany.make(app)
            let rep = try company.id(.repA)
            var due: [(String, String)] = []
            for index in 0..<9 {
                // two tasks on each day, so the id decides between them across a page boundary
                let day = "2030-01-0\(1 + (8 - index) / 2)T09:00:00Z"
                let id = try await company.create(
                    .repA, "tasks", #"{"title":"Task \#(index)","assigneeId":"\#(rep)","dueAt":"\#(day)"}"#)
                due.append((day, id))
            }
            try await company.create(.repA, "tasks", #"{"title":"Someday","assigneeId":"\#(rep)"}"#)
            let expected = due.sorted { ($0.0, $0.1.lowercased()) < ($1.0, $1.1.lowercased()) }.map(\.1)
            for (bound, descending) in [
                ("dueAtTo=2031-01-01T00:00:00Z", false), ("dueAtFrom=2029-01-01T00:00:00Z", true),
            ] {
                var seen: [String] = []
                var cursor: String?
                repeat {
                    let response = try await company.call(
                        .repA, .GET,
                        "/api/v1/tasks?\(bound)&sort=\(descending ? "-" : "")dueAt&limit=4"
                            + (cursor.map { "&cursor=\($0)" } ?? ""))
                    #expect(response.status == .ok, "\(response.text)")
                    seen += try ids(response)
                    cursor = try response.json()["nextCursor"] as? String
                } while cursor != nil
                #expect(
                    seen.map { $0.lowercased() }
                        == (descending ? expected.reversed() : expected).map { $0.lowercased() })
            }
        }
    }

    @Test func badListParametersAreNamed() async throws {
        try await withTestApp { app in
            let company = try await CRMCompany.make(app)
            let cases: [(String, String)] = [
                ("/api/v1/leads?sort=password", "sort"), ("/api/v1/leads?statuz=new", "statuz"),
                ("/api/v1/leads?status=sleeping", "status"), ("/api/v1/leads?limit=0", "limit"),
                ("/api/v1/leads?cursor=garbage", "cursor"), ("/api/v1/leads?budgetFrom=lots", "budget"),
                ("/api/v1/leads?team=north", "team"),
            ]
            for (path, field) in cases {
                let response = try await company.call(.repA, .GET, path)
                #expect(response.status == .unprocessableEntity, "\(path)")
                #expect(try response.apiError().field == field, "\(path)")
            }
        }
    }

    @Test func fieldsAreValidatedByKind() async throws {
        try await withTestApp { app in
            let company = try await CRMCompany.make(app)
            let account = try await company.create(.repA, "accounts", #"{"name":"Umbrella"}"#)
            let cases: [(String, String, String)] = [
                ("leads", #"{"name":"X","email":"nope"}"#, "email"),
                ("leads", #"{"name":"X","phone":"call me"}"#, "phone"),
                ("leads", #"{"name":"X","budget":-1}"#, "budget"),
                ("leads", #"{"name":"X","source":"pigeon"}"#, "source"),
                ("leads", #"{"email":"x@example.com"}"#, "name"),
                ("leads", #"{"name":"X","followUpAt":"tomorrow"}"#, "followUpAt"),
                ("leads", #"{"name":"X","password":"x"}"#, "password"),
                ("leads", #"{"name":"X","regionId":"\#(UUID())"}"#, "regionId"),
                ("opportunities", #"{"name":"D","accountId":"\#(account)","probability":140}"#, "probability"),
                (
                    "opportunities", #"{"name":"D","accountId":"\#(account)","expectedCloseDate":"2026-13-01"}"#,
                    "expectedCloseDate"
                ),
                ("opportunities", #"{"name":"D"}"#, "accountId"),
                ("accounts", #"{"name":"A","website":"not a site"}"#, "website"),
                ("accounts", #"{"name":"A","employees":1.5}"#, "employees"),
                ("activities", #"{"type":"call","subject":"S","latitude":95}"#, "latitude"),
                ("tasks", #"{"title":"T","status":"maybe"}"#, "status"),
            ]
            for (path, body, field) in cases {
                let response = try await company.call(.repA, .POST, "/api/v1/\(path)", body)
                #expect(response.status == .unprocessableEntity, "\(path) \(body): \(response.text)")
                #expect(try response.apiError().field == field, "\(path) \(body)")
            }
            let normalised = try await company.call(
                .repA, .POST, "/api/v1/leads", #"{"name":"  Y  ","email":"Y@Example.COM","phone":"+1 (555) 010-2030"}"#)
            #expect(try normalised.json()["email"] as? String == "y@example.com")
            #expect(try normalised.json()["phone"] as? String == "+15550102030")
            #expect(try normalised.json()["name"] as? String == "Y")
            let duplicateRegion = try await company.call(.manager, .POST, "/api/v1/regions", #"{"name":"north"}"#)
            #expect(duplicateRegion.status == .created)
            let clash = try await company.call(.manager, .POST, "/api/v1/regions", #"{"name":"NORTH"}"#)
            #expect(clash.status == .conflict)
        }
    }
}

@Suite("Audit search")
struct AuditSearchTests {
    @Test func pagesThroughEveryChangeNewestFirst() async throws {
        try await withTestApp { app in
            let company = try await CRMCompany.make(app)
            let lead = try await company.create(.repA, "leads", #"{"name":"Audit me"}"#)
            for index in 1...6 {
                _ = try await company.call(.repA, .PATCH, "/api/v1/leads/\(lead)", #"{"need":"need \#(index)"}"#)
            }
            var seen: [String] = []
            var cursor: String?
            repeat {
                let response = try await company.call(
                    .admin, .GET, "/api/v1/audit?recordId=\(lead)&limit=3" + (cursor.map { "&cursor=\($0)" } ?? ""))
                let items = try #require(try response.json()["items"] as? [[String: Any]])
                seen += items.compactMap { $0["id"] as? String }
                cursor = try response.json()["nextCursor"] as? String
            } while cursor != nil
            #expect(seen.count == 7 && Set(seen).count == 7)
            let byActor = try await company.call(.admin, .GET, "/api/v1/audit?actorId=\(try company.id(.manager))")
            #expect((try byActor.json()["items"] as? [Any])?.isEmpty == true)
            #expect(
                try await company.call(.admin, .GET, "/api/v1/audit?resource=spaceships").status == .unprocessableEntity
            )
        }
    }
}
