import Foundation
import SalesPulseCore
import Testing

@Suite struct IntakeRulesTests {
    private let now = Date(timeIntervalSince1970: 1_800_000_000)
    private let ids = (1...4).map { UUID(uuidString: "00000000-0000-0000-0000-00000000000\($0)")! }

    @Test func spamGuardRefusesTrapsHasteAndSize() {
        #expect(SpamGuard.check(["name": "Ana"], openedAt: now.addingTimeInterval(-10), now: now) == .accept)
        #expect(SpamGuard.check(["name": "Ana"], openedAt: nil, now: now) == .accept)
        #expect(
            SpamGuard.check(["name": "Ana", SpamGuard.honeypotField: "x"], openedAt: nil, now: now)
                == .refuse("the hidden field was filled in"))
        #expect(
            SpamGuard.check(["name": "Ana"], openedAt: now.addingTimeInterval(-1), now: now)
                == .refuse("sent 1.0 s after the page opened"))
        #expect(SpamGuard.check(["message": String(repeating: "a", count: 2_001)], openedAt: nil, now: now) != .accept)
        #expect(SpamGuard.openedAt("1800000000000") == now)
        #expect(SpamGuard.openedAt("soon") == nil)
    }

    @Test func theWindowCountsPerKeyAndStartsAgain() {
        var counter = WindowCounter(limit: 2, window: 60)
        let answers = [
            counter.allow("a", now: now), counter.allow("a", now: now.addingTimeInterval(1)),
            counter.allow("a", now: now.addingTimeInterval(2)),
            counter.allow("b", now: now.addingTimeInterval(2)), counter.allow("a", now: now.addingTimeInterval(61)),
        ]
        #expect(answers == [true, true, false, true, true])
    }

    @Test func turnsGoRoundFairlyAndSkipThoseNotActive() {
        let rule = LeadAssignment.roundRobin(team: UUID())
        let people = [
            LeadAssignment.Candidate(id: ids[2], active: true), .init(id: ids[0], active: true),
            .init(id: ids[1], active: false), .init(id: ids[3], active: true),
        ]
        var last: UUID?
        var given: [UUID: Int] = [:]
        for _ in 0..<99 {
            last = rule.pick(people, last: last, fallback: nil)
            given[last!, default: 0] += 1
        }
        #expect(given == [ids[0]: 33, ids[2]: 33, ids[3]: 33])
        #expect(rule.pick([.init(id: ids[1], active: false)], last: nil, fallback: ids[3]) == ids[3])
        #expect(rule.pick(people, last: ids[1], fallback: nil) == ids[2], "after someone who left, the next in line")
    }

    @Test func namedAndLeastLoadedPickTheRightPerson() {
        #expect(
            LeadAssignment.named(ids[0]).pick([.init(id: ids[0], active: true)], last: nil, fallback: ids[1]) == ids[0])
        #expect(
            LeadAssignment.named(ids[0]).pick([.init(id: ids[0], active: false)], last: nil, fallback: ids[1]) == ids[1]
        )
        let loads = [
            LeadAssignment.Candidate(id: ids[0], active: true, openLeads: 5),
            .init(id: ids[1], active: true, openLeads: 2),
            .init(id: ids[2], active: false, openLeads: 0), .init(id: ids[3], active: true, openLeads: 2),
        ]
        #expect(LeadAssignment.leastLoaded(team: UUID()).pick(loads, last: nil, fallback: nil) == ids[1])
    }
}
