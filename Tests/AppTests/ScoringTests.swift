@testable import App
import Fluent
import Foundation
import SQLKit
import Testing
import Vapor
import VaporTesting

@Suite("Scoring, models and agent performance")
struct ScoringTests {
    @Test func heuristicScoresFromDayOneAndTrainingSaysWhatIsMissing() async throws {
        try await withTestApp { app in
            let company = try await CRMCompany.make(app)
            let id = try await company.create(
                .repA, "leads",
                #"{"name":"Warm","source":"referral","budget":5000,"authority":true,"need":"CRM","timeline":"Q1"}"#)
            let cold = try await company.create(.repA, "leads", #"{"name":"Cold","source":"cold_call"}"#)
            let warm = try await company.call(.repA, .GET, "/api/v1/leads/\(id)").json()
            let coldLead = try await company.call(.repA, .GET, "/api/v1/leads/\(cold)").json()
            let factors = try #require(warm["scoreFactors"] as? [String: Any])
            #expect(factors["method"] as? String == "heuristic")
            #expect((factors["factors"] as? [Any])?.count == 5)
            #expect((warm["score"] as? Int ?? 0) > (coldLead["score"] as? Int ?? 100))
            // a change rescores: an activity raises engagement and recency
            let before = warm["score"] as? Int ?? 0
            try await company.create(.repA, "activities", #"{"type":"call","subject":"Hello","leadId":"\#(id)"}"#)
            #expect((try await company.call(.repA, .GET, "/api/v1/leads/\(id)").json()["score"] as? Int ?? 0) > before)

            let tooFew = try await company.call(.manager, .POST, "/api/v1/models/lead_score/train")
            #expect(tooFew.status == .unprocessableEntity)
            #expect(try tooFew.apiError().message.contains("needs at least 50 closed leads"))
            #expect(try await company.call(.repA, .POST, "/api/v1/models/lead_score/train").status == .forbidden)
            #expect(try await company.call(.viewer, .POST, "/api/v1/models/win_probability/train").status == .forbidden)
            #expect(try await company.call(.manager, .POST, "/api/v1/models/nonsense/train").status == .notFound)
            #expect(try await company.call(.repA, .GET, "/api/v1/models").status == .ok)
        }
    }

    @Test func demoDataTrainsVersionedModelsThatRollBack() async throws {
        try await withTestApp { app in
            _ = try await DemoSeeder(app: app).seed(seed: 5, asOf: Date(timeIntervalSince1970: 1_795_000_000))
            let admin = try #require(
                try await User.query(on: app.db).filter(\.$email == "admin@salespulse.demo").first())
            let adminToken = try await token(for: admin, app)
            let models = try #require(
                try await app.api(.GET, "/api/v1/models", token: adminToken).json()["items"] as? [[String: Any]])
            #expect(
                Set(models.compactMap { $0["kind"] as? String }) == ["lead_score", "win_probability", "agent_target"])
            #expect(models.allSatisfy { $0["isActive"] as? Bool == true && $0["version"] as? Int == 1 })
            let leadModel = try #require(models.first { $0["kind"] as? String == "lead_score" })
            #expect(((leadModel["metrics"] as? [String: Any])?["rocAUC"] as? Double ?? 0) > 0.6)

            // Open leads spread from cold to hot rather than bunching at the base rate.
            struct Score: Decodable { let score: Int }
            let scores = try await app.db.sql.select().column("score").from("leads")
                .where("status", .in, ["new", "contacted", "qualified"]).all(decoding: Score.self).map(\.score).sorted()
            #expect(scores.count > 200)
            #expect(scores.filter { $0 >= 70 }.count * 20 >= scores.count)
            #expect(scores[scores.count * 9 / 10] - scores[scores.count / 10] >= 40)

            let lead = try #require(
                (try await app.api(.GET, "/api/v1/leads?status=new&limit=1", token: adminToken).json()["items"]
                    as? [[String: Any]])?.first)
            #expect((lead["scoreFactors"] as? [String: Any])?["method"] as? String == "model")
            let deal = try #require(
                (try await app.api(.GET, "/api/v1/opportunities?stage=proposal&limit=1", token: adminToken).json()[
                    "items"] as? [[String: Any]])?.first)
            #expect(deal["winProbability"] is Int)

            let retrained = try await app.api(.POST, "/api/v1/models/lead_score/train", token: adminToken)
            #expect(retrained.status == .created)
            #expect(try retrained.json()["version"] as? Int == 2)
            // every open lead was rescored by the new version, page after page
            struct Factors: Decodable { let score_factors: String? }
            let factors = try await app.db.sql.select().column("score_factors").from("leads")
                .where("status", .in, ["new", "contacted", "qualified"]).all(decoding: Factors.self)
            #expect(factors.count > ScoringService.rescorePage)
            #expect(factors.allSatisfy { $0.score_factors?.contains(#""version":2"#) == true })
            let closed = try await app.db.sql.select().column("score_factors").from("leads")
                .where("status", .in, ["converted", "lost"]).all(decoding: Factors.self)
            #expect(!closed.isEmpty && closed.allSatisfy { $0.score_factors?.contains(#""version":2"#) != true })
            struct Probability: Decodable { let win_probability: Int? }
            let open = try await app.db.sql.select().column("win_probability").from("opportunities")
                .where("stage", .notIn, ["closed_won", "closed_lost"]).all(decoding: Probability.self)
            #expect(!open.isEmpty && open.allSatisfy { $0.win_probability != nil })
            let rolledBack = try await app.api(
                .POST, "/api/v1/models/lead_score/versions/1/activate", token: adminToken)
            #expect(rolledBack.status == .ok)
            let versions = try #require(try rolledBack.json()["items"] as? [[String: Any]])
            #expect(versions.first { $0["version"] as? Int == 1 }?["isActive"] as? Bool == true)
            #expect(versions.first { $0["version"] as? Int == 2 }?["isActive"] as? Bool == false)
            let rescored = try await app.api(.GET, "/api/v1/leads/\(lead["id"] as! String)", token: adminToken).json()
            #expect((rescored["scoreFactors"] as? [String: Any])?["version"] as? Int == 1)
            #expect(
                try await app.api(.POST, "/api/v1/models/lead_score/versions/9/activate", token: adminToken).status
                    == .notFound)
            // A lead written now is scored by the active model in its own write, and so is the
            // lead a logged call updates, not by the rule of thumb.
            let written = try await app.api(
                .POST, "/api/v1/leads", token: adminToken,
                json: #"{"name":"Scored On Write","email":"scored@example.com","source":"website"}"#)
            #expect(written.status == .created)
            let writtenFactors = try written.json()["scoreFactors"] as? [String: Any]
            #expect(writtenFactors?["method"] as? String == "model" && writtenFactors?["version"] as? Int == 1)
            let writtenID = try #require(try written.json()["id"] as? String)
            let call = try await app.api(
                .POST, "/api/v1/activities", token: adminToken,
                json: #"{"type":"call","subject":"First call","leadId":"\#(writtenID)"}"#)
            #expect(call.status == .created)
            let called = try await app.api(.GET, "/api/v1/leads/\(writtenID)", token: adminToken).json()
            #expect(called["interactionCount"] as? Int == 1)
            #expect((called["scoreFactors"] as? [String: Any])?["method"] as? String == "model")

            // S4: every agent of the current month, highest risk first
            let month = String(InternetTime.day(app.clock.now()).prefix(7))
            let performance = try await app.api(.GET, "/api/v1/agents/performance?month=\(month)", token: adminToken)
                .json()
            let rows = try #require(performance["items"] as? [[String: Any]])
            #expect(rows.count == 12)
            let order = ["HIGH": 0, "MEDIUM": 1, "LOW": 2]
            let risks = rows.compactMap { $0["risk"] as? String }.map { order[$0]! }
            #expect(risks.count == 12 && risks == risks.sorted())
            #expect(rows.allSatisfy { ($0["score"] as? Double ?? -1) >= 0 && ($0["prediction"] as? String) != nil })
            #expect(
                try await app.api(.GET, "/api/v1/agents/performance?month=2026-13", token: adminToken).status
                    == .unprocessableEntity)

            let rep = try #require(try await User.query(on: app.db).filter(\.$email == "rep1@salespulse.demo").first())
            let repRows =
                try await app.api(
                    .GET, "/api/v1/agents/performance?month=\(month)", token: try await token(for: rep, app)
                ).json()["items"] as? [Any]
            #expect(repRows?.count == 1)
            let manager = try #require(
                try await User.query(on: app.db).filter(\.$email == "manager.north@salespulse.demo").first())
            let managerRows =
                try await app.api(
                    .GET, "/api/v1/agents/performance?month=\(month)", token: try await token(for: manager, app)
                ).json()["items"] as? [Any]
            #expect(managerRows?.count == 4)

            // and the pages
            let browser = Browser(app)
            let password = "a demo password"
            try await app.userService.update(manager, with: UserInput(password: password))
            #expect(try await browser.signIn(manager.email, password: password).status == .seeOther)
            let team = try await browser.get("/performance?month=\(month)")
            #expect(team.status == .ok && team.text.contains("Agents, highest risk of missing target first"))
            #expect(
                try await browser.get("/agents/\(try rep.requireID())?month=\(month)").text.contains(
                    "Why this prediction"))
            let southRep = try #require(
                try await User.query(on: app.db).filter(\.$email == "rep5@salespulse.demo").first())
            #expect(try await browser.get("/agents/\(try southRep.requireID())").status == .notFound)
            let modelsPage = try await browser.get("/models").text
            #expect(
                modelsPage.contains("Make active") && modelsPage.contains("Of 100 leads it expects to have converted"))
            let managerLead = try #require(
                (try await app.api(.GET, "/api/v1/leads?status=new&limit=1", token: try await token(for: manager, app))
                    .json()["items"] as? [[String: Any]])?.first)
            #expect(try await browser.get("/leads/\(managerLead["id"] as! String)").text.contains("Why this score"))
        }
    }
}

@Suite("Nightly scoring")
struct NightlyScoringTests {
    @Test func runsAtTwoInTheMorningUTC() throws {
        let nightly = try #require(Scheduler.schedules.first { $0.jobKind == NightlyScoring.jobKind })
        #expect(nightly.period == .dailyAt(hour: 2))
        #expect(nightly.period.key(at: Date(timeIntervalSince1970: 1_795_040_000)) == "2026-11-18")  // 22:13 UTC: today's run is due
        #expect(nightly.period.key(at: Date(timeIntervalSince1970: 1_795_050_000)) == nil)  // 01:00 UTC: not yet
        #expect(nightly.period.key(at: Date(timeIntervalSince1970: 1_795_053_600)) == "2026-11-19")  // 02:00 UTC
    }

    @Test func theNightlyRunTrainsWhatItCanAndRescoresTheRest() async throws {
        try await withTestApp { app in
            let company = try await CRMCompany.make(app)
            let id = try await company.create(.repA, "leads", #"{"name":"Night"}"#)
            try await app.db.sql.update("leads").set("score", to: SQLLiteral.null).run()
            await NightlyScoring.run(app)
            #expect(try await company.call(.repA, .GET, "/api/v1/leads/\(id)").json()["score"] is Int)
        }
    }
}
