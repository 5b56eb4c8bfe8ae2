@testable import App
import Foundation
import Testing
import Vapor
import VaporTesting

/// Record pages as the place where work happens: related records one click away, a deal's
/// stage path with Won and Lost, line items that drive the amount, conversion that lands on
/// the new deal.
@Suite("Record pages as the workplace")
struct RecordWorkplaceTests {
    @Test func anAccountPageListsItsContactsDealsAndSales() async throws {
        try await withTestApp { app in
            let company = try await CRMCompany.make(app)
            let account = try await company.create(.repA, "accounts", #"{"name":"Lumen Labs"}"#)
            try await company.create(
                .repA, "contacts", #"{"name":"Ines Duarte","accountId":"\#(account)","email":"ines@lumen.example"}"#)
            let open = try await company.create(
                .repA, "opportunities", #"{"name":"Lumen rollout","accountId":"\#(account)","amount":1200}"#)
            let won = try await company.create(
                .repA, "opportunities", #"{"name":"Lumen pilot","accountId":"\#(account)","amount":800}"#)
            #expect(
                try await company.call(.repA, .PATCH, "/api/v1/opportunities/\(won)", #"{"stage":"closed_won"}"#).status
                    == .ok)
            // a deal of another rep on the same account stays out of repA's view
            let hidden = try await company.create(.repB, "accounts", #"{"name":"Elsewhere"}"#)
            _ = hidden
            let browser = Browser(app)
            try await browser.signIn("repa@example.com")
            let page = try await browser.get("/accounts/\(account)").body.string
            #expect(page.contains("Ines Duarte"))
            #expect(page.contains("/opportunities/\(open)") && page.contains("Lumen rollout"))
            #expect(page.contains("Won and lost deals") && page.contains("Lumen pilot"))
            #expect(page.contains("Sale of "))
            #expect(page.contains("/contacts/new?accountId=\(account)"))
            // the won deal links its sale and no longer shows a model win probability
            let deal = try await browser.get("/opportunities/\(won)").body.string
            #expect(deal.contains("Sale of ") && !deal.contains("Model win probability"))
            #expect(deal.contains("aria-current=\"step\""))
        }
    }

    @Test func theStagePathWinsAndLosesWithAReason() async throws {
        try await withTestApp { app in
            let company = try await CRMCompany.make(app)
            let account = try await company.create(.repA, "accounts", #"{"name":"Orbit"}"#)
            let deal = try await company.create(
                .repA, "opportunities", #"{"name":"Orbit deal","accountId":"\#(account)","amount":500}"#)
            let browser = Browser(app)
            try await browser.signIn("repa@example.com")
            let page = try await browser.get("/opportunities/\(deal)").body.string
            #expect(page.contains("value=\"closed_won\"") && page.contains("Why was it lost?"))
            // moving along the path sets the stage's probability
            #expect(try await browser.post("/opportunities/\(deal)/stage", ["stage": "proposal"]).status == .seeOther)
            #expect(
                try await company.call(.repA, .GET, "/api/v1/opportunities/\(deal)").json()["probability"] as? Int == 50
            )
            // lost without a reason is refused with a message, with one it closes
            let refused = try await browser.post("/opportunities/\(deal)/stage", ["stage": "closed_lost"])
            #expect(refused.headers.first(name: .location)?.contains("message=") == true)
            #expect(
                try await company.call(.repA, .GET, "/api/v1/opportunities/\(deal)").json()["stage"] as? String
                    == "proposal")
            #expect(
                try await browser.post(
                    "/opportunities/\(deal)/stage", ["stage": "closed_lost", "lostReason": "Went with a competitor"]
                ).status == .seeOther)
            let lost = try await company.call(.repA, .GET, "/api/v1/opportunities/\(deal)").json()
            #expect(lost["stage"] as? String == "closed_lost" && lost["probability"] as? Int == 0)
            // the viewer gets no path buttons and cannot post them
            let viewer = Browser(app)
            try await viewer.signIn("viewer@example.com")
            #expect(!(try await viewer.get("/opportunities/\(deal)").body.string.contains("class=\"step-button\"")))
        }
    }

    @Test func lineItemsDriveTheDealAmountAndAnEditFormWinMeansHundredPercent() async throws {
        try await withTestApp { app in
            let company = try await CRMCompany.make(app)
            let account = try await company.create(.repA, "accounts", #"{"name":"Tidal"}"#)
            let product = try await company.create(.manager, "products", #"{"name":"Seat","price":480,"cost":200}"#)
            let deal = try await company.create(
                .repA, "opportunities", #"{"name":"Tidal seats","accountId":"\#(account)","amount":24000}"#)
            let browser = Browser(app)
            try await browser.signIn("repa@example.com")
            try await browser.get("/opportunities/\(deal)")
            #expect(
                try await browser.post("/opportunities/\(deal)/lines", ["productId": product, "quantity": "8"]).status
                    == .seeOther)
            #expect(
                try await company.call(.repA, .GET, "/api/v1/opportunities/\(deal)").json()["amount"] as? Double == 3840
            )
            let line = try #require(
                (try await company.call(.repA, .GET, "/api/v1/opportunity-lines?opportunityId=\(deal)").json()["items"]
                    as? [[String: Any]])?.first?["id"] as? String)
            #expect(
                try await company.call(.repA, .PATCH, "/api/v1/opportunity-lines/\(line)", #"{"quantity":10}"#).status
                    == .ok)
            #expect(
                try await company.call(.repA, .GET, "/api/v1/opportunities/\(deal)").json()["amount"] as? Double == 4800
            )
            // the edit form sends every field back; winning from it still means 100%
            var form = RecordForm.text(
                of: try #require(try await RecordStore(spec: .opportunities, db: app.db).find(UUID(uuidString: deal)!)),
                spec: .opportunities)
            form = form.filter { RecordSpec.opportunities.field($0.key)?.writable ?? false }
            form["stage"] = "closed_won"
            try await browser.get("/opportunities/\(deal)/edit")
            #expect(try await browser.post("/opportunities/\(deal)", form).status == .seeOther)
            let won = try await company.call(.repA, .GET, "/api/v1/opportunities/\(deal)").json()
            #expect(won["probability"] as? Int == 100)
        }
    }

    @Test func convertingALeadLandsOnItsNewDeal() async throws {
        try await withTestApp { app in
            let company = try await CRMCompany.make(app)
            let lead = try await company.create(
                .repA, "leads", #"{"name":"Ravi Menon","company":"Menon Foods","email":"ravi@menon.example"}"#)
            let browser = Browser(app)
            try await browser.signIn("repa@example.com")
            try await browser.get("/leads/\(lead)/convert")
            let converted = try await browser.post(
                "/leads/\(lead)/convert",
                [
                    "account": "new", "accountName": "Menon Foods", "contact": "new",
                    "createOpportunity": "on", "opportunityName": "Menon rollout", "amount": "900",
                ])
            #expect(converted.status == .seeOther)
            #expect(converted.headers.first(name: .location)?.hasPrefix("/opportunities/") == true)
            let leadPage = try await browser.get("/leads/\(lead)").body.string
            #expect(leadPage.contains("Converted to deal") && !leadPage.contains("Converted opportunity id"))
            #expect(leadPage.contains("href=\"mailto:ravi@menon.example\""))
        }
    }
}

@Suite("Pipeline boards")
struct BoardPageTests {
    @Test func closedColumnsShowARecentPeriodAndQualifiedCardsConvert() async throws {
        try await withTestApp { app in
            let company = try await CRMCompany.make(app)
            let qualified = try await company.create(.repA, "leads", #"{"name":"Quinn Ready"}"#)
            for status in ["contacted", "qualified"] {
                #expect(
                    try await company.call(.repA, .PATCH, "/api/v1/leads/\(qualified)", #"{"status":"\#(status)"}"#)
                        .status == .ok)
            }
            let lost = try await company.create(.repA, "leads", #"{"name":"Old Loss"}"#)
            #expect(
                try await company.call(
                    .repA, .PATCH, "/api/v1/leads/\(lost)", #"{"status":"lost","lostReason":"No budget"}"#
                ).status == .ok)
            let browser = Browser(app)
            try await browser.signIn("repa@example.com")
            var board = try await browser.get("/leads/board").body.string
            #expect(board.contains("/leads/\(qualified)/convert"))
            #expect(board.contains("last 30 days"))
            #expect(board.contains(#"<option value="" selected disabled>Move to…</option>"#))
            #expect(board.contains("Old Loss"))
            // forty days on, the lost lead has left the column but is still counted as earlier
            app.clock.advance(by: 40 * 86_400)
            // (a fortnight unused ends a session: the rep signs in again)
            try await browser.signIn("repa@example.com")
            board = try await browser.get("/leads/board").body.string
            #expect(!board.contains("Old Loss"))
            #expect(board.contains("1 earlier"))
            // the menu's placeholder is not a move
            let refused = try await browser.post("/leads/\(qualified)/move", ["to": ""])
            #expect(refused.status == .seeOther)
            #expect(
                try await company.call(.repA, .GET, "/api/v1/leads/\(qualified)").json()["status"] as? String
                    == "qualified")
        }
    }
}

@Suite("Search by words")
struct WordSearchTests {
    @Test func wordsAnywhereFindRecordsTheSearcherMaySee() async throws {
        try await withTestApp { app in
            let company = try await CRMCompany.make(app)
            let lead = try await company.create(
                .repA, "leads",
                #"{"name":"Dana Scully","company":"The Acme Analytics Group","email":"dana@acme.example","phone":"+1 555 0100"}"#
            )
            let account = try await company.create(.repA, "accounts", #"{"name":"Acme Analytics Ltd"}"#)
            try await company.create(.repB, "accounts", #"{"name":"Acme Hidden Co"}"#)
            let browser = Browser(app)
            try await browser.signIn("repa@example.com")
            // words from the middle of a company or name, in any case, several at once
            for query in ["acme", "Analytics", "analytics acme", "scully", "0100"] {
                let page = try await browser.get("/search?q=\(query.replacingOccurrences(of: " ", with: "+"))").body
                    .string
                #expect(page.contains("/leads/\(lead)"), "\(query)")
            }
            let acme = try await browser.get("/search?q=acme").body.string
            #expect(acme.contains("/leads/\(lead)") && acme.contains("/accounts/\(account)"))
            #expect(!acme.contains("Acme Hidden Co"))
            // the list page's search box searches words too
            #expect(try await browser.get("/accounts?q=analytics").body.string.contains("/accounts/\(account)"))
            // a renamed record is found by its new name only
            #expect(
                try await company.call(.repA, .PATCH, "/api/v1/accounts/\(account)", #"{"name":"Zenith Partners"}"#)
                    .status == .ok)
            #expect(try await browser.get("/search?q=zenith").body.string.contains("/accounts/\(account)"))
            #expect(!(try await browser.get("/search?q=analytics+ltd").body.string.contains("/accounts/\(account)")))
            // a deleted one is gone, and an empty result says so with what to try
            #expect(try await company.call(.repA, .DELETE, "/api/v1/accounts/\(account)").status == .noContent)
            let none = try await browser.get("/search?q=zenith").body.string
            #expect(none.contains("Nothing found for") && none.contains("Try fewer words"))
        }
    }
}

@Suite("Timeline in words")
struct TimelineWordsTests {
    @Test func historyNamesWhatAPersonChangedAndHidesTheSystemsCounters() async throws {
        try await withTestApp { app in
            let company = try await CRMCompany.make(app)
            let lead = try await company.create(.repA, "leads", #"{"name":"Hana Kim","company":"Kim Foods"}"#)
            #expect(
                try await company.call(
                    .repA, .PATCH, "/api/v1/leads/\(lead)", #"{"status":"contacted","company":"Kim Fresh Foods"}"#
                ).status == .ok)
            // logging a call moves the lead's counters, which is not a change the rep made to the lead
            try await company.create(
                .repA, "activities", #"{"type":"call","subject":"Intro call","leadId":"\#(lead)"}"#)
            let browser = Browser(app)
            try await browser.signIn("repa@example.com")
            let page = try await browser.get("/leads/\(lead)").body.string
            #expect(page.contains("created this lead"))
            #expect(page.contains("changed status, company") || page.contains("changed company, status"))
            #expect(!page.contains("interaction count") && !page.contains("Interaction count, "))
        }
    }
}

@Suite("Bulk actions on lists")
struct BulkActionTests {
    @Test func tickedRowsChangeTogetherOrNotAtAll() async throws {
        try await withTestApp { app in
            let company = try await CRMCompany.make(app)
            let first = try await company.create(.repA, "leads", #"{"name":"Bulk One"}"#)
            let second = try await company.create(.repA, "leads", #"{"name":"Bulk Two"}"#)
            let browser = Browser(app)
            try await browser.signIn("manager@example.com")
            let list = try await browser.get("/leads").body.string
            #expect(list.contains(#"name="ids[]" value="\#(first)""#) && list.contains("With the ticked rows"))
            // a manager gives both to themselves in one go
            let body =
                "ids%5B%5D=\(first)&ids%5B%5D=\(second)&action=reassign&ownerId=\(try company.id(.manager))&_csrf=\(browser.csrfToken())"
            let response = try await app.testing().sendRequest(
                .POST, "/leads/bulk",
                headers: [
                    "Content-Type": "application/x-www-form-urlencoded",
                    "Cookie": "salespulse_session=\(browser.sessionCookie!)",
                ],
                body: ByteBuffer(string: body))
            #expect(response.status == .seeOther)
            #expect(response.headers.first(name: .location)?.contains("Changed%202%20leads") == true)
            for id in [first, second] {
                #expect(
                    try await company.call(.manager, .GET, "/api/v1/leads/\(id)").json()["ownerId"] as? String
                        == (try company.id(.manager)))
            }
            // a move the workflow refuses for one row changes none of them
            #expect(
                try await company.call(.manager, .PATCH, "/api/v1/leads/\(first)", #"{"status":"contacted"}"#).status
                    == .ok)
            let refused = try await browser.post("/leads/bulk", ["ids[]": first, "action": "status", "status": "new"])
            #expect(refused.headers.first(name: .location)?.contains("Nothing%20was%20changed") == true)
            #expect(
                try await company.call(.manager, .GET, "/api/v1/leads/\(first)").json()["status"] as? String
                    == "contacted")
            // the viewer has no tick boxes and may not post them
            let viewer = Browser(app)
            try await viewer.signIn("viewer@example.com")
            #expect(!(try await viewer.get("/leads").body.string.contains("With the ticked rows")))
            #expect(try await viewer.post("/leads/bulk", ["ids[]": first, "action": "delete"]).status == .forbidden)
            // another rep cannot reach rows that are not theirs
            let rep = Browser(app)
            try await rep.signIn("repb@example.com")
            try await rep.get("/leads")
            #expect(try await rep.post("/leads/bulk", ["ids[]": first, "action": "delete"]).status == .notFound)
            #expect(try await company.call(.manager, .GET, "/api/v1/leads/\(first)").status == .ok)
        }
    }
}

@Suite("Column chooser")
struct ColumnChooserTests {
    @Test func eachPersonKeepsTheColumnsTheyChose() async throws {
        try await withTestApp { app in
            let company = try await CRMCompany.make(app)
            try await company.create(
                .repA, "leads", #"{"name":"Column Lead","email":"column@lead.example","phone":"+1 555 0199"}"#)
            let rep = Browser(app)
            try await rep.signIn("repa@example.com")
            var page = try await rep.get("/leads").body.string
            #expect(page.contains(">Company<") && !page.contains("+15550199"))
            // the rep shows phone instead of company; the name stays first
            #expect(try await rep.post("/leads/columns", ["columns[]": "phone"]).status == .seeOther)
            page = try await rep.get("/leads").body.string
            #expect(page.contains("+15550199") && !page.contains(">Company<"))
            #expect(page.contains("Column Lead"))
            // someone else's list is untouched
            let manager = Browser(app)
            try await manager.signIn("manager@example.com")
            #expect(try await manager.get("/leads").body.string.contains(">Company<"))
            // back to the usual columns
            try await rep.get("/leads")
            #expect(try await rep.post("/leads/columns", ["reset": "1"]).status == .seeOther)
            #expect(try await rep.get("/leads").body.string.contains(">Company<"))
            // a field that is not a column is ignored, not shown
            try await rep.post("/leads/columns", ["columns[]": "scoreFactors"])
            #expect(!(try await rep.get("/leads").body.string.contains("Score factors")))
        }
    }
}
