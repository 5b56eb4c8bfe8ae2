import Foundation

/// How far each step ahead tends to miss: the root mean squared error of the fitted method's
/// own forecasts from many origins in the history, one figure per step, never shrinking with
/// the distance ahead. Those errors come from parameters fitted on the same history, so they
/// are widened for the parameters and states estimated, as an unbiased variance would be.
enum PredictionSpread {
    static func standardDeviations(_ fitted: FittedMethod, values: [Double], season: Int, steps: Int) -> [Double] {
        guard steps > 0 else { return [] }
        let n = values.count
        let earliest = max(fitted.method.minimumLength(season: season), fitted.minimumLength, 2)
        var squares = [Double](repeating: 0, count: steps), counts = [Int](repeating: 0, count: steps)
        if earliest < n {
            for origin in max(earliest, n - 120)..<n {
                let forecast = fitted.forecast(values[..<origin], steps: min(steps, n - origin))
                for (offset, predicted) in forecast.enumerated() {
                    let error = values[origin + offset] - predicted
                    squares[offset] += error * error
                    counts[offset] += 1
                }
            }
        }
        let estimated = Double(fitted.method.estimatedCount(season: season))
        let widening = sqrt(Double(n) / max(Double(n) - estimated, Double(n) / 2))
        var deviations: [Double] = []
        for step in 0..<steps {
            let measured = counts[step] >= 6 ? sqrt(squares[step] / Double(counts[step])) : nil
            if let measured, let previous = deviations.last {
                deviations.append(max(measured, previous))
            } else if let measured {
                deviations.append(measured)
            } else if let previous = deviations.last {
                deviations.append(previous * sqrt(Double(step + 1) / Double(step)))
            } else {
                deviations.append(firstDifferenceSpread(values) * sqrt(Double(step + 1)))
            }
        }
        return deviations.map { $0 * widening }
    }

    /// A random walk's spread, for histories too short to measure anything better.
    private static func firstDifferenceSpread(_ values: [Double]) -> Double {
        guard values.count > 1 else { return abs(values.first ?? 0) * 0.1 }
        let differences = zip(values.dropFirst(), values).map { $0 - $1 }
        return sqrt(differences.map { $0 * $0 }.reduce(0, +) / Double(differences.count))
    }

    /// How much wider the errors were when the methods were refitted on the history before each
    /// back-test origin than the same origins' errors with parameters fitted on everything:
    /// parameters and initial states fitted on a series follow its own noise, so its in-sample
    /// errors understate what the future will bring. Never narrows, at most triples.
    static func outOfSampleWidening(
        _ methods: [ForecastMethod], fitted: FittedMethod, values: [Double], season: Int,
        layout: (first: Int, window: Int, origins: Int, stride: Int)
    ) -> Double {
        var outside = 0.0, inside = 0.0
        for origin in 0..<layout.origins {
            let start = layout.first + origin * layout.stride
            guard start >= 2, methods.allSatisfy({ $0.applies(to: values[..<start], season: season) }) else {
                continue
            }
            let steps = min(layout.window, values.count - start)
            let refitted = FittedMethod.average(
                methods.map { $0.fit(values[..<start], season: season) }, season: season
            ).forecast(values[..<start], steps: steps)
            let kept = fitted.forecast(values[..<start], steps: steps)
            for offset in 0..<steps {
                let actual = values[start + offset]
                outside += (actual - refitted[offset]) * (actual - refitted[offset])
                inside += (actual - kept[offset]) * (actual - kept[offset])
            }
        }
        guard inside > 0, outside.isFinite else { return 1 }
        return min(max(sqrt(outside / inside), 1), 3)
    }
}
