/// Plans a day: exact for small days, otherwise nearest-neighbour starts improved by 2-opt
/// and Or-opt, then perturbed and improved again until the time budget is spent.
public enum RoutePlanner {
    /// Days with at most this many stops are solved exactly.
    public static let exactLimit = 10

    public static func plan(_ problem: RouteProblem, budget: Duration = .seconds(1), seed: UInt64 = 1) -> RoutePlan {
        let deadline = ContinuousClock.now.advanced(by: budget)
        if problem.stops.count <= exactLimit, let order = ExactPlanner(problem: problem).solve() {
            return RoutePlan(problem: problem, order: order, isOptimal: true)
        }
        let search = LocalSearch(problem: problem, deadline: deadline)
        var random = SeededGenerator(seed: seed)
        var best = problem.stops, bestCost = search.cost(best)
        // Stops take turns as the first visit for up to a third of the budget.
        let startsUntil = ContinuousClock.now.advanced(by: budget / 3)
        for first in problem.stops.shuffled(using: &random) {
            var order = nearestNeighbour(problem, first: first)
            search.improve(&order)
            let price = search.cost(order)
            if price < bestCost - 1e-9 {
                best = order
                bestCost = price
            }
            if ContinuousClock.now >= startsUntil { break }
        }
        while !search.timeIsUp && best.count >= 8 {
            var order = doubleBridge(best, random: &random)
            search.improve(&order)
            let price = search.cost(order)
            if price < bestCost - 1e-9 {
                best = order
                bestCost = price
            }
        }
        return RoutePlan(problem: problem, order: best, isOptimal: false)
    }

    /// Times a day in an order already chosen: a plan made earlier, exported or saved.
    public static func timed(_ problem: RouteProblem, order: [Int]) -> RoutePlan {
        RoutePlan(problem: problem, order: order, isOptimal: false)
    }

    /// From the start to the nearest stop not yet visited, again and again, `first` first.
    static func nearestNeighbour(_ problem: RouteProblem, first: Int) -> [Int] {
        var left = Set(problem.stops)
        left.remove(first)
        var order = [first], here = first
        while !left.isEmpty {
            let next = left.min { (problem.travel(here, $0), $0) < (problem.travel(here, $1), $1) }!
            order.append(next)
            left.remove(next)
            here = next
        }
        return order
    }

    /// Cuts the order in four and swaps the middle two: a jump 2-opt and Or-opt cannot undo.
    static func doubleBridge(_ order: [Int], random: inout SeededGenerator) -> [Int] {
        let count = order.count
        var cuts = [
            Int.random(in: 1..<count, using: &random), Int.random(in: 1..<count, using: &random),
            Int.random(in: 1..<count, using: &random),
        ].sorted()
        if Set(cuts).count < 3 { cuts = [count / 4, count / 2, 3 * count / 4] }
        let (a, b, c) = (cuts[0], cuts[1], cuts[2])
        return Array(order[..<a] + order[b..<c] + order[a..<b] + order[c...])
    }
}
