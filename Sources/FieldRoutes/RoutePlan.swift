/// A planned day: the stops in visiting order with their times, the legs between them, and
/// what the order as picked would have cost.
public struct RoutePlan: Sendable, Equatable {
    public struct Visit: Sendable, Equatable {
        public let place: Int
        public let arrival: Double
        public let waitSeconds: Double
        public let departure: Double
        /// Seconds after the window closed; zero when on time.
        public let lateSeconds: Double
    }

    public struct Leg: Sendable, Equatable {
        public let from: Int
        public let to: Int
        public let metres: Double
        public let seconds: Double
    }

    public let order: [Int]
    public let visits: [Visit]
    public let legs: [Leg]
    public let travelSeconds: Double
    public let travelMetres: Double
    /// When the day ends: at the end place, or leaving the last stop.
    public let finish: Double
    public let naiveTravelSeconds: Double
    public let naiveTravelMetres: Double
    /// True when the order is proven the shortest (small days are solved exactly).
    public let isOptimal: Bool

    /// The stops no order reaches inside their window.
    public var lateVisits: [Visit] { visits.filter { $0.lateSeconds > 0 } }

    init(problem: RouteProblem, order: [Int], isOptimal: Bool) {
        var visits: [Visit] = [], legs: [Leg] = []
        var clock = problem.departure, previous = problem.start
        func leg(_ from: Int, _ to: Int) {
            legs.append(
                Leg(from: from, to: to, metres: problem.matrix.metres[from][to], seconds: problem.travel(from, to)))
        }
        for place in order {
            leg(previous, place)
            let arrival = clock + problem.travel(previous, place)
            let opens = problem.windows[place]?.opens ?? arrival
            let begins = max(arrival, opens)
            let late = problem.windows[place].map { max(0, begins - $0.closes) } ?? 0
            clock = begins + problem.serviceSeconds[place]
            visits.append(
                Visit(
                    place: place, arrival: arrival, waitSeconds: begins - arrival, departure: clock, lateSeconds: late))
            previous = place
        }
        if let end = problem.end {
            leg(previous, end)
            clock += problem.travel(previous, end)
        }
        self.order = order
        self.visits = visits
        self.legs = legs
        travelSeconds = legs.reduce(0) { $0 + $1.seconds }
        travelMetres = legs.reduce(0) { $0 + $1.metres }
        finish = clock
        naiveTravelSeconds = problem.travelCost(problem.stops)
        var naiveMetres = 0.0, from = problem.start
        for place in problem.stops + (problem.end.map { [$0] } ?? []) {
            naiveMetres += problem.matrix.metres[from][place]
            from = place
        }
        naiveTravelMetres = naiveMetres
        self.isOptimal = isOptimal
    }
}
