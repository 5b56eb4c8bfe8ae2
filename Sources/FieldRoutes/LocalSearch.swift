/// 2-opt and Or-opt moves over the order of stops between a fixed start and end, first
/// improvement, until no move helps or the deadline passes. On a symmetric day without time
/// windows a move is priced from the four to six edges it changes; otherwise the whole day is
/// re-timed, late arrivals weighing far more than travel.
struct LocalSearch {
    let problem: RouteProblem
    let deadline: ContinuousClock.Instant
    private let priceByEdges: Bool

    /// Seconds of travel one second late is worth: lateness goes first.
    static let latePenalty = 1_000.0

    init(problem: RouteProblem, deadline: ContinuousClock.Instant) {
        self.problem = problem
        self.deadline = deadline
        priceByEdges = problem.isSymmetric && !problem.hasWindows
    }

    func cost(_ order: [Int]) -> Double {
        problem.travelCost(order) + Self.latePenalty * problem.lateness(order)
    }

    var timeIsUp: Bool { ContinuousClock.now >= deadline }

    /// Improves `order` in place until it is locally optimal or time is up.
    func improve(_ order: inout [Int]) {
        var improved = true
        while improved && !timeIsUp {
            improved = twoOpt(&order)
            if timeIsUp { return }
            improved = orOpt(&order) || improved
        }
    }

    private func edge(_ from: Int, _ to: Int?) -> Double { to.map { problem.travel(from, $0) } ?? 0 }

    private func before(_ order: [Int], _ i: Int) -> Int { i == 0 ? problem.start : order[i - 1] }

    private func after(_ order: [Int], _ j: Int) -> Int? { j == order.count - 1 ? problem.end : order[j + 1] }

    /// Reverses a stretch of the day when that shortens it.
    private func twoOpt(_ order: inout [Int]) -> Bool {
        let count = order.count
        guard count >= 2 else { return false }
        var improved = false, current = priceByEdges ? 0 : cost(order)
        for i in 0..<(count - 1) {
            if timeIsUp { return improved }
            for j in (i + 1)..<count {
                if priceByEdges {
                    let a = before(order, i), b = order[i], c = order[j], e = after(order, j)
                    let delta = problem.travel(a, c) + edge(b, e) - problem.travel(a, b) - edge(c, e)
                    if delta < -1e-9 {
                        order[i...j].reverse()
                        improved = true
                    }
                } else {
                    var candidate = order
                    candidate[i...j].reverse()
                    let price = cost(candidate)
                    if price < current - 1e-9 {
                        order = candidate
                        current = price
                        improved = true
                    }
                }
            }
        }
        return improved
    }

    /// Moves a run of one to three stops, forwards or reversed, to the place it fits best.
    private func orOpt(_ order: inout [Int]) -> Bool {
        var improved = false
        for length in 1...3 where length < order.count {
            var i = 0
            while i + length <= order.count {
                if timeIsUp { return improved }
                if moveSegment(&order, at: i, length: length) { improved = true } else { i += 1 }
            }
        }
        return improved
    }

    private func moveSegment(_ order: inout [Int], at i: Int, length: Int) -> Bool {
        let segment = Array(order[i..<(i + length)])
        var rest = order
        rest.removeSubrange(i..<(i + length))
        let first = segment[0], last = segment[length - 1]
        let current = priceByEdges ? 0 : cost(order)
        let removal =
            priceByEdges
            ? problem.travel(before(order, i), first) + edge(last, after(order, i + length - 1))
                - edge(before(order, i), after(order, i + length - 1)) : 0
        for position in 0...rest.count where position != i {
            let c = position == 0 ? problem.start : rest[position - 1]
            let e: Int? = position == rest.count ? problem.end : rest[position]
            for reversed in [false, true] where !(reversed && length == 1) {
                let gain: Double
                if priceByEdges {
                    let (head, tail) = reversed ? (last, first) : (first, last)
                    gain = problem.travel(c, head) + edge(tail, e) - edge(c, e) - removal
                } else {
                    var candidate = rest
                    candidate.insert(contentsOf: reversed ? segment.reversed() : segment, at: position)
                    gain = cost(candidate) - current
                }
                if gain < -1e-9 {
                    rest.insert(contentsOf: reversed ? segment.reversed() : segment, at: position)
                    order = rest
                    return true
                }
            }
        }
        return false
    }
}
