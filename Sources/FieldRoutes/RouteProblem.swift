/// When a stop may be visited, in seconds from the start of the day: arrive early and wait,
/// never arrive after `closes`.
public struct TimeWindow: Sendable, Equatable, Codable {
    public let opens: Double
    public let closes: Double

    public init(opens: Double, closes: Double) {
        self.opens = opens
        self.closes = closes
    }
}

/// A day to plan: places by index into `matrix`, where the rep starts, where (if anywhere)
/// they must end, and the stops to visit with their visit lengths and time windows.
public struct RouteProblem: Sendable {
    public let matrix: TravelMatrix
    public let start: Int
    /// Where the day ends; nil ends at the last stop; equal to `start` for a round trip.
    public let end: Int?
    /// The stops in the order they were picked: the naive plan.
    public let stops: [Int]
    /// Seconds spent at each place, by matrix index.
    public let serviceSeconds: [Double]
    /// Time windows by matrix index.
    public let windows: [TimeWindow?]
    /// Leaving the start, in seconds from the start of the day.
    public let departure: Double

    public init(
        matrix: TravelMatrix, start: Int, end: Int?, stops: [Int], serviceSeconds: [Double]? = nil,
        windows: [TimeWindow?]? = nil, departure: Double = 0
    ) {
        self.matrix = matrix
        self.start = start
        self.end = end
        self.stops = stops
        self.serviceSeconds = serviceSeconds ?? Array(repeating: 0, count: matrix.count)
        self.windows = windows ?? Array(repeating: nil, count: matrix.count)
        self.departure = departure
    }

    /// A closed tour through every place, starting and ending at the first: the classic
    /// travelling-salesman problem.
    public static func tour(_ matrix: TravelMatrix) -> RouteProblem {
        RouteProblem(matrix: matrix, start: 0, end: 0, stops: Array(1..<max(1, matrix.count)))
    }

    var hasWindows: Bool { stops.contains { windows[$0] != nil } }

    var isSymmetric: Bool {
        let seconds = matrix.seconds
        for i in seconds.indices {
            for j in seconds.indices where j > i && seconds[i][j] != seconds[j][i] { return false }
        }
        return true
    }

    func travel(_ from: Int, _ to: Int) -> Double { matrix.seconds[from][to] }

    /// Travel seconds of visiting `order` (matrix indices), start and end included.
    func travelCost(_ order: [Int]) -> Double {
        var total = 0.0, previous = start
        for stop in order {
            total += travel(previous, stop)
            previous = stop
        }
        if let end { total += travel(previous, end) }
        return total
    }

    /// Seconds late summed over the stops reached after their window closed.
    func lateness(_ order: [Int]) -> Double {
        guard hasWindows else { return 0 }
        var clock = departure, previous = start, late = 0.0
        for stop in order {
            clock += travel(previous, stop)
            if let window = windows[stop] {
                clock = max(clock, window.opens)
                late += max(0, clock - window.closes)
            }
            clock += serviceSeconds[stop]
            previous = stop
        }
        return late
    }
}
