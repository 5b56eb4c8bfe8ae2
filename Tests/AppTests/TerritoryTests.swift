@testable import App
import Foundation
import Testing
import Vapor
import VaporTesting

/// A manager draws a territory on the coverage map for a rep or a team; the accounts inside it
/// become what that rep covers, whoever owns them.
@Suite("Field sales: territories drawn on the map")
struct TerritoryTests {
    /// Around three of repA's four Chicago customers; Harbor Tools (41.85 N) lies south of it.
    static let corners =
        #"[{"latitude":41.87,"longitude":-87.72},{"latitude":41.87,"longitude":-87.62},{"latitude":41.92,"longitude":-87.62},{"latitude":41.92,"longitude":-87.72}]"#
    static let typedCorners = "41.87, -87.72\n41.87, -87.62\n41.92, -87.62\n41.92, -87.72"

    func draw(
        _ company: CRMCompany, _ who: CRMCompany.Person, name: String, for person: CRMCompany.Person
    )
        async throws -> TestingHTTPResponse
    {
        try await company.call(
            who, .POST, "/api/v1/territories",
            #"{"name":"\#(name)","repId":"\#(try company.id(person))","corners":\#(Self.corners)}"#)
    }

    @Test func theAccountsInsideADrawnAreaAreTheRepsTerritory() async throws {
        try await withTestApp { app in
            let company = try await CRMCompany.make(app)
            let ids = try await FieldSalesTests().customers(company)
            try await company.create(
                .repA, "activities",
                #"{"type":"visit","subject":"Visit","accountId":"\#(ids[3])","durationMinutes":30,"occurredAt":"\#(InternetTime.format(app.clock.now().addingTimeInterval(-3_600)))"}"#
            )
            // when an admin gives the area to repB, who owns none of the accounts in it
            let drawn = try await draw(company, .admin, name: "Chicago North Side", for: .repB)
            #expect(drawn.status == .created, "\(drawn.text)")
            #expect(try drawn.json()["assignedTo"] as? String == company.users[.repB]!.name)
            // then coverage counts the three accounts inside it for repB
            let coverage = try await company.call(.admin, .GET, "/api/v1/territories/coverage").json()
            let areas = try #require(coverage["territories"] as? [[String: Any]])
            #expect(areas.count == 1)
            #expect(areas.first?["accounts"] as? Int == 3)
            #expect(areas.first?["visited30"] as? Int == 1 && areas.first?["neverVisited"] as? Int == 2)
            #expect(areas.first?["coverage30"] as? Int == 33)
            let reps = try #require(coverage["reps"] as? [[String: Any]])
            let repB = try #require(reps.first { $0["repId"] as? String == (try? company.id(.repB)) })
            #expect(repB["accounts"] as? Int == 3 && repB["drawnArea"] as? Bool == true)
            #expect(repB["visited30"] as? Int == 1)
            // repA, without an area, still covers the four accounts they own
            let repA = try #require(reps.first { $0["repId"] as? String == (try? company.id(.repA)) })
            #expect(repA["accounts"] as? Int == 4 && repA["drawnArea"] as? Bool == false)
            // the list shows the area; the manager of North does not see South's rep's area
            let listed = try await company.call(.admin, .GET, "/api/v1/territories").json()["items"] as? [[String: Any]]
            #expect((listed?.first?["corners"] as? [Any])?.count == 4)
            let managers = try await company.call(.manager, .GET, "/api/v1/territories").json()["items"] as? [Any]
            #expect(managers?.isEmpty == true)
            // a second area overlapping the first adds Harbor Tools; the two shared accounts count once
            let second = try await company.call(
                .admin, .POST, "/api/v1/territories",
                #"{"name":"Lakefront","repId":"\#(try company.id(.repB))","corners":[{"latitude":41.84,"longitude":-87.66},{"latitude":41.84,"longitude":-87.62},{"latitude":41.90,"longitude":-87.62},{"latitude":41.90,"longitude":-87.66}]}"#
            )
            #expect(second.status == .created, "\(second.text)")
            let both =
                try await company.call(.admin, .GET, "/api/v1/territories/coverage").json()["reps"]
                as? [[String: Any]]
            let repBBoth = try #require(both?.first { $0["repId"] as? String == (try? company.id(.repB)) })
            #expect(repBBoth["accounts"] as? Int == 4)
        }
    }

    @Test func onlyManagersDrawAndOnlyForTheirPeopleWithFieldErrorsForBadAreas() async throws {
        try await withTestApp { app in
            let company = try await CRMCompany.make(app)
            // reps and viewers may not draw
            for person in [CRMCompany.Person.repA, .viewer] {
                #expect(try await draw(company, person, name: "Mine", for: .repA).status == .forbidden)
            }
            // a manager draws for the rep they manage, not for another team's rep
            #expect(try await draw(company, .manager, name: "North patch", for: .repA).status == .created)
            let foreign = try await draw(company, .manager, name: "South patch", for: .repB)
            #expect(foreign.status == .unprocessableEntity)
            #expect((try foreign.json()["error"] as? [String: Any])?["field"] as? String == "repId")
            // each mistake names its field, and nothing is saved
            let repA = try company.id(.repA)
            let mistakes: [(String, String, String)] = [
                (#"{"name":" ","repId":"\#(repA)","corners":\#(Self.corners)}"#, "name", "name"),
                (#"{"name":"North patch","repId":"\#(repA)","corners":\#(Self.corners)}"#, "name", "already called"),
                (
                    #"{"name":"Two","repId":"\#(repA)","corners":[{"latitude":1,"longitude":1},{"latitude":2,"longitude":2}]}"#,
                    "corners", "at least 3 corners"
                ),
                (
                    #"{"name":"Off","repId":"\#(repA)","corners":[{"latitude":1,"longitude":1},{"latitude":2,"longitude":2},{"latitude":95,"longitude":2}]}"#,
                    "corners", "Corner 3 is off the map"
                ),
                (#"{"name":"Nobody's","corners":\#(Self.corners)}"#, "repId", "one rep or to one team"),
                (#"{"name":"Ghost","repId":"\#(UUID())","corners":\#(Self.corners)}"#, "repId", "rep who works here"),
            ]
            for (body, field, words) in mistakes {
                let response = try await company.call(.admin, .POST, "/api/v1/territories", body)
                #expect(response.status == .unprocessableEntity, "\(body)")
                let payload = try response.json()["error"] as? [String: Any] ?? [:]
                #expect(payload["field"] as? String == field, "\(body): \(response.text)")
                #expect((payload["message"] as? String ?? "").contains(words), "\(body): \(response.text)")
            }
            let all = try await company.call(.admin, .GET, "/api/v1/territories").json()["items"] as? [Any]
            #expect(all?.count == 1)
        }
    }

    @Test func removingIsForManagersOfThePeopleItIsDrawnFor() async throws {
        try await withTestApp { app in
            let company = try await CRMCompany.make(app)
            let north = try #require(
                try await draw(company, .admin, name: "North patch", for: .repA).json()["id"] as? String)
            let south = try #require(
                try await draw(company, .admin, name: "South patch", for: .repB).json()["id"] as? String)
            #expect(try await company.call(.repA, .DELETE, "/api/v1/territories/\(north)").status == .forbidden)
            #expect(try await company.call(.viewer, .DELETE, "/api/v1/territories/\(north)").status == .forbidden)
            #expect(try await company.call(.manager, .DELETE, "/api/v1/territories/\(south)").status == .notFound)
            #expect(try await company.call(.manager, .DELETE, "/api/v1/territories/\(north)").status == .noContent)
            #expect(try await company.call(.manager, .DELETE, "/api/v1/territories/\(north)").status == .notFound)
            let left = try await company.call(.admin, .GET, "/api/v1/territories").json()["items"] as? [[String: Any]]
            #expect(left?.map { $0["name"] as? String } == ["South patch"])
        }
    }

    @Test func theCoveragePageDrawsRemovesAndExplainsMistakes() async throws {
        try await withTestApp { app in
            let company = try await CRMCompany.make(app)
            _ = try await FieldSalesTests().customers(company)
            let manager = Browser(app)
            try await manager.signIn("manager@example.com")
            let empty = try await manager.get("/coverage").body.string
            #expect(empty.contains("Draw a territory") && empty.contains("data-drawable"))
            #expect(empty.contains("No territories are drawn yet"))
            // a typing slip comes back on the page with the corners kept
            let wrong = try await manager.post(
                "/coverage/territories",
                [
                    "name": "North Side", "assignee": "rep:\(try company.id(.repA))",
                    "corners": "41.87, -87.72\nsomewhere",
                ]
            )
            #expect(wrong.status == .unprocessableEntity)
            #expect(wrong.body.string.contains("Corner 2 (“somewhere”) is not a latitude and a longitude"))
            #expect(wrong.body.string.contains("41.87, -87.72\nsomewhere"))
            let saved = try await manager.post(
                "/coverage/territories",
                ["name": "North Side", "assignee": "rep:\(try company.id(.repA))", "corners": Self.typedCorners])
            #expect(saved.status == .seeOther)
            let page = try await manager.get("/coverage?done=drawn").body.string
            #expect(page.contains("The territory is saved") && page.contains("<polygon") && page.contains("North Side"))
            #expect(page.contains("3 <span class=\"muted\">in their area</span>"))
            // a rep sees the area but has no drawing form and may not post one
            let rep = Browser(app)
            try await rep.signIn("repa@example.com")
            let repPage = try await rep.get("/coverage").body.string
            #expect(repPage.contains("North Side") && !repPage.contains("Draw a territory"))
            let refused = try await rep.post(
                "/coverage/territories",
                ["name": "Mine", "assignee": "rep:\(try company.id(.repA))", "corners": Self.typedCorners])
            #expect(refused.status == .forbidden)
            // and the manager removes it
            let id =
                try #require(
                    try await company.call(.manager, .GET, "/api/v1/territories").json()["items"] as? [[String: Any]]
                ).first?["id"] as? String
            _ = try await manager.get("/coverage")
            let removed = try await manager.post("/coverage/territories/\(try #require(id))/remove", [:])
            #expect(removed.status == .seeOther)
            #expect(try await manager.get("/coverage?done=removed").body.string.contains("The territory is removed"))
        }
    }
}
