import SalesML
import Foundation
import SalesPulseCore
import Testing

@Suite("Demo roster")
struct DemoRosterTests {
    @Test func sameSeedSameRoster() {
        #expect(DemoRoster.generate(seed: 7) == DemoRoster.generate(seed: 7))
        #expect(DemoRoster.generate(seed: 7).users.map(\.name) != DemoRoster.generate(seed: 8).users.map(\.name))
    }

    @Test func everyRoleIsPresentAndRepsReportToTheirTeamManager() {
        let roster = DemoRoster.generate(seed: 42, teamCount: 2, repsPerTeam: 3)
        #expect(Set(roster.users.map(\.role)) == Set(Role.allCases))
        #expect(Set(roster.users.map(\.email)).count == roster.users.count)
        for rep in roster.users where rep.role == .rep {
            let team = roster.teams.first { $0.name == rep.teamName }
            #expect(team?.leadEmail == rep.managerEmail)
            #expect(rep.monthlyTarget.cents > 0)
        }
    }

    @Test func generatorIsStable() {
        var generator = SeededRandom(seed: 1)
        // Known first output of SplitMix64 for seed 1; a change here changes every demo data set.
        #expect(generator.next() == 0x910A_2DEC_8902_5CC1)
    }
}

@Suite("Demo company generator")
struct DemoCompanyGeneratorTests {
    let asOf = Date(timeIntervalSince1970: 1_795_000_000)

    @Test func anyLeadComesOutTheSameWhateverElseWasGenerated() {
        let generator = DemoCompanyGenerator(seed: 42, asOf: asOf, repCount: 12)
        let again = DemoCompanyGenerator(seed: 42, asOf: asOf, repCount: 12)
        let forward = (0..<50).map { generator.bundle(at: $0).lead }
        let backward = (0..<50).reversed().map { again.bundle(at: $0).lead }.reversed()
        #expect(forward == Array(backward))
        #expect(DemoCompanyGenerator(seed: 43, asOf: asOf, repCount: 12).bundle(at: 0).lead != forward[0])
    }

    @Test func historyIsPlausible() {
        let generator = DemoCompanyGenerator(seed: 7, asOf: asOf, repCount: 12)
        let bundles = (0..<4_000).map(generator.bundle(at:))
        let leads = bundles.map(\.lead)
        #expect(Set(leads.map(\.source)) == Set(LeadSource.allCases))
        #expect(Set(leads.map(\.status)) == Set(LeadStatus.allCases))
        #expect(Set(leads.map(\.ownerIndex)).count == 12)
        #expect(leads.allSatisfy { $0.createdAt <= asOf && $0.createdAt > asOf.addingTimeInterval(-16 * 31 * 86_400) })
        let activities = bundles.reduce(0) { $0 + $1.activities.count }
        #expect((4 * 4_000...6 * 4_000).contains(activities))
        // referrals convert far better than cold calls, as the analytics should show
        func rate(_ source: LeadSource) -> Double {
            let of = leads.filter { $0.source == source }
            return Double(of.filter { $0.status == .converted }.count) / Double(of.count)
        }
        #expect(rate(.referral) > 2 * rate(.coldCall))
        let conversions = bundles.compactMap(\.conversion)
        #expect(Set(conversions.map(\.stage)) == Set(OpportunityStage.allCases))
        for conversion in conversions where conversion.stage == .closedWon {
            #expect(
                conversion.saleID != nil && conversion.saleLineIDs.count == conversion.lines.count
                    && conversion.closedAt != nil)
        }
        #expect(Set(leads.map(\.id)).count == leads.count)
    }

    @Test func everyLeadHasACompanyOfItsOwn() {
        let names = (0..<120_000).map { DemoCompanyName(index: $0) }
        #expect(Set(names.map(\.name)).count == names.count)
        #expect(names[0].name.split(separator: " ").count == 2)
        #expect(names[5_000].name.contains(" – "))
        #expect(names.allSatisfy { $0.domain.hasSuffix(".example") && !$0.domain.contains(" ") })
    }

    @Test func leadsThatCanBuyConvertMoreAndActivitiesSayWhatCameOfThem() {
        let generator = DemoCompanyGenerator(seed: 7, asOf: asOf, repCount: 12)
        let bundles = (0..<4_000).map(generator.bundle(at:))
        let decided = bundles.map(\.lead).filter { $0.status == .converted || $0.status == .lost }
        func rate(_ leads: [DemoLead]) -> Double {
            Double(leads.filter { $0.status == .converted }.count) / Double(max(leads.count, 1))
        }
        let ready = decided.filter { $0.authority && $0.budgetCents != nil && $0.timeline == "This month" }
        let cold = decided.filter { !$0.authority && $0.budgetCents == nil && $0.timeline == "Unknown" }
        #expect(rate(ready) > 4 * rate(cold))
        let activities = bundles.flatMap(\.activities)
        #expect(activities.filter { $0.type != .note }.allSatisfy { $0.outcome != nil })
        #expect(activities.filter { $0.type == .note }.allSatisfy { $0.outcome == nil })
        let lostLast = bundles.filter { $0.lead.status == .lost }.compactMap { $0.activities.last }.filter {
            $0.type != .note
        }
        #expect(
            lostLast.allSatisfy {
                [
                    "Went with a competitor", "Budget frozen for this year", "Stopped answering",
                    "Not the right time for them",
                ].contains($0.outcome!)
            })
    }
}
