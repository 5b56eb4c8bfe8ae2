import Foundation

/// An observation far from what its trend and season lead one to expect.
public struct Anomaly: Sendable, Equatable, Codable {
    public enum Direction: String, Sendable, Codable { case above, below }
    public let index: Int
    public let actual: Double
    public let expected: Double
    public var size: Double { actual - expected }
    public var direction: Direction { actual >= expected ? .above : .below }
    /// Robust z-score: the residual over 1.4826 median absolute deviations.
    public let score: Double
}

/// Flags unusual points from robust residuals: a running median for the trend, the median
/// residual of each season position for the season, and the median absolute deviation of
/// what is left for the scale, so the anomalies themselves barely move any of the three.
/// Positive series are decomposed on the log scale, where seasons that grow with the level
/// (most sales) have a constant size.
public enum AnomalyFinder {
    public static func find(_ series: [Double], season: Int, threshold: Double = 3.5) -> [Anomaly] {
        guard series.count >= 5 else { return [] }
        let proportional = series.allSatisfy { $0 > 0 }
        let values = proportional ? series.map { log($0) } : series
        let window = max(season > 1 ? season : 5, 3) | 1
        // Two passes: a first trend to read the season, then the trend of the series without it.
        var trend = runningMedian(values, window: window)
        var seasonal = [Double](repeating: 0, count: values.count)
        if season > 1 && values.count >= 2 * season {
            let byPosition = (0..<season).map { position in
                median(stride(from: position, to: values.count, by: season).map { values[$0] - trend[$0] })
            }
            let centre = median(byPosition)
            for index in values.indices { seasonal[index] = byPosition[index % season] - centre }
            trend = runningMedian(values.indices.map { values[$0] - seasonal[$0] }, window: window)
        }
        let detrended = zip(values, trend).map { $0 - $1 }
        let residuals = values.indices.map { detrended[$0] - seasonal[$0] }
        let centre = median(residuals)
        var scale = 1.4826 * median(residuals.map { abs($0 - centre) })
        if scale == 0 {
            // More than half the residuals are exactly equal: fall back to the mean deviation,
            // and on a perfectly regular series to a small share of its level.
            scale = 1.2533 * residuals.map { abs($0 - centre) }.reduce(0, +) / Double(residuals.count)
            let level = values.map(abs).reduce(0, +) / Double(values.count)
            scale = max(scale, level * 1e-6, 1e-9)
        }
        return values.indices.compactMap { index in
            let score = (residuals[index] - centre) / scale
            guard abs(score) > threshold else { return nil }
            let expected = trend[index] + seasonal[index] + centre
            return Anomaly(
                index: index, actual: series[index], expected: proportional ? exp(expected) : expected, score: score)
        }
    }

    /// A centred running median of each point's neighbours (not the point: a median that
    /// includes it leans towards it and makes every residual look smaller than the noise); at each
    /// end, where no centred window fits, a robust straight line (Theil–Sen) through the rest of
    /// the first or last window, so a trending series' newest points are not measured against a
    /// lagging level.
    static func runningMedian(_ values: [Double], window: Int) -> [Double] {
        let half = window / 2, n = values.count
        guard n >= window else { return [Double](repeating: median(values), count: n) }
        func neighbours(_ index: Int, in range: Range<Int>) -> [(Double, Double)] {
            range.filter { $0 != index }.map { (Double($0), values[$0]) }
        }
        return values.indices.map { index in
            if index >= half && index < n - half {
                return median(neighbours(index, in: (index - half)..<(index + half + 1)).map(\.1))
            }
            let range = index < half ? 0..<window : (n - window)..<n
            let line = theilSen(neighbours(index, in: range))
            return line.intercept + line.slope * Double(index)
        }
    }

    /// The median of all pairwise slopes, and the median intercept under it.
    static func theilSen(_ points: [(x: Double, y: Double)]) -> (slope: Double, intercept: Double) {
        var slopes: [Double] = []
        for i in points.indices {
            for j in (i + 1)..<points.count { slopes.append((points[j].y - points[i].y) / (points[j].x - points[i].x)) }
        }
        let slope = median(slopes)
        return (slope, median(points.map { $0.y - slope * $0.x }))
    }

    static func median(_ values: [Double]) -> Double {
        guard !values.isEmpty else { return 0 }
        let sorted = values.sorted(), middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }
}
