import Foundation
import Testing

@testable import FieldRoutes

@Suite("Route planner")
struct RoutePlannerTests {
    /// Places scattered on a 100 × 100 plane, the same for the same seed.
    func scattered(_ count: Int, seed: UInt64) -> TravelMatrix {
        var random = SeededGenerator(seed: seed)
        let points = (0..<count).map { _ in
            (x: Double.random(in: 0..<100, using: &random), y: Double.random(in: 0..<100, using: &random))
        }
        return TravelMatrix.euclidean(points)
    }

    /// The cheapest order by trying every one (Heap's algorithm), with windows as hard limits.
    func bruteForce(_ problem: RouteProblem) -> Double? {
        var order = problem.stops, best: Double?
        func consider() {
            guard problem.lateness(order) == 0 else { return }
            let cost = problem.travelCost(order)
            if best == nil || cost < best! { best = cost }
        }
        func permute(_ k: Int) {
            if k <= 1 { return consider() }
            for i in 0..<(k - 1) {
                permute(k - 1)
                order.swapAt(k % 2 == 0 ? i : 0, k - 1)
            }
            permute(k - 1)
        }
        permute(order.count)
        return best
    }

    @Test(arguments: 0...9)
    func smallDaysAreSolvedToTheTrueOptimum(stops: Int) {
        for seed in UInt64(1)...UInt64(stops >= 8 ? 1 : 3) {
            let matrix = scattered(stops + 2, seed: seed * 100 + UInt64(stops))
            let places = Array(1...max(1, stops)).prefix(stops)
            for end in [nil, 0, stops + 1] as [Int?] {
                let problem = RouteProblem(matrix: matrix, start: 0, end: end, stops: Array(places))
                let plan = RoutePlanner.plan(problem)
                #expect(plan.isOptimal)
                #expect(plan.order.sorted() == Array(places))
                let optimum = bruteForce(problem) ?? .nan
                #expect(abs(plan.travelSeconds - optimum) < 1e-6, "\(stops) stops, end \(String(describing: end))")
            }
        }
    }

    @Test func timeWindowsAreKeptEvenWhenALongerOrderIsNeeded() {
        // given three stops on a line, the far one open only early in the day
        let matrix = TravelMatrix.euclidean([(0, 0), (10, 0), (20, 0), (30, 0)])
        var windows = [TimeWindow?](repeating: nil, count: 4)
        windows[3] = TimeWindow(opens: 0, closes: 32)
        let problem = RouteProblem(
            matrix: matrix, start: 0, end: nil, stops: [1, 2, 3], serviceSeconds: [0, 5, 5, 5], windows: windows)
        // when planned
        let plan = RoutePlanner.plan(problem)
        // then the far stop comes first, in time, and the plan matches the brute-force optimum
        #expect(plan.order.first == 3 && plan.lateVisits.isEmpty)
        #expect(plan.visits[0].arrival == 30)
        #expect(abs(plan.travelSeconds - (bruteForce(problem) ?? .nan)) < 1e-9)
        // a window opening later makes the rep wait, and the wait shows
        windows[3] = TimeWindow(opens: 100, closes: 200)
        let waiting = RoutePlanner.plan(
            RouteProblem(matrix: matrix, start: 0, end: nil, stops: [1, 2, 3], windows: windows))
        #expect(waiting.order == [1, 2, 3] && waiting.visits[2].waitSeconds == 70)
    }

    @Test func aWindowNoOrderCanKeepIsReportedLate() {
        let matrix = TravelMatrix.euclidean([(0, 0), (50, 0), (60, 0)])
        var windows = [TimeWindow?](repeating: nil, count: 3)
        windows[1] = TimeWindow(opens: 0, closes: 10)
        let plan = RoutePlanner.plan(RouteProblem(matrix: matrix, start: 0, end: nil, stops: [1, 2], windows: windows))
        #expect(plan.order == [1, 2] && !plan.isOptimal)
        #expect(plan.lateVisits.map(\.place) == [1] && plan.lateVisits.first?.lateSeconds == 40)
    }

    @Test func roundTripsDuplicatesAndSingleStopsPlanSensibly() {
        // the same customer listed twice costs nothing to visit twice in a row
        let matrix = TravelMatrix.euclidean([(0, 0), (5, 5), (5, 5), (9, 0)])
        let plan = RoutePlanner.plan(RouteProblem(matrix: matrix, start: 0, end: 0, stops: [3, 1, 2]))
        #expect(
            plan.order == [1, 2, 3] || plan.order == [2, 1, 3] || plan.order == [3, 1, 2] || plan.order == [3, 2, 1])
        #expect(plan.legs.count == 4 && plan.legs.last?.to == 0)
        #expect(plan.travelSeconds <= plan.naiveTravelSeconds + 1e-9)
        let single = RoutePlanner.plan(RouteProblem(matrix: matrix, start: 0, end: 0, stops: [3]))
        #expect(single.order == [3] && single.travelSeconds == 18)
        let none = RoutePlanner.plan(RouteProblem(matrix: matrix, start: 0, end: nil, stops: []))
        #expect(none.order.isEmpty && none.travelSeconds == 0)
    }

    @Test func largeDaysImproveOnThePickedOrderWithinTheBudget() {
        // given 300 stops and a 200 ms budget, on a machine busy with other work
        let matrix = scattered(301, seed: 7)
        let problem = RouteProblem(matrix: matrix, start: 0, end: 0, stops: Array(1...300))
        let busy = (0..<2).map { _ in
            Thread {
                var x = 0.0
                for i in 0..<50_000_000 { x += sin(Double(i)) }
                _ = x
            }
        }
        busy.forEach { $0.start() }
        // when planned
        let started = ContinuousClock.now
        let plan = RoutePlanner.plan(problem, budget: .milliseconds(200))
        let took = ContinuousClock.now - started
        // then the budget held (a little slack for the one move in hand) and the plan is a real tour
        #expect(took < .milliseconds(400), "\(took)")
        #expect(plan.order.sorted() == Array(1...300))
        #expect(plan.travelSeconds < plan.naiveTravelSeconds * 0.5)
    }

    @Test func twelveStopsComeCloseToTheOptimumFoundByExactSearch() {
        // the heuristic's answer for 11 stops is checked against the exact planner run directly
        for seed in UInt64(1)...4 {
            let matrix = scattered(12, seed: seed)
            let problem = RouteProblem(matrix: matrix, start: 0, end: 0, stops: Array(1...11))
            let exact = problem.travelCost(ExactPlanner(problem: problem).solve()!)
            let plan = RoutePlanner.plan(problem, budget: .milliseconds(300), seed: seed)
            #expect(!plan.isOptimal)
            #expect(plan.travelSeconds <= exact * 1.02, "seed \(seed)")
        }
    }
}
