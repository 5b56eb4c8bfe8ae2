@testable import App
import Fluent
import Testing
import Vapor
import VaporTesting

/// The CRM pages through a browser's eyes: forms, errors, boards, quick actions, calendar.
@Suite("CRM web pages")
struct RecordPagesTests {
    func signedIn(_ company: CRMCompany, _ person: CRMCompany.Person) async throws -> Browser {
        let browser = Browser(company.app)
        #expect(try await browser.signIn(company.users[person]!.email).status == .seeOther)
        return browser
    }

    @Test func aNewDealsProbabilityMayBeLeftToItsStage() async throws {
        try await withTestApp { app in
            let company = try await CRMCompany.make(app)
            let account = try await company.create(.repA, "accounts", #"{"name":"Acme"}"#)
            let browser = try await signedIn(company, .repA)
            let form = try await browser.get("/opportunities/new").body.string
            let probability = try #require(
                form.range(of: #"for="field-probability""#).map { String(form[$0.lowerBound...].prefix(400)) })
            #expect(!probability.contains("(required)") && probability.contains("usual probability"), "\(probability)")
            #expect(form.contains("Leave empty to keep it yourself."), "the owner defaults to the person creating")
            let made = try await browser.post(
                "/opportunities",
                [
                    "name": "Acme rollout", "accountId": account, "stage": "proposal", "probability": "",
                    "currency": "USD",
                ])
            #expect(made.status == .seeOther, "\(made.body.string.prefix(300))")
            let deals =
                try await company.call(.repA, .GET, "/api/v1/opportunities?accountId=\(account)").json()["items"]
                as? [[String: Any]]
            let rep = try company.id(.repA)
            #expect(deals?.first?["probability"] as? Int == 50 && deals?.first?["ownerId"] as? String == rep)
        }
    }

    @Test func createAndEditALeadThroughTheForms() async throws {
        try await withTestApp { app in
            let company = try await CRMCompany.make(app)
            let browser = try await signedIn(company, .repA)
            #expect(try await browser.get("/leads/new").status == .ok)
            let bad = try await browser.post(
                "/leads", ["name": "Ana <b>Lima</b>", "email": "not-an-email", "budget": "-5", "source": "website"])
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.text.contains(#"id="email-error""#) && bad.text.contains(#"id="budget-error""#))
            #expect(bad.text.contains("value=\"Ana &lt;b&gt;Lima&lt;/b&gt;\""))
            let good = try await browser.post(
                "/leads",
                [
                    "name": "<script>alert(1)</script>", "email": "ana@lima.example", "source": "website",
                    "followUpAt": "2030-01-02T09:30", "ownerId": "",
                ])
            #expect(good.status == .seeOther)
            let location = try #require(good.headers.first(name: .location))
            let page = try await browser.get(location)
            #expect(page.status == .ok)
            #expect(
                !page.text.contains("<script>alert(1)</script>")
                    && page.text.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
            #expect(page.text.contains("2030-01-02 09:30 UTC"))
            let id = String(location.split(separator: "/")[1].split(separator: "?")[0])
            #expect(try await browser.get("/leads/\(id)/edit").text.contains(#"value="ana@lima.example""#))
            let edited = try await browser.post("/leads/\(id)", ["name": "Ana Lima", "status": "qualified"])
            #expect(edited.status == .seeOther)
            try await browser.get("/leads/\(id)/edit")
            let backwards = try await browser.post("/leads/\(id)", ["status": "new"])
            #expect(backwards.status == .unprocessableEntity)
            #expect(backwards.text.contains(#"id="status-error""#) && backwards.text.contains("Allowed from qualified"))
            // the list keeps its filters in the URL and shows the lead
            let list = try await browser.get("/leads?status=qualified&sort=-createdAt")
            #expect(list.text.contains("Ana Lima") && list.text.contains(#"<option value="qualified" selected>"#))
            // someone else's lead page does not exist for another rep
            let other = try await signedIn(company, .repB)
            #expect(try await other.get("/leads/\(id)").status == .notFound)
            #expect(!(try await other.get("/leads").text.contains("Ana Lima")))
        }
    }

    @Test func viewersReadPagesButGetNoForms() async throws {
        try await withTestApp { app in
            let company = try await CRMCompany.make(app)
            let id = try await company.create(.repA, "leads", #"{"name":"Visible"}"#)
            let viewer = try await signedIn(company, .viewer)
            #expect(try await viewer.get("/leads/\(id)").status == .ok)
            #expect(try await viewer.get("/leads/new").status == .forbidden)
            #expect(try await viewer.get("/leads/\(id)/edit").status == .forbidden)
            #expect(try await viewer.post("/leads", ["name": "Nope"]).status == .forbidden)
            #expect(try await viewer.post("/leads/\(id)/delete", [:]).status == .forbidden)
        }
    }

    @Test func boardsMoveCardsWithinTheWorkflow() async throws {
        try await withTestApp { app in
            let company = try await CRMCompany.make(app)
            let id = try await company.create(.repA, "leads", #"{"name":"Board lead","budget":1500}"#)
            let browser = try await signedIn(company, .repA)
            let board = try await browser.get("/leads/board")
            #expect(board.status == .ok)
            #expect(board.text.contains(#"data-card="\#(id)""#) && board.text.contains("1,500.00"))
            let refused = try await browser.post("/leads/\(id)/move", ["to": "converted"])
            #expect(refused.status == .seeOther)
            let message = try await browser.get(try #require(refused.headers.first(name: .location)))
            #expect(message.text.contains("only through conversion") && !message.text.contains("/api/"))
            #expect(try await browser.post("/leads/\(id)/move", ["to": "contacted"]).status == .seeOther)
            #expect(
                try await company.call(.repA, .GET, "/api/v1/leads/\(id)").json()["status"] as? String == "contacted")
            // session-authenticated API calls, as the drag and drop script makes them, need the CSRF header
            let csrf = try #require(
                try await browser.get("/leads/board").text.firstMatch(of: /name="csrf-token" content="([^"]+)"/)?.1)
            var headers: HTTPHeaders = [
                "Content-Type": "application/json", "Cookie": "salespulse_session=\(browser.sessionCookie!)",
            ]
            let withoutHeader = try await app.testing().sendRequest(
                .PATCH, "/api/v1/leads/\(id)", headers: headers, body: ByteBuffer(string: #"{"status":"qualified"}"#))
            #expect(withoutHeader.status == .forbidden)
            headers.add(name: "X-CSRF-Token", value: String(csrf))
            let withHeader = try await app.testing().sendRequest(
                .PATCH, "/api/v1/leads/\(id)", headers: headers, body: ByteBuffer(string: #"{"status":"qualified"}"#))
            #expect(withHeader.status == .ok)
        }
    }

    @Test func quickActionsFillTheTimelineAndSnoozeHidesTheLead() async throws {
        try await withTestApp { app in
            let company = try await CRMCompany.make(app)
            let id = try await company.create(.repA, "leads", #"{"name":"Timeline lead"}"#)
            let browser = try await signedIn(company, .repA)
            try await browser.get("/leads/\(id)")
            #expect(
                try await browser.post(
                    "/leads/\(id)/activities", ["type": "call", "subject": "Intro call", "notes": "Wants a demo"]
                ).status == .seeOther)
            #expect(
                try await browser.post(
                    "/leads/\(id)/tasks", ["title": "Send the demo link", "dueAt": "2030-01-01T10:00"]
                ).status == .seeOther)
            #expect(try await browser.post("/leads/\(id)/notes", ["body": "Prefers email"]).status == .seeOther)
            #expect(
                try await browser.post("/leads/\(id)/follow-up", ["at": "2030-01-05T09:00", "note": "Pricing"]).status
                    == .seeOther)
            let page = try await browser.get("/leads/\(id)").text
            for text in [
                "Intro call", "Wants a demo", "Send the demo link", "Prefers email", "created this",
                "2030-01-05 09:00 UTC",
            ] {
                #expect(page.contains(text), "\(text)")
            }
            let missing = try await browser.post("/leads/\(id)/activities", ["type": "call", "subject": ""])
            #expect(
                try await browser.get(try #require(missing.headers.first(name: .location))).text.contains(
                    "Subject: This field is required."))
            #expect(try await browser.post("/leads/\(id)/snooze", ["until": "2099-01-01T00:00"]).status == .seeOther)
            #expect(!(try await browser.get("/leads").text.contains("Timeline lead")))
            #expect(!(try await browser.get("/leads/board").text.contains("Timeline lead")))
            #expect(try await browser.get("/leads?snoozed=true").text.contains("Timeline lead"))
            #expect(try await company.call(.repA, .GET, "/api/v1/leads").text.contains(id) == false)
            #expect(try await company.call(.repA, .GET, "/api/v1/leads?snoozed=true").text.contains(id))
        }
    }

    @Test func conversionFormSuggestsMatchesAndConverts() async throws {
        try await withTestApp { app in
            let company = try await CRMCompany.make(app)
            let account = try await company.create(.repA, "accounts", #"{"name":"Lima Foods"}"#)
            let id = try await company.create(
                .repA, "leads", #"{"name":"Ana","company":"Lima Foods","email":"ana@lima.example"}"#)
            let browser = try await signedIn(company, .repA)
            let form = try await browser.get("/leads/\(id)/convert")
            #expect(form.text.contains(#"value="\#(account)""#))
            let converted = try await browser.post(
                "/leads/\(id)/convert",
                [
                    "account": account, "contact": "new", "createOpportunity": "true",
                    "opportunityName": "Lima rollout", "amount": "5000",
                ])
            #expect(converted.status == .seeOther)
            // the rep lands on the new deal, which the account page lists
            #expect(converted.headers.first(name: .location)?.hasPrefix("/opportunities/") == true)
            let accountPage = try await browser.get("/accounts/\(account)").text
            #expect(accountPage.contains("Lima Foods") && accountPage.contains("Lima rollout"))
            let lead = try await company.call(.repA, .GET, "/api/v1/leads/\(id)").json()
            #expect(lead["status"] as? String == "converted")
        }
    }

    @Test func calendarDownloadsAndThePrivateFeed() async throws {
        try await withTestApp { app in
            let company = try await CRMCompany.make(app)
            let lead = try await company.create(
                .repA, "leads",
                #"{"name":"Cal lead","followUpAt":"2030-03-01T09:00:00Z","followUpNote":"Call, then email"}"#)
            try await company.create(
                .repA, "tasks", #"{"title":"Cal task","dueAt":"2030-03-02T10:00:00Z","reminderOffsets":"30"}"#)
            let browser = try await signedIn(company, .repA)
            let single = try await browser.get("/leads/\(lead)/calendar.ics")
            #expect(single.headers.contentType?.description.hasPrefix("text/calendar") == true)
            #expect(
                single.text.contains("DTSTART:20300301T090000Z")
                    && single.text.contains("DESCRIPTION:Call\\, then email"))
            #expect(try await Browser(app).get("/leads/\(lead)/calendar.ics").status == .seeOther)
            #expect(
                try await (try await signedIn(company, .repB)).get("/leads/\(lead)/calendar.ics").status == .notFound)

            try await browser.get("/account/calendar")
            #expect(try await browser.post("/account/calendar", [:]).status == .seeOther)
            let page = try await browser.get("/account/calendar").text
            let url = try #require(page.firstMatch(of: /(\/calendar\/[A-Za-z0-9_-]+\.ics)/)?.1)
            let feed = try await app.testing().sendRequest(.GET, String(url))
            #expect(feed.status == .ok)
            #expect(
                feed.text.contains("SUMMARY:Follow up: Cal lead") && feed.text.contains("SUMMARY:Task: Cal task")
                    && feed.text.contains("TRIGGER:-PT30M"))
            try await browser.post("/account/calendar", [:])
            #expect(try await app.testing().sendRequest(.GET, String(url)).status == .notFound)
        }
    }

    @Test func myDaySearchAndLineItems() async throws {
        try await withTestApp { app in
            let company = try await CRMCompany.make(app)
            try await company.create(.repA, "tasks", #"{"title":"Overdue thing","dueAt":"2020-01-01T10:00:00Z"}"#)
            try await company.create(.repA, "leads", #"{"name":"Searchable Person","email":"findme@example.com"}"#)
            let rep = try await signedIn(company, .repA)
            let day = try await rep.get("/my-day")
            #expect(day.text.contains("Overdue thing") && day.text.contains("Overdue"))
            let manager = try await signedIn(company, .manager)
            #expect(try await manager.get("/my-day?user=\(try company.id(.repA))").text.contains("Overdue thing"))
            #expect(try await manager.get("/my-day?user=\(try company.id(.repB))").status == .notFound)
            #expect(try await rep.get("/search?q=findme").text.contains("Searchable Person"))
            #expect(
                !(try await (try await signedIn(company, .repB)).get("/search?q=findme").text.contains(
                    "Searchable Person")))

            let account = try await company.create(.repA, "accounts", #"{"name":"Lines Co"}"#)
            let deal = try await company.create(
                .repA, "opportunities", #"{"name":"Lines deal","accountId":"\#(account)"}"#)
            let product = try await company.create(.manager, "products", #"{"name":"Gadget","price":40,"cost":10}"#)
            let empty = try await rep.get("/opportunities/\(deal)").text
            #expect(
                empty.contains("No line items yet") && !empty.contains("data-grand-total"),
                "no total of nothing beside the typed amount")
            #expect(
                try await rep.post("/opportunities/\(deal)/lines", ["productId": product, "quantity": "3"]).status
                    == .seeOther)
            let page = try await rep.get("/opportunities/\(deal)").text
            #expect(page.contains("120.00") && page.contains("data-grand-total"))
        }
    }

    @Test func accountAndContactPagesShowTheirHierarchy() async throws {
        try await withTestApp { app in
            let company = try await CRMCompany.make(app)
            let parent = try await company.create(.repA, "accounts", #"{"name":"Holding Group"}"#)
            let child = try await company.create(
                .repA, "accounts", #"{"name":"Subsidiary Ltd","parentId":"\#(parent)"}"#)
            let boss = try await company.create(.repA, "contacts", #"{"name":"Big Boss"}"#)
            let worker = try await company.create(
                .repA, "contacts", #"{"name":"Busy Worker","reportsToId":"\#(boss)"}"#)
            let browser = try await signedIn(company, .repA)
            #expect(
                try await browser.get("/accounts/\(child)").text.contains(
                    "Parents: <a href=\"/accounts/\(parent)\">Holding Group</a>"))
            #expect(try await browser.get("/accounts/\(parent)").text.contains("Subsidiary Ltd"))
            #expect(
                try await browser.get("/contacts/\(worker)").text.contains(
                    "Reports to: <a href=\"/contacts/\(boss)\">Big Boss</a>"))
            #expect(try await browser.get("/contacts/\(boss)").text.contains("Busy Worker"))
        }
    }
}
