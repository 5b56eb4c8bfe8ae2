import Documents
import FieldRoutes
import Foundation
import Vapor

/// `route plan`: the day planner on any list of points, printing the tour, its length and the
/// time taken as JSON.
struct RoutePlanCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "points", help: "CSV with columns id and x, y or latitude, longitude.")
        var points: String?
        @Option(name: "start", help: "Id of the point the tour starts and ends at (default the first row).")
        var start: String?
        @Option(name: "budget-ms", help: "Time budget in milliseconds for more than 10 stops (default 1000).")
        var budgetMilliseconds: Int?
        @Option(
            name: "metric",
            help: "euclidean (x, y), euc2d (x, y, each leg rounded as TSPLIB does) or haversine (metres).")
        var metric: String?
        @Option(name: "seed", help: "Random seed (default 1).")
        var seed: Int?
    }

    var help: String { "Plans the shortest tour through the points of a CSV file and prints it as JSON." }

    struct Output: Encodable {
        let metric: String
        let stops: Int
        let tour: [String]
        let length: Double
        let pickedOrderLength: Double
        let optimal: Bool
        let milliseconds: Double
    }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard let path = signature.points else {
            throw DomainError.invalid(field: "points", "--points FILE.csv is required.")
        }
        let table = try MLEvaluateCommand.read(path, option: "points")
        let points = try PointTable(table, metric: signature.metric)
        guard !points.ids.isEmpty else { throw DomainError.invalid(field: "points", "The file has no points.") }
        let budget = signature.budgetMilliseconds ?? 1_000
        guard budget > 0 else { throw DomainError.invalid(field: "budget-ms", "Give a budget above zero.") }
        var start = 0
        if let id = signature.start {
            guard let index = points.ids.firstIndex(of: id) else {
                throw DomainError.invalid(field: "start", "There is no point with id \(id).")
            }
            start = index
        }
        let problem = RouteProblem(
            matrix: points.matrix, start: start, end: start, stops: points.ids.indices.filter { $0 != start })
        let began = ContinuousClock.now
        let plan = RoutePlanner.plan(problem, budget: .milliseconds(budget), seed: UInt64(signature.seed ?? 1))
        let took = ContinuousClock.now - began
        let output = Output(
            metric: points.metric, stops: points.ids.count, tour: ([start] + plan.order).map { points.ids[$0] },
            length: plan.travelSeconds, pickedOrderLength: plan.naiveTravelSeconds, optimal: plan.isOptimal,
            milliseconds: Double(took.components.attoseconds) / 1e15 + Double(took.components.seconds) * 1_000)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        context.console.print(String(decoding: try encoder.encode(output), as: UTF8.self))
    }
}

/// The points of a CSV file and the distances between them.
struct PointTable {
    let ids: [String]
    let matrix: TravelMatrix
    let metric: String

    init(_ table: CSVTable, metric requested: String?) throws {
        let header = table.header.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        func column(_ names: [String]) -> Int? { header.firstIndex { names.contains($0) } }
        guard let idColumn = column(["id", "name"]) else {
            throw DomainError.invalid(field: "points", "The file needs an id column.")
        }
        let latitude = column(["latitude", "lat"]), longitude = column(["longitude", "lon", "lng"])
        let x = column(["x"]), y = column(["y"])
        let metric = requested ?? (latitude != nil ? "haversine" : "euclidean")
        guard ["euclidean", "euc2d", "haversine"].contains(metric) else {
            throw DomainError.invalid(field: "metric", "Use euclidean, euc2d or haversine.")
        }
        let pair = metric == "haversine" ? (latitude, longitude) : (x, y)
        guard let first = pair.0, let second = pair.1 else {
            throw DomainError.invalid(
                field: "points",
                metric == "haversine"
                    ? "The file needs latitude and longitude columns." : "The file needs x and y columns.")
        }
        var ids: [String] = [], coordinates: [(Double, Double)] = []
        for (index, row) in table.rows.enumerated() {
            guard let a = Double(row[first].trimmingCharacters(in: .whitespaces)),
                let b = Double(row[second].trimmingCharacters(in: .whitespaces))
            else {
                throw DomainError.invalid(field: "points", "Line \(index + 2) has a coordinate that is not a number.")
            }
            if metric == "haversine", !(-90...90).contains(a) || !(-180...180).contains(b) {
                throw DomainError.invalid(field: "points", "Line \(index + 2) is not a place on Earth.")
            }
            ids.append(row[idColumn])
            coordinates.append((a, b))
        }
        self.ids = ids
        self.metric = metric
        if metric == "haversine" {
            // One metre a second: the travel seconds are the great-circle metres.
            matrix = TravelModel(roadFactor: 1, speedKmh: 3.6).matrix(
                coordinates.map { GeoPoint(latitude: $0.0, longitude: $0.1) })
        } else {
            matrix = .euclidean(coordinates.map { (x: $0.0, y: $0.1) }, rounded: metric == "euc2d")
        }
    }
}

struct RouteCommands: AsyncCommandGroup {
    var commands: [String: any AnyAsyncCommand] { ["plan": RoutePlanCommand()] }
    var help: String { "Route tools: plan the shortest tour through your own list of points." }
}
