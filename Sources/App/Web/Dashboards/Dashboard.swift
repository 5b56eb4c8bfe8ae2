import Documents
import Foundation
import SalesPulseCore

/// One dashboard's content, independent of how it is shown: the page, the PDF report and
/// the spreadsheet exports are all drawn from this.
struct Dashboard: Sendable {
    enum Kind: String, CaseIterable, Sendable {
        case executive, pipeline, sources, channels, team

        /// Conversion needs time to show, so source and channel views default to a year.
        var defaultDays: Int { self == .sources || self == .channels ? 365 : 30 }

        var title: String {
            switch self {
            case .executive: "Executive overview"
            case .pipeline: "Pipeline"
            case .sources: "Lead sources"
            case .channels: "Marketing channels"
            case .team: "Team performance"
            }
        }
    }

    struct Tile: Sendable {
        let label: String
        let value: String
        /// "+12.5% vs previous period"
        let change: String?
        /// "up", "down" or "flat": the arrow.
        let direction: String?
        /// "good", "bad" or "flat": the colour; a shorter sales cycle is good news going down.
        var tone: String? = nil
        let href: String?
    }

    struct Chart: Sendable {
        let id: String
        let title: String
        let drawing: Drawing
        let table: DataTable
    }

    struct Table: Sendable {
        let id: String
        let table: DataTable
        /// Per row: where the row's first cell links to.
        var links: [String?] = []
        /// Per row and column: a colour band class ("band-green") or nil.
        var bands: [[String?]] = []
    }

    let kind: Kind
    let filter: AnalyticsFilter
    var tiles: [Tile] = []
    var charts: [Chart] = []
    var tables: [Table] = []
    var notes: [String] = []

    init(kind: Kind, filter: AnalyticsFilter) {
        self.kind = kind
        self.filter = filter
    }

    /// Every table and chart's numbers, for the spreadsheet export.
    var allTables: [DataTable] { tables.map(\.table) + charts.map(\.table) }

    func table(id: String) -> DataTable? {
        tables.first { $0.id == id }?.table ?? charts.first { $0.id == id }?.table
    }
}

extension Dashboard.Tile {
    /// A tile for a figure and its value in the previous period.
    static func figure(
        _ label: String, _ value: Double?, previous: Double?, format: ValueFormat, href: String? = nil,
        lowerIsBetter: Bool = false
    ) -> Dashboard.Tile {
        let change = KPISet.change(value, from: previous)
        let better = change.map { lowerIsBetter ? -$0 : $0 }
        return Dashboard.Tile(
            label: label, value: value.map(format.headline) ?? "—",
            change: change.map { ($0 > 0 ? "+" : "") + ValueFormat.percent.full($0) + " vs previous period" },
            direction: change.map { $0 > 0 ? "up" : $0 < 0 ? "down" : "flat" },
            tone: better.map { $0 > 0 ? "good" : $0 < 0 ? "bad" : "flat" }, href: href)
    }
}
