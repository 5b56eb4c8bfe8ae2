/// Minimises a function of a few unconstrained parameters by the Nelder-Mead simplex
/// (reflection 1, expansion 2, contraction ½, shrink ½). Models map their bounded parameters
/// onto the real line first, so the search never leaves the valid region.
public enum NelderMead {
    public static func minimize(
        _ objective: ([Double]) -> Double, from start: [Double], step: Double = 0.5,
        maxEvaluations: Int = 400, tolerance: Double = 1e-9
    ) -> (point: [Double], value: Double) {
        let dimensions = start.count
        guard dimensions > 0 else { return (start, objective(start)) }
        func value(_ point: [Double]) -> Double {
            let result = objective(point)
            return result.isFinite ? result : .greatestFiniteMagnitude
        }
        var simplex: [(point: [Double], value: Double)] = [(start, value(start))]
        for index in 0..<dimensions {
            var point = start
            point[index] += step
            simplex.append((point, value(point)))
        }
        var evaluations = dimensions + 1
        func blend(_ a: [Double], _ b: [Double], _ weight: Double) -> [Double] {
            zip(a, b).map { $0 + weight * ($1 - $0) }
        }
        while evaluations < maxEvaluations {
            simplex.sort { $0.value < $1.value }
            let best = simplex[0], worst = simplex[dimensions]
            if abs(worst.value - best.value) <= tolerance * (abs(best.value) + tolerance) { break }
            var centroid = [Double](repeating: 0, count: dimensions)
            for vertex in simplex.dropLast() {
                for index in 0..<dimensions { centroid[index] += vertex.point[index] / Double(dimensions) }
            }
            let reflected = blend(centroid, worst.point, -1)
            let reflectedValue = value(reflected)
            evaluations += 1
            if reflectedValue < best.value {
                let expanded = blend(centroid, worst.point, -2)
                let expandedValue = value(expanded)
                evaluations += 1
                simplex[dimensions] =
                    expandedValue < reflectedValue ? (expanded, expandedValue) : (reflected, reflectedValue)
            } else if reflectedValue < simplex[dimensions - 1].value {
                simplex[dimensions] = (reflected, reflectedValue)
            } else {
                let outside = reflectedValue < worst.value
                let contracted = blend(centroid, outside ? reflected : worst.point, 0.5)
                let contractedValue = value(contracted)
                evaluations += 1
                if contractedValue < min(reflectedValue, worst.value) {
                    simplex[dimensions] = (contracted, contractedValue)
                } else {
                    for index in 1...dimensions {
                        let point = blend(best.point, simplex[index].point, 0.5)
                        simplex[index] = (point, value(point))
                    }
                    evaluations += dimensions
                }
            }
        }
        return simplex.min { $0.value < $1.value }!
    }
}
