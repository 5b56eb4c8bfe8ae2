/// Advance widths of the standard Helvetica font (thousandths of the font size) for
/// printable ASCII, from Adobe's published metrics: enough to wrap lines and right-align
/// numbers without embedding a font.
enum HelveticaMetrics {
    private static let ascii: [Int] = [
        278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278,
        556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556,
        1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778,
        667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556,
        333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556,
        556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,
    ]

    static func width(_ text: String, size: Double, bold: Bool) -> Double {
        let units = text.unicodeScalars.reduce(0) { total, scalar in
            let value = Int(scalar.value)
            return total + (value >= 32 && value < 127 ? ascii[value - 32] : 556)
        }
        return Double(units) * size / 1000 * (bold ? 1.06 : 1)
    }
}
