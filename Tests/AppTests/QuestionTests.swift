@testable import App
import Foundation
import SalesPulseCore
import Testing
import Vapor
import VaporTesting

@Suite(.serialized) struct QuestionTests {
    @Test(arguments: [
        "open deals closing this month", "how many open deals", "my open deals", "overdue tasks", "deals over 5k",
        "how many products", "products in category hardware", "product edge router",
    ])
    func everyRoleGetsTheCountOfTheListItsLinkOpens(text: String) async throws {
        try await withTestApp { app in
            let company = try await CRMCompany.withDeals(app)
            for who in CRMCompany.Person.allCases {
                let answer = try await company.ask(who, text)
                let link = try #require(answer["link"] as? String, "\(text)")
                let list = try await company.call(
                    who, .GET, "/api/v1" + link + (link.contains("?") ? "&" : "?") + "limit=100")
                #expect(list.status == .ok, "\(link): \(list.text)")
                let items = try #require(try list.json()["items"] as? [[String: Any]])
                #expect(answer["value"] as? Double == Double(items.count), "\(who) \(text): \(answer)")
            }
        }
    }

    @Test func answersAddUpTheRightRecords() async throws {
        try await withTestApp { app in
            let company = try await CRMCompany.withDeals(app)
            let closing = try await company.ask(.admin, "open deals closing this month")
            #expect(closing["value"] as? Double == 3, "\(closing)")
            #expect((closing["answer"] as? String)?.contains("worth $22,000 in all") == true, "\(closing)")
            let pipeline = try await company.ask(.repA, "my pipeline")
            #expect(pipeline["value"] as? Double == 55_000, "\(pipeline)")
            let byOwner = try await company.ask(.admin, "pipeline by owner")
            let groups = try #require(byOwner["groups"] as? [[String: Any]])
            #expect(groups.map { $0["label"] as? String } == ["repa", "repb"], "\(groups)")
            #expect(groups.map { $0["value"] as? Double } == [55_000, 7_000])
            let winRate = try await company.ask(.admin, "win rate this month")
            #expect(winRate["value"] as? Double == 100, "\(winRate)")
            let overdue = try await company.ask(.manager, "overdue tasks for repa")
            #expect(overdue["value"] as? Double == 1, "\(overdue)")
            let understood = try #require(overdue["understood"] as? [[String: Any]]).compactMap {
                $0["value"] as? String
            }
            #expect(understood.contains("repa") && understood.contains("overdue"), "\(understood)")
            let hardware = try await company.ask(.repA, "products in the hardware category")
            #expect(hardware["value"] as? Double == 1 && hardware["answer"] as? String == "1 product.", "\(hardware)")
            let all = try await company.ask(.viewer, "how many products")
            #expect(all["value"] as? Double == 2, "\(all)")
            let deals = try await company.ask(.admin, "deals in category hardware")
            #expect(
                deals["value"] as? Double == 0 && (deals["link"] as? String)?.contains("productCategoryId=") == true)
            // the people who sell, as far as each may see them
            let reps = try await company.ask(.admin, "reps in team north")
            #expect((reps["items"] as? [[String: Any]])?.compactMap { $0["title"] as? String } == ["repa"], "\(reps)")
            let ownOnly = try await company.ask(.repB, "how many reps")
            #expect(ownOnly["value"] as? Double == 1, "\(ownOnly)")
            let teams = try await company.ask(.manager, "teams")
            #expect(
                (teams["items"] as? [[String: Any]])?.compactMap { $0["title"] as? String } == ["North"], "\(teams)")
            // snoozed leads: only those put aside until a later day, the soonest back first
            for (name, until) in [("Later", "2099-01-01"), ("Sooner", "2098-01-01")] {
                let lead = try await company.create(.repA, "leads", #"{"name":"\#(name)"}"#)
                let snoozed = try await company.call(
                    .repA, .POST, "/api/v1/leads/\(lead)/snooze", #"{"until":"\#(until)T00:00:00Z"}"#)
                #expect(snoozed.status == .ok)
            }
            try await company.create(.repA, "leads", #"{"name":"Awake"}"#)
            let snoozed = try await company.ask(.repA, "my snoozed leads")
            #expect(snoozed["value"] as? Double == 2, "\(snoozed)")
            #expect(
                (snoozed["items"] as? [[String: Any]])?.compactMap { $0["title"] as? String } == ["Sooner", "Later"])
            let mine = try await company.ask(.repA, "my products")
            #expect((mine["answer"] as? String)?.contains("belong to nobody in particular") == true, "\(mine)")
        }
    }

    @Test func comparisonsAndAccountSummaries() async throws {
        try await withTestApp { app in
            let company = try await CRMCompany.withDeals(app)
            let compared = try await company.ask(.admin, "how many deals closing this month vs next month")
            #expect(compared["value"] as? Double == 3 && compared["previousValue"] as? Double == 0, "\(compared)")
            #expect((compared["answer"] as? String)?.hasPrefix("This month: 3 opportunities.") == true, "\(compared)")
            let summary = try await company.ask(.repA, "summary of account kestrel")
            let text = try #require(summary["answer"] as? String)
            // repB's deal on the account is not repA's to see, nor to count
            #expect(
                text.hasPrefix("Kestrel Labs: 0 contacts, 3 open deals worth $55,000, $9,000 bought over 1 sale"),
                "\(text)")
            let groups = try #require(summary["groups"] as? [[String: Any]])
            let deals = try #require(groups.first { $0["label"] as? String == "Open deals" })
            let list = try await company.call(.repA, .GET, "/api/v1" + (deals["link"] as? String ?? ""))
            #expect((try list.json()["items"] as? [[String: Any]])?.count == 3)
            // repB sees the account only through the deal it owns: its summary is not theirs to read
            let hidden = try await company.ask(.repB, "summary of account kestrel")
            #expect((hidden["answer"] as? String)?.contains("cannot find an account") == true, "\(hidden)")
        }
    }

    /// A typo search reads only names holding a piece of the typed word, and every name with
    /// letters beyond ASCII; both still find theirs among many others.
    @Test func accountNamesAreFoundThroughTyposAndAccents() async throws {
        try await withTestApp { app in
            let company = try await CRMCompany.withDeals(app)
            let owner = try company.id(.repA)
            try await company.create(.admin, "accounts", #"{"name":"Zoë Café Müller","ownerId":"\#(owner)"}"#)
            for index in 0..<40 {
                try await company.create(
                    .admin, "accounts", #"{"name":"Harbour Works – Dock \#(index)","ownerId":"\#(owner)"}"#)
            }
            for (typed, expected) in [
                ("kestral", "Kestrel Labs"), ("ketsrel", "Kestrel Labs"), ("kstrel", "Kestrel Labs"),
                ("zoe cafe", "Zoë Café Müller"), ("muler", "Zoë Café Müller"),
            ] {
                let summary = try await company.ask(.repA, "summary of account \(typed)")
                #expect((summary["answer"] as? String)?.hasPrefix(expected) == true, "\(typed): \(summary)")
            }
            let unknown = try await company.ask(.repA, "summary of account initech")
            #expect((unknown["answer"] as? String)?.contains("cannot find an account") == true, "\(unknown)")
            // the words kept between questions follow a new account and a renamed one at once
            let before = try await company.ask(.repA, "summary of account quorvx")
            #expect((before["answer"] as? String)?.contains("cannot find an account") == true, "\(before)")
            let added = try await company.create(
                .admin, "accounts", #"{"name":"Quorvex Systems","ownerId":"\#(owner)"}"#)
            let found = try await company.ask(.repA, "summary of account quorvx")
            #expect((found["answer"] as? String)?.hasPrefix("Quorvex Systems") == true, "\(found)")
            let renamed = try await company.call(
                .admin, .PATCH, "/api/v1/accounts/\(added)", #"{"name":"Vantrell Systems"}"#)
            #expect(renamed.status == .ok, "\(renamed.text)")
            let again = try await company.ask(.repA, "summary of account vantrel")
            #expect((again["answer"] as? String)?.hasPrefix("Vantrell Systems") == true, "\(again)")
        }
    }

    @Test func nobodyLearnsAboutPeopleTheyMayNotSee() async throws {
        try await withTestApp { app in
            let company = try await CRMCompany.withDeals(app)
            // repA's manager leads North only: repB is nobody to them, and nothing is counted
            for (who, text) in [(CRMCompany.Person.repA, "deals for repb"), (.manager, "how many deals for repb")] {
                let answer = try await company.ask(who, text)
                #expect(answer["value"] is NSNull && answer["link"] is NSNull, "\(answer)")
                #expect((answer["answer"] as? String)?.contains("no one called repb") == true, "\(answer)")
            }
            let admin = try await company.ask(.admin, "how many deals for repb")
            #expect(admin["value"] as? Double == 1)
        }
    }

    @Test func unreadableQuestionsGetSuggestionsAndBadBodiesFieldErrors() async throws {
        try await withTestApp { app in
            let company = try await CRMCompany.withDeals(app)
            let nonsense = try await company.ask(.repA, "what is the weather like")
            #expect((nonsense["suggestions"] as? [String])?.count == 3, "\(nonsense)")
            let ambiguous = try await company.ask(.admin, "deals for re")
            #expect(
                (ambiguous["suggestions"] as? [String]).map(Set.init) == ["deals for repa", "deals for repb"],
                "\(ambiguous)")
            for body in [#"{"text":""}"#, #"{"question":"x"}"#, "{}"] {
                let response = try await company.call(.repA, .POST, "/api/v1/questions", body)
                #expect(response.status == .unprocessableEntity, "\(body): \(response.text)")
            }
            let browser = Browser(app)
            _ = try await browser.signIn("repa@example.com")
            let page = try await browser.get("/ask?q=my%20open%20deals")
            #expect(page.status == .ok && page.body.string.contains("What I understood"))
            #expect(page.body.string.contains("Deal 12000"))
            // the questions asked are offered again, to their asker only
            let again = try await browser.get("/ask?q=hot%20leads")
            #expect(
                again.body.string.contains("Your recent questions") && again.body.string.contains(">my open deals<"))
            #expect(again.body.string.contains("<option value=\"my open deals\">"))
            let ideas = try await browser.get("/ask/ideas")
            let offered = try #require(
                try JSONSerialization.jsonObject(with: Data(ideas.body.readableBytesView)) as? [String: [String]])
            #expect(offered["ideas"]?.prefix(2) == ["hot leads", "my open deals"], "\(offered)")
            // the people who sell are answered on the page too, with their own choices
            for question in ["reps%20in%20team%20north", "teams"] {
                let people = try await browser.get("/ask?q=\(question)")
                #expect(people.status == .ok && people.body.string.contains("id=\"refine\""), "\(question)")
                #expect(!people.body.string.contains("value=\"grouped:"), "\(question)")
            }
            let other = Browser(app)
            _ = try await other.signIn("repb@example.com")
            #expect(!(try await other.get("/ask").body.string.contains("Your recent questions")))
            let search = try await browser.get("/search?q=my%20open%20deals%20closing%20this%20month")
            #expect(search.body.string.contains("2 opportunities, worth $15,000 in all."), "\(search.body.string)")
        }
    }
}
