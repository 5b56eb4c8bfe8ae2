/// The least-squares straight line through a series, positions counted from its first value.
struct TrendLine: Sendable {
    let intercept: Double
    let slope: Double

    init(_ values: ArraySlice<Double>) {
        let n = Double(values.count)
        guard n > 0 else {
            (intercept, slope) = (0, 0)
            return
        }
        let meanX = (n - 1) / 2, meanY = values.reduce(0, +) / n
        var covariance = 0.0, variance = 0.0
        for (index, value) in values.enumerated() {
            covariance += (Double(index) - meanX) * (value - meanY)
            variance += (Double(index) - meanX) * (Double(index) - meanX)
        }
        slope = variance > 0 ? covariance / variance : 0
        intercept = meanY - slope * meanX
    }

    func value(at position: Double) -> Double { intercept + slope * position }
}
