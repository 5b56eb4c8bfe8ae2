/// How a rep travels between places when no routing server answers: roads are longer than
/// the straight line by `roadFactor`, covered at `speedKmh`.
public struct TravelModel: Sendable, Equatable, Codable {
    public var roadFactor: Double
    public var speedKmh: Double

    public init(roadFactor: Double, speedKmh: Double) {
        self.roadFactor = roadFactor
        self.speedKmh = speedKmh
    }

    public static let car = TravelModel(roadFactor: 1.3, speedKmh: 40)
    public static let walking = TravelModel(roadFactor: 1.2, speedKmh: 4.5)
    public static let publicTransport = TravelModel(roadFactor: 1.4, speedKmh: 20)

    /// Road metres for a straight-line distance.
    public func roadMetres(_ straight: Double) -> Double { straight * roadFactor }

    /// Seconds to cover a straight-line distance.
    public func seconds(_ straight: Double) -> Double { roadMetres(straight) / (speedKmh * 1000 / 3600) }

    /// Metres and seconds between every pair of places.
    public func matrix(_ points: [GeoPoint]) -> TravelMatrix {
        var metres = [[Double]](repeating: [Double](repeating: 0, count: points.count), count: points.count)
        var seconds = metres
        for i in points.indices {
            for j in points.indices where j > i {
                let straight = points[i].distance(to: points[j])
                metres[i][j] = roadMetres(straight)
                metres[j][i] = metres[i][j]
                seconds[i][j] = self.seconds(straight)
                seconds[j][i] = seconds[i][j]
            }
        }
        return TravelMatrix(metres: metres, seconds: seconds)
    }
}

/// Distances and travel times between places, by index; not necessarily symmetric (one-way
/// streets, when a routing server gives them).
public struct TravelMatrix: Sendable, Equatable {
    public let metres: [[Double]]
    public let seconds: [[Double]]

    public init(metres: [[Double]], seconds: [[Double]]) {
        precondition(metres.count == seconds.count && metres.allSatisfy { $0.count == metres.count })
        self.metres = metres
        self.seconds = seconds
    }

    public var count: Int { metres.count }

    /// Plane coordinates (TSPLIB's EUC_2D and the like): distance and cost are the length.
    public static func euclidean(_ points: [(x: Double, y: Double)], rounded: Bool = false) -> TravelMatrix {
        let lengths = points.map { a in
            points.map { b in
                let d = ((a.x - b.x) * (a.x - b.x) + (a.y - b.y) * (a.y - b.y)).squareRoot()
                return rounded ? d.rounded() : d
            }
        }
        return TravelMatrix(metres: lengths, seconds: lengths)
    }
}
