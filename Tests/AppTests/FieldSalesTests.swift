@testable import App
import Documents
import Foundation
import Testing
import Vapor
import VaporTesting

/// A rep plans a day of visits to their accounts, saves it, takes it to the calendar and the
/// car; a manager sees who covers their territory.
@Suite("Field sales: day routes and territory coverage")
struct FieldSalesTests {
    /// Four customers of repA around Chicago, the first one 2 km north of the office.
    func customers(_ company: CRMCompany) async throws -> [String] {
        let places = [
            ("Lakeside Foods", 41.8961, -87.6298), ("Harbor Tools", 41.8500, -87.6500),
            ("Prairie Dental", 41.9100, -87.7000), ("Loop Printing", 41.8800, -87.6300),
        ]
        var ids: [String] = []
        for (name, latitude, longitude) in places {
            ids.append(
                try await company.create(
                    .repA, "accounts",
                    #"{"name":"\#(name)","latitude":\#(latitude),"longitude":\#(longitude),"address":"\#(name) street"}"#
                ))
        }
        return ids
    }

    @Test func aRepPlansTheShortestDayAndSavesItAsVisits() async throws {
        try await withTestApp { app in
            // given four customers picked in a zig-zag order, starting from the office
            let company = try await CRMCompany.make(app)
            let ids = try await customers(company)
            let body =
                #"{"accountIds":["\#(ids[0])","\#(ids[1])","\#(ids[2])","\#(ids[3])"],"start":{"latitude":41.8781,"longitude":-87.6298},"day":"2030-03-04","departAt":"08:30","visitMinutes":20}"#
            // when planned
            let response = try await company.call(.repA, .POST, "/api/v1/routes/plan", body)
            #expect(response.status == .ok, "\(response.text)")
            let route = try response.json()
            let stops = try #require(route["stops"] as? [[String: Any]])
            // then every account is visited once, the order is proven shortest and no longer than as picked
            #expect(Set(stops.compactMap { $0["accountId"] as? String }) == Set(ids))
            #expect(route["shortestPossible"] as? Bool == true)
            let total = try #require(route["totalKilometres"] as? Double)
            let picked = try #require(route["pickedOrderKilometres"] as? Double)
            #expect(total <= picked && total > 0)
            // the legs add up to the total (each rounded to 100 m), back to the start included
            let legs = stops.compactMap { $0["kilometresFromPrevious"] as? Double }.reduce(0, +)
            #expect(legs <= total + 0.5)
            // the first visit starts after leaving at 08:30 and each lasts 20 minutes
            let first = try #require(stops.first?["arrivesAt"] as? String)
            #expect(first > "2030-03-04T08:30" && first < "2030-03-04T09:30")
            #expect(stops.allSatisfy { ($0["mapsLink"] as? String)?.hasPrefix("geo:") == true })

            // when saved as visits, one task per stop is due on arrival at its account
            let saved = try await company.call(.repA, .POST, "/api/v1/routes/visits", body)
            #expect(saved.status == .created, "\(saved.text)")
            let taskIDs = try #require(try saved.json()["taskIds"] as? [String])
            #expect(taskIDs.count == 4)
            let task = try await company.call(.repA, .GET, "/api/v1/tasks/\(taskIDs[0])").json()
            #expect(task["accountId"] as? String == stops[0]["accountId"] as? String)
            #expect((task["dueAt"] as? String)?.prefix(16) == first.prefix(16))
            #expect((task["title"] as? String)?.hasPrefix("Visit ") == true)
        }
    }

    @Test func badPlansAreRefusedFieldByFieldAndOthersAccountsStayHidden() async throws {
        try await withTestApp { app in
            let company = try await CRMCompany.make(app)
            let ids = try await customers(company)
            let nowhere = try await company.create(.repA, "accounts", #"{"name":"Nowhere Ltd"}"#)
            func plan(_ who: CRMCompany.Person, _ json: String) async throws -> TestingHTTPResponse {
                try await company.call(who, .POST, "/api/v1/routes/plan", json)
            }
            // an account without a location is named
            let unplaced = try await plan(.repA, #"{"accountIds":["\#(ids[0])","\#(nowhere)"]}"#)
            #expect(unplaced.status == .unprocessableEntity && unplaced.text.contains("Nowhere Ltd"))
            #expect(try fieldOf(unplaced) == "accountIds")
            // another rep cannot plan with repA's accounts, nor learn their names
            let hidden = try await plan(.repB, #"{"accountIds":["\#(ids[0])"]}"#)
            #expect(hidden.status == .unprocessableEntity && !hidden.text.contains("Lakeside"))
            // their manager can
            #expect(try await plan(.manager, #"{"accountIds":["\#(ids[0])","\#(ids[1])"]}"#).status == .ok)
            // bad times, places and lengths
            #expect(
                try fieldOf(try await plan(.repA, #"{"accountIds":["\#(ids[0])"],"departAt":"9am"}"#)) == "departAt")
            #expect(
                try fieldOf(
                    try await plan(.repA, #"{"accountIds":["\#(ids[0])"],"start":{"latitude":95,"longitude":0}}"#))
                    == "start")
            #expect(
                try fieldOf(try await plan(.repA, #"{"accountIds":["\#(ids[0])"],"visitMinutes":-5}"#))
                    == "visitMinutes")
            #expect(try fieldOf(try await plan(.repA, #"{"accountIds":[]}"#)) == "accountIds")
            #expect(try fieldOf(try await plan(.repA, #"{"accountIds":["\#(ids[0])","\#(ids[0])"]}"#)) == "accountIds")
            // a viewer may look at a plan but not save visits
            #expect(try await plan(.viewer, #"{"accountIds":["\#(ids[0])"]}"#).status == .ok)
            #expect(
                try await company.call(.viewer, .POST, "/api/v1/routes/visits", #"{"accountIds":["\#(ids[0])"]}"#)
                    .status
                    == .forbidden)
        }
    }

    @Test func aTimeWindowOrdersTheDayAndAnImpossibleOneIsNamed() async throws {
        try await withTestApp { app in
            let company = try await CRMCompany.make(app)
            let ids = try await customers(company)
            // Prairie Dental only sees reps before 09:00: it has to come first
            let early = try await company.call(
                .repA, .POST, "/api/v1/routes/plan",
                #"{"accountIds":["\#(ids[0])","\#(ids[1])","\#(ids[2])"],"start":{"latitude":41.8781,"longitude":-87.6298},"day":"2030-03-04","departAt":"08:30","windows":{"\#(ids[2])":{"opens":"08:00","closes":"09:00"}}}"#
            ).json()
            let stops = try #require(early["stops"] as? [[String: Any]])
            #expect(stops.first?["accountId"] as? String == ids[2])
            #expect(stops.allSatisfy { $0["problem"] as? String == nil })
            // closing at 08:35 cannot be kept, and the stop says why
            let late = try await company.call(
                .repA, .POST, "/api/v1/routes/plan",
                #"{"accountIds":["\#(ids[0])","\#(ids[2])"],"start":{"latitude":41.8781,"longitude":-87.6298},"day":"2030-03-04","departAt":"08:30","windows":{"\#(ids[2])":{"opens":"08:00","closes":"08:35"}}}"#
            ).json()
            let problems = (late["stops"] as? [[String: Any]] ?? []).compactMap { $0["problem"] as? String }
            #expect(problems.count == 1 && problems[0].contains("Prairie Dental closes at 08:35"))
        }
    }

    @Test func coverageCountsVisitedAndNeglectedAccountsPerRep() async throws {
        try await withTestApp { app in
            // given repA's four customers, one visited today and one 45 days ago
            let company = try await CRMCompany.make(app)
            let ids = try await customers(company)
            let now = app.clock.now()
            for (id, daysAgo) in [(ids[0], 0.0), (ids[1], 45.0)] {
                try await company.create(
                    .repA, "activities",
                    #"{"type":"visit","subject":"Visit","accountId":"\#(id)","durationMinutes":40,"occurredAt":"\#(InternetTime.format(now.addingTimeInterval(-daysAgo * 86_400 - 60)))"}"#
                )
            }
            // when the manager reads coverage
            let coverage = try await company.call(.manager, .GET, "/api/v1/territories/coverage").json()
            let reps = try #require(coverage["reps"] as? [[String: Any]])
            let repA = try #require(reps.first { $0["repId"] as? String == (try? company.id(.repA)) })
            // then
            #expect(repA["accounts"] as? Int == 4 && repA["visited30"] as? Int == 1 && repA["visited60"] as? Int == 2)
            #expect(repA["neverVisited"] as? Int == 2 && repA["coverage30"] as? Int == 25)
            #expect(repA["visitsLast30Days"] as? Int == 1 && repA["customerMinutes"] as? Int == 40)
            // the team adds up its reps
            let teams = try #require(coverage["teams"] as? [[String: Any]])
            let north = try #require(teams.first { $0["name"] as? String == "North" })
            var northAccounts = 0
            for rep in reps where rep["team"] as? String == "North" { northAccounts += rep["accounts"] as? Int ?? 0 }
            #expect(north["accounts"] as? Int == northAccounts)
            #expect(north["visited30"] as? Int == 1 && north["coverage30"] as? Int == 25)
            let accounts = try #require(coverage["accounts"] as? [[String: Any]])
            #expect(accounts.filter { $0["status"] as? String == "never" }.count == 2)
            // repB sees none of repA's accounts
            let other = try await company.call(.repB, .GET, "/api/v1/territories/coverage").json()
            #expect((other["accounts"] as? [[String: Any]])?.isEmpty == true)
        }
    }

    @Test func aTileServerDrawsUnderTheMapsAndThePagesMayLoadIt() async throws {
        for tiles in [
            MapTiles(template: "https://tiles.example.org/{z}/{x}/{y}.png", attribution: "© Tiles Example"), nil,
        ] {
            try await withTestApp({ $0.mapTiles = tiles }) { app in
                let company = try await CRMCompany.make(app)
                _ = try await customers(company)
                let browser = Browser(app)
                try await browser.signIn("manager@example.com")
                let page = try await browser.get("/coverage")
                let html = page.body.string
                let policy = page.headers.first(name: "Content-Security-Policy") ?? ""
                if tiles != nil {
                    #expect(
                        html.contains("<image href=\"https://tiles.example.org/") && html.contains("© Tiles Example"))
                    #expect(policy.contains("img-src 'self' data: https://tiles.example.org;"), "\(policy)")
                } else {
                    #expect(!html.contains("<image") && html.contains("<circle"))
                    #expect(policy.contains("img-src 'self' data:;"), "\(policy)")
                }
            }
        }
        let refused = #expect(throws: DomainError.self) {
            try AppSettings.fromEnvironment(["MAP_TILES_URL": "tiles.example.org/{z}"])
        }
        #expect(refused?.reason.contains("{z}, {x} and {y}") == true)
    }

    @Test func thePlannerPageExportsTheDayAndSavesIt() async throws {
        try await withTestApp { app in
            let company = try await CRMCompany.make(app)
            let ids = try await customers(company)
            let browser = Browser(app)
            try await browser.signIn("repa@example.com")
            // the form lists the customers with a location
            let empty = try await browser.get("/routes").body.string
            #expect(empty.contains("Lakeside Foods") && empty.contains("Plan the route"))
            // a plan shows its stops, a map and the exports
            let query = ids.map { "accounts%5B%5D=\($0)" }.joined(separator: "&") + "&planned=1&back=1&day=2030-03-04"
            let page = try await browser.get("/routes?\(query)")
            #expect(page.status == .ok)
            let html = page.body.string
            #expect(html.contains("Your route for 2030-03-04") && html.contains("Save as my visits"))
            #expect(html.contains("<svg") && html.contains("Open in maps"))
            let ics = try await browser.get("/routes/plan.ics?\(query)&keepOrder=1")
            #expect(ics.headers.contentType?.description.contains("text/calendar") == true)
            #expect(ics.body.string.components(separatedBy: "BEGIN:VEVENT").count == 5)
            let gpx = try await browser.get("/routes/plan.gpx?\(query)&keepOrder=1").body.string
            #expect(gpx.components(separatedBy: "<wpt ").count == 5 && gpx.contains("<trkseg>"))
            // a customer who opens only in the afternoon is seen then, on the page and in the exports
            let hours = "&opens%5B\(ids[0])%5D=14:00&closes%5B\(ids[0])%5D=17:00"
            let afternoon = try await browser.get("/routes?\(query)\(hours)").body.string
            let lakeside = try #require(afternoon.range(of: "Lakeside Foods</a>"))
            let time =
                afternoon[..<lakeside.lowerBound].components(separatedBy: "<span class=\"stop-time\">").last ?? ""
            #expect(time.hasPrefix("14:") || time.hasPrefix("15:") || time.hasPrefix("16:"), "\(time.prefix(20))")
            #expect(afternoon.contains("value=\"14:00\""), "the hours stay in the form")
            let exported = try await browser.get("/routes/plan.ics?\(query)\(hours)").body.string
            #expect(exported.contains("T14") || exported.contains("T13"), "\(exported)")
            let halfOpen = try await browser.get("/routes?\(query)&opens%5B\(ids[0])%5D=14:00").body.string
            #expect(halfOpen.contains("Give both the hour a customer opens and the hour it closes."))
            // an unusable start reads as a message on the page, not an error page
            let bad = try await browser.get("/routes?\(query)&start=here&startLatitude=x").body.string
            #expect(bad.contains("Allow the browser to share your position"))
            // saving makes the visits the rep's tasks
            _ = try await browser.get("/routes")
            let saved = try await browser.post(
                "/routes/visits", ["accounts[]": ids[0], "planned": "1", "keepOrder": "1", "day": "2030-03-04"])
            #expect(saved.status == .seeOther)
            let tasks = try await company.call(.repA, .GET, "/api/v1/tasks?accountId=\(ids[0])").json()
            #expect((tasks["items"] as? [[String: Any]])?.count == 1)
            // the coverage page draws the accounts
            #expect(try await browser.get("/coverage").body.string.contains("Territory coverage"))
        }
    }

    @Test func aCheckInRecordsTheVisitAndHowFarFromTheCustomerItWas() async throws {
        try await withTestApp { app in
            let company = try await CRMCompany.make(app)
            let ids = try await customers(company)
            func checkIn(_ who: CRMCompany.Person, _ json: String) async throws -> TestingHTTPResponse {
                try await company.call(who, .POST, "/api/v1/accounts/\(ids[0])/check-in", json)
            }
            // at the door: about 11 m away, a visit of the rep's own at the account
            let near = try await checkIn(.repA, #"{"latitude":41.8962,"longitude":-87.6298}"#)
            #expect(near.status == .created, "\(near.text)")
            let result = try near.json()
            #expect(result["distanceMetres"] as? Int == 11 && result["far"] as? Bool == false)
            let visit = try await company.call(
                .repA, .GET, "/api/v1/activities/\(result["activityId"] as? String ?? "")"
            )
            .json()
            #expect(visit["type"] as? String == "visit" && visit["accountId"] as? String == ids[0])
            #expect(visit["latitude"] as? Double == 41.8962)
            // five kilometres off is flagged; no position still records the visit
            #expect(
                try await checkIn(.repA, #"{"latitude":41.9411,"longitude":-87.6298}"#).json()["far"] as? Bool == true)
            let blind = try await checkIn(.repA, "{}")
            let blindResult = try blind.json()
            #expect(blind.status == .created && blindResult["distanceMetres"] == nil)
            #expect(try fieldOf(try await checkIn(.repA, #"{"latitude":41.9}"#)) == "longitude")
            // a note longer than a visit's notes may be is refused, and no visit is written
            let visitsBefore = try await company.call(.repA, .GET, "/api/v1/activities?accountId=\(ids[0])").json()
            let long = try await checkIn(.repA, "{\"note\":\"\(String(repeating: "0", count: 10_001))\"}")
            #expect(long.status == .unprocessableEntity)
            #expect(try fieldOf(long) == "note")
            let visitsAfter = try await company.call(.repA, .GET, "/api/v1/activities?accountId=\(ids[0])").json()
            #expect(
                (visitsBefore["items"] as? [[String: Any]])?.count == (visitsAfter["items"] as? [[String: Any]])?.count)
            // another rep does not see the account; a viewer may not record visits
            #expect(try await checkIn(.repB, "{}").status == .notFound)
            #expect(try await checkIn(.viewer, "{}").status == .forbidden)
            // on the page, the plan comes back saying how far the check-in was
            let browser = Browser(app)
            try await browser.signIn("repa@example.com")
            _ = try await browser.get("/routes")
            let posted = try await browser.post(
                "/routes/check-in/\(ids[0])",
                ["latitude": "41.8962", "longitude": "-87.6298", "back": "accounts%5B%5D=\(ids[0])&planned=1"])
            #expect(posted.status == .seeOther)
            let back = try #require(posted.headers.first(name: .location))
            #expect(back.hasPrefix("/routes?accounts%5B%5D=\(ids[0])&planned=1&checkedIn="))
            #expect(try await browser.get(back).body.string.contains("Checked in at Lakeside Foods, 11 m from"))
        }
    }

    @Test func adminsSetHowFarAndFastRepsTravel() async throws {
        try await withTestApp { app in
            let company = try await CRMCompany.make(app)
            let ids = try await customers(company)
            let body = #"{"accountIds":["\#(ids[0])","\#(ids[1])"],"returnToStart":false}"#
            let before = try await company.call(.repA, .POST, "/api/v1/routes/plan", body).json()
            // an admin says car roads are twice the straight line, driven at 60 km/h
            let set = try await company.call(
                .admin, .PATCH, "/api/v1/settings", #"{"travel":{"car":{"roadFactor":2,"speedKmh":60}}}"#)
            #expect(set.status == .ok, "\(set.text)")
            let travel = try #require(try set.json()["travel"] as? [String: Any])
            #expect((travel["walking"] as? [String: Any])?["speedKmh"] as? Double == 4.5)
            let after = try await company.call(.repA, .POST, "/api/v1/routes/plan", body).json()
            let ratio = (after["totalKilometres"] as? Double ?? 0) / (before["totalKilometres"] as? Double ?? 1)
            #expect(abs(ratio - 2 / 1.3) < 0.05)
            // changing one mode keeps the others
            let walking =
                try await company.call(
                    .admin, .PATCH, "/api/v1/settings", #"{"travel":{"walking":{"roadFactor":1.1,"speedKmh":5}}}"#
                ).json()["travel"] as? [String: Any]
            #expect((walking?["car"] as? [String: Any])?["speedKmh"] as? Double == 60)
            // nonsense is refused, and only admins set it
            let wrong = try await company.call(
                .admin, .PATCH, "/api/v1/settings", #"{"travel":{"car":{"roadFactor":0.5,"speedKmh":60}}}"#)
            #expect(try fieldOf(wrong) == "travel")
            #expect(
                try await company.call(.manager, .PATCH, "/api/v1/settings", #"{"travel":{}}"#).status == .forbidden)
            // the settings page shows and saves the same figures
            let browser = Browser(app)
            try await browser.signIn("admin@example.com")
            #expect(try await browser.get("/admin/settings").body.string.contains("Travel between customers"))
            var form = ["timeZone": "UTC"]
            for (mode, speed) in [("car", "50"), ("walking", "5"), ("public_transport", "25")] {
                form["roadFactor_\(mode)"] = "1.5"
                form["speed_\(mode)"] = speed
            }
            #expect(try await browser.post("/admin/settings", form).status == .seeOther)
            let stored = try await company.call(.admin, .GET, "/api/v1/settings").json()["travel"] as? [String: Any]
            #expect((stored?["publicTransport"] as? [String: Any])?["speedKmh"] as? Double == 25)
        }
    }

    @Test func theRouteCommandPrintsTheTourAsJSON() async throws {
        try await withTestApp { app in
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("points-\(UUID()).csv")
            try "id,x,y\na,0,0\nb,10,0\nc,10,10\nd,0,10\ne,5,5\n".write(to: file, atomically: true, encoding: .utf8)
            defer { try? FileManager.default.removeItem(at: file) }
            let output = try await runCommand(app, ["route", "plan", "--points", file.path, "--start", "c"])
            let json = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any])
            #expect((json["tour"] as? [String])?.first == "c" && (json["tour"] as? [String])?.count == 5)
            #expect(abs((json["length"] as? Double ?? 0) - (30 + 2 * 50.0.squareRoot())) < 1e-9)
            #expect(json["optimal"] as? Bool == true)
            await #expect(throws: DomainError.self) {
                _ = try await runCommand(app, ["route", "plan", "--points", file.path, "--metric", "manhattan"])
            }
            await #expect(throws: DomainError.self) {
                _ = try await runCommand(app, ["route", "plan", "--points", file.path, "--start", "z"])
            }
        }
    }
}
