@testable import App
import Foundation
import SalesPulseCore
import SQLKit
import Testing
import Vapor
import VaporTesting

/// Questions answered from their structured form: edited through the chips, sent back by a
/// client, read by a language model; and figures that are the KPIs' own.
@Suite(.serialized) struct QuestionRefiningTests {
    private func query(_ answer: [String: Any]) throws -> String {
        let query = try #require(answer["query"] as? [String: Any], "\(answer)")
        return String(decoding: try JSONSerialization.data(withJSONObject: ["query": query]), as: UTF8.self)
    }

    @Test func figuresAreTheKPIsOwnForEveryRole() async throws {
        try await withTestApp { app in
            let company = try await CRMCompany.withDeals(app)
            // one of repA's deals has not moved for six weeks
            let stale = app.clock.now().addingTimeInterval(-42 * 86_400)
            try await (app.db as! any SQLDatabase).raw(
                "UPDATE opportunities SET updated_at = \(bind: stale) WHERE name = 'Deal 3000'"
            ).run()
            // repB loses a deal this month: a win rate of one in two for those who see both
            let accounts = try await company.call(.admin, .GET, "/api/v1/accounts?q=kestrel")
            let account = try #require((try accounts.json()["items"] as? [[String: Any]])?.first?["id"] as? String)
            let lost = try await company.create(
                .admin, "opportunities",
                #"{"name":"Lost one","accountId":"\#(account)","amount":4000,"ownerId":"\#(try company.id(.repB))"}"#)
            let closed = try await company.call(
                .admin, .PATCH, "/api/v1/opportunities/\(lost)", #"{"stage":"closed_lost","lostReason":"Price"}"#)
            #expect(closed.status == .ok, "\(closed.text)")
            let today = CalendarDay(containing: app.clock.now())
            let range = "from=\(today.monthStart.text)&to=\(today.text)"
            let questions: [(String, String)] = [
                ("revenue this month", "revenue"), ("how many sales this month", "salesCount"),
                ("how many open deals", "openDeals"), ("pipeline", "pipelineValue"),
                ("how many stalled deals", "stalledDeals"), ("how many leads this month", "newLeads"),
                ("win rate this month", "winRate"),
            ]
            for who in CRMCompany.Person.allCases {
                let kpis = try await company.call(who, .GET, "/api/v1/analytics/kpis?\(range)")
                #expect(kpis.status == .ok, "\(who): \(kpis.text)")
                let figures = try kpis.json()
                for (text, key) in questions {
                    let answer = try await company.ask(who, text)
                    #expect(figures[key] != nil, "\(key): \(figures)")
                    let expected = figures[key] as? Double
                    #expect(
                        answer["value"] as? Double == expected,
                        "\(who) \(text): \(answer) against \(key) \(String(describing: expected))")
                }
                let series = try await company.call(
                    who, .GET, "/api/v1/analytics/series?metric=revenue&groupBy=rep&\(range)")
                let byRep = try #require(try series.json()["items"] as? [[String: Any]], "\(series.text)")
                let answered = try #require(
                    try await company.ask(who, "revenue by rep this month")["groups"] as? [[String: Any]])
                func values(_ rows: [[String: Any]]) -> [String: Double] {
                    Dictionary(
                        uniqueKeysWithValues: rows.compactMap { row in
                            (row["value"] as? Double).flatMap {
                                $0 == 0 ? nil : ((row["key"] as? String ?? "").lowercased(), $0)
                            }
                        })
                }
                #expect(values(answered) == values(byRep), "\(who): \(answered) against \(byRep)")
                let stalled = try await company.ask(who, "stalled deals")
                let link = try #require(stalled["link"] as? String)
                #expect(link.contains("stalled=true"), "\(link)")
                let list = try await company.call(who, .GET, "/api/v1" + link)
                #expect(list.status == .ok, "\(list.text)")
                let items = try #require(try list.json()["items"] as? [[String: Any]])
                #expect(Double(items.count) == figures["stalledDeals"] as? Double, "\(who): \(items)")
            }
            let admin = try await company.ask(.admin, "how many stalled deals")
            #expect(admin["value"] as? Double == 1, "\(admin)")
            let winRate = try await company.ask(.admin, "win rate this month")
            #expect(winRate["value"] as? Double == 50, "\(winRate)")
        }
    }

    @Test func monthsAddUpToTheTotalAndOpenTheirOwnRecords() async throws {
        try await withTestApp { app in
            let company = try await CRMCompany.withDeals(app)
            let byMonth = try await company.ask(.admin, "pipeline by month this year")
            let total = try await company.ask(.admin, "pipeline closing this year")
            let groups = try #require(byMonth["groups"] as? [[String: Any]], "\(byMonth)")
            #expect(groups.count >= 1, "\(byMonth)")
            let sum = groups.compactMap { $0["value"] as? Double }.reduce(0, +)
            #expect(sum == total["value"] as? Double && sum == byMonth["value"] as? Double, "\(byMonth) \(total)")
            for group in groups {
                let link = try #require(group["link"] as? String)
                let list = try await company.call(.admin, .GET, "/api/v1" + link + "&limit=100")
                let items = try #require(try list.json()["items"] as? [[String: Any]], "\(link)")
                #expect(items.count == group["count"] as? Int, "\(group)")
            }
            // months without deals stay on the chart, at nothing
            let keys = groups.compactMap { $0["key"] as? String }
            #expect(keys == keys.sorted() && Set(keys).count == keys.count, "\(keys)")
        }
    }

    @Test func aMonthCutByThePeriodOpensOnlyThePartInThePeriod() async throws {
        try await withTestApp { app in
            let company = try await CRMCompany.withDeals(app)
            let rep = try company.id(.repA)
            for day in ["2026-08-10", "2026-08-20", "2026-09-03"] {
                try await company.create(
                    .repA, "activities",
                    #"{"type":"call","subject":"Call \#(day)","userId":"\#(rep)","occurredAt":"\#(day)T10:00:00Z"}"#)
            }
            let byMonth = try await company.ask(.admin, "calls by month since 15 August 2026")
            let groups = try #require(byMonth["groups"] as? [[String: Any]], "\(byMonth)")
            let counts = groups.filter { ($0["key"] as? String ?? "") <= "2026-09" }.map { $0["count"] as? Int }
            // the call of 10 August is before the period: neither its bar nor the bar's list holds it
            #expect(counts == [1, 1], "\(groups)")
            for group in groups {
                let link = try #require(group["link"] as? String)
                let list = try await company.call(.admin, .GET, "/api/v1" + link + "&limit=100")
                let items = try #require(try list.json()["items"] as? [[String: Any]], "\(link)")
                #expect(items.count == group["count"] as? Int, "\(group)")
            }
        }
    }

    @Test func aStructuredQuestionIsAnsweredAsItsWordsAreAndBadOnesAreFieldErrors() async throws {
        try await withTestApp { app in
            let company = try await CRMCompany.withDeals(app)
            let words = try await company.ask(.manager, "open deals for repa closing this month")
            let body = try query(words)
            #expect(body.contains(#""owner":"repa""#), "\(body)")
            let again = try await company.call(.manager, .POST, "/api/v1/questions", body)
            #expect(again.status == .ok, "\(again.text)")
            let json = try again.json()
            #expect(json["value"] as? Double == words["value"] as? Double && json["value"] as? Double == 2)
            #expect(json["link"] as? String == words["link"] as? String)
            #expect(json["question"] as? String == "open deals for repa closing this month", "\(json)")
            // a rep may not ask for another rep's deals by naming them in a query either
            let other = try await company.call(.repB, .POST, "/api/v1/questions", body)
            #expect((try other.json()["answer"] as? String)?.contains("no one called repa") == true)
            for (bad, field) in [
                (#"{"query":{"records":"deals","states":["won"]}}"#, "query.states"),
                (#"{"query":{"records":"planets"}}"#, "query.records"),
                (#"{"query":{"records":"leads","scoreFrom":"high"}}"#, "query.scoreFrom"),
                (#"{"query":{"records":"leads","stalled":1}}"#, "query.stalled"),
                (#"{"query":{"records":"sales","period":{"from":"2026-12-31","to":"2026-01-01"}}}"#, "query.period.to"),
                (#"{"query":{"records":"sales","where":"1=1"}}"#, "query.where"),
                (#"{"query":{"records":"sales"},"text":"revenue"}"#, "text"),
                (#"{"query":"revenue"}"#, "query"),
            ] {
                let response = try await company.call(.repA, .POST, "/api/v1/questions", bad)
                #expect(response.status == .unprocessableEntity, "\(bad): \(response.text)")
                #expect(response.text.contains(#""field":"\#(field)""#), "\(bad): \(response.text)")
            }
        }
    }

    @Test func chipsChangeTheQuestionOnThePage() async throws {
        try await withTestApp { app in
            let company = try await CRMCompany.withDeals(app)
            let browser = Browser(app)
            _ = try await browser.signIn("manager@example.com")
            let first = try await browser.get("/ask?q=open%20deals%20for%20repa%20closing%20this%20month")
            let page = first.body.string
            #expect(page.contains("id=\"refine\"") && page.contains("Remove Owner"), "\(page)")
            let answer = try await company.ask(.manager, "open deals for repa closing this month")
            let query = try #require(answer["query"] as? [String: Any])
            let text = String(decoding: try JSONSerialization.data(withJSONObject: query), as: UTF8.self)
            func ask(_ edits: [String: String]) async throws -> String {
                let response = try await browser.get(
                    URLQuery.path("/ask", edits.merging(["query": text]) { a, _ in a }))
                #expect(response.status == .ok)
                return response.body.string
            }
            // without the owner: the manager's whole team, repA's two and nobody else's
            let dropped = try await ask(["drop": "owner"])
            #expect(dropped.contains("2 opportunities, worth $15,000 in all."), "\(dropped)")
            #expect(dropped.contains("value=\"open deals closing this month\""), "\(dropped)")
            // any time: repA's three open deals
            let anyTime = try await ask(["when": "any"])
            #expect(anyTime.contains("3 opportunities, worth $55,000 in all."), "\(anyTime)")
            // counted by stage
            let grouped = try await ask(["show": "grouped:stage"])
            #expect(grouped.contains("1 stage; the most: Prospecting with $15,000."), "\(grouped)")
            // tasks of the same person
            let tasks = try await ask(["records": "tasks"])
            #expect(tasks.contains("value=\"tasks for repa this month\""), "\(tasks)")
            let broken = try await browser.get("/ask?query=%7B%22records%22%3A%22planets%22%7D")
            #expect(
                broken.status == .ok && broken.body.string.contains("could not be changed"), "\(broken.body.string)")
        }
    }

    @Test func aLanguageModelReadsWhatTheParserCannotAndOnlyAValidQueryIsUsed() async throws {
        let helpful = try await ChatCompletionsStandIn { _ in
            #"```json{"records":"opportunities","owner":"me","states":["prospecting","qualification","proposal","negotiation"],"limit":2}```"#
        }
        let inventive = try await ChatCompletionsStandIn { _ in #"{"records":"opportunities","sql":"DROP TABLE users"}"#
        }
        let chatty = try await ChatCompletionsStandIn { _ in "I think you mean your deals." }
        let broken = try await ChatCompletionsStandIn { _ in nil }
        for (server, readByModel) in [(helpful, true), (inventive, false), (chatty, false), (broken, false)] {
            try await withTestApp({
                $0.languageModel = LanguageModelSettings(baseURL: server.baseURL, apiKey: "key", model: "small")
            }) { app in
                let company = try await CRMCompany.withDeals(app)
                let answer = try await company.ask(.repA, "what am I chasing hardest")
                if readByModel {
                    #expect(answer["readBy"] as? String == "languageModel", "\(answer)")
                    #expect(
                        (answer["answer"] as? String)?.hasPrefix("The 2 largest of 3 opportunities") == true,
                        "\(answer)")
                    let items = try #require(answer["items"] as? [[String: Any]])
                    #expect(items.map { $0["title"] as? String } == ["Deal 40000", "Deal 12000"], "\(items)")
                } else {
                    #expect(answer["readBy"] as? String == "parser" && answer["value"] is NSNull, "\(answer)")
                    #expect((answer["suggestions"] as? [String])?.count == 3, "\(answer)")
                }
                // what the parser reads never goes to the model
                let before = server.received.count
                _ = try await company.ask(.repA, "my open deals")
                #expect(server.received.count == before)
            }
        }
        #expect(helpful.received.first?.system.contains("\"records\"") == true)
        #expect(helpful.received.first?.user == "what am I chasing hardest")
        for server in [helpful, inventive, chatty, broken] { try await server.stop() }
    }
}
