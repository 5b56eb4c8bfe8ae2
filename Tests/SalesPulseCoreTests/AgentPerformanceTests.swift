import SalesPulseCore
import Testing

@Suite("Agent performance")
struct AgentPerformanceTests {
    @Test func scoreByHand() {
        // calls 50/100 → 50, meetings 40/40 → 100, leads 15/30 → 50, deals 30/15 → capped 100, sales 3,000/6,000 → 50
        let performance = AgentPerformance(
            activity: .init(calls: 50, meetings: 40, leads: 15, deals: 30, salesCents: 300_000),
            salesTargetCents: 600_000)
        // 0.15·50 + 0.25·100 + 0.20·50 + 0.20·100 + 0.20·50 = 7.5 + 25 + 10 + 20 + 10 = 72.5
        #expect(performance.score == 72.5)
        #expect(performance.level == .good)
        #expect(performance.components["deals"] == 100)
    }

    @Test func levelsAndRiskBands() {
        #expect(AgentPerformance.Level(score: 80) == .excellent)
        #expect(AgentPerformance.Level(score: 79.99) == .good)
        #expect(AgentPerformance.Level(score: 40) == .average)
        #expect(AgentPerformance.Level(score: 39.9) == .poor)
        #expect(MissRisk(missProbability: 0.7) == .high)
        #expect(MissRisk(missProbability: 0.69) == .medium)
        #expect(MissRisk(missProbability: 0.39) == .low)
        #expect([MissRisk.low, .high, .medium].sorted() == [.high, .medium, .low])
        #expect(AgentPerformance(activity: .init(), salesTargetCents: 0).score == 0)
    }
}
