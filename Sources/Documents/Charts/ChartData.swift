/// The numbers behind a category chart (bar, line, area, pie, funnel): one value per
/// category per series, each optionally linked to the records it counts.
public struct ChartData: Sendable, Equatable {
    public struct Series: Sendable, Equatable {
        public let name: String
        public let values: [Double]
        public let links: [String?]
        /// A colour that carries meaning (won green, lost red); the palette's otherwise.
        public let color: Color?

        public init(name: String, values: [Double], links: [String?] = [], color: Color? = nil) {
            self.name = name
            self.values = values
            self.links = links.isEmpty ? Array(repeating: nil, count: values.count) : links
            self.color = color
        }
    }

    public let title: String
    public let categories: [String]
    public let series: [Series]
    public let format: ValueFormat
    /// One colour per category when the categories themselves carry meaning (a deal's stage
    /// drawn in its badge's colour); used by single-series bars and funnels.
    public let categoryColors: [Color]?

    public init(
        title: String, categories: [String], series: [Series], format: ValueFormat, categoryColors: [Color]? = nil
    ) {
        self.title = title
        self.categories = categories
        self.series = series
        self.format = format
        self.categoryColors = categoryColors
    }

    /// The same numbers as a table: the accessible alternative and the export. Every column is
    /// named: "Revenue by region" gives "Region" and "Revenue".
    public var table: DataTable {
        let split = title.range(of: " by ", options: .backwards)
        let categoryName =
            split.map { String(title[$0.upperBound...]) }.map { $0.prefix(1).uppercased() + $0.dropFirst() } ?? "Item"
        let measure = split.map { String(title[..<$0.lowerBound]) } ?? "Value"
        return DataTable(
            title: title, header: [categoryName] + series.map { $0.name.isEmpty ? measure : $0.name },
            rows: categories.indices.map { index in
                [.text(categories[index])] + series.map { .number($0.values[index], format) }
            })
    }

    func color(series index: Int, category: Int) -> Color {
        if series.count == 1, let categoryColors, categoryColors.indices.contains(category) {
            return categoryColors[category]
        }
        return series[index].color ?? .series(index)
    }

    var seriesColors: [Color] { series.indices.map { series[$0].color ?? .series($0) } }

    func link(series: Int, category: Int) -> String? {
        self.series[series].links.indices.contains(category) ? self.series[series].links[category] : nil
    }
}

/// A table of text and numbers: what every dashboard table and chart exports to CSV, XLSX
/// and PDF.
public struct DataTable: Sendable, Equatable {
    public enum Cell: Sendable, Equatable {
        case text(String)
        case number(Double, ValueFormat)
        case empty

        public var display: String {
            switch self {
            case .text(let text): text
            case .number(let value, let format): format.full(value)
            case .empty: ""
            }
        }

        /// Plain machine-readable form for CSV: no currency signs or separators.
        public var plain: String {
            switch self {
            case .text(let text): text
            case .number(let value, _):
                value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
            case .empty: ""
            }
        }
    }

    public let title: String
    public let header: [String]
    public let rows: [[Cell]]

    public init(title: String, header: [String], rows: [[Cell]]) {
        self.title = title
        self.header = header
        self.rows = rows
    }
}
