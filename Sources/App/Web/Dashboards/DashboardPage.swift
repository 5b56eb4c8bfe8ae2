import Documents
import Foundation
import SalesPulseCore
import SQLKit
import Vapor

/// The Leaf context of a dashboard page: the filter form, tiles, charts as inline SVG with
/// their data tables, tables with drill-down links, and export links that keep the filters.
struct DashboardPage: Encodable {
    struct Tab: Encodable { let label: String; let href: String; let current: Bool }
    struct Select: Encodable { let name: String; let label: String; let options: [FormField.Option] }
    struct Tile: Encodable {
        let label: String; let value: String; let change: String?; let direction: String?; let tone: String?;
        let href: String?
    }
    struct Cell: Encodable { let text: String; let href: String?; let numeric: Bool; let band: String? }
    struct Table: Encodable {
        let id: String
        let title: String
        let header: [String]
        let rows: [[Cell]]
        let csvHref: String
        let xlsxHref: String
    }
    struct Chart: Encodable {
        let id: String
        let title: String
        let svg: String
        let table: Table
        let svgHref: String
    }

    let title: String
    let nav: Navigation
    let tabs: [Tab]
    let from: String
    let to: String
    let selects: [Select]
    let tiles: [Tile]
    let charts: [Chart]
    let tables: [Table]
    let notes: [String]
    let pdfHref: String
    let xlsxHref: String
    let canImport: Bool
    /// Files carry names of people and deals out of the app: only for roles allowed to export.
    let canExport: Bool
    let importMessage: String?
    let importErrors: [String]

    static func make(
        _ dashboard: Dashboard, request: Request, importMessage: String? = nil, importErrors: [String] = []
    ) async throws -> DashboardPage {
        let base = "/dashboards/\(dashboard.kind.rawValue)"
        let query = dashboard.filter.queryItems.queryString
        func table(_ id: String, _ data: DataTable, links: [String?] = [], bands: [[String?]] = []) -> Table {
            Table(
                id: id, title: data.title, header: data.header,
                rows: data.rows.enumerated().map { rowIndex, cells in
                    cells.enumerated().map { column, cell in
                        var numeric = false
                        if case .number = cell { numeric = true }
                        return Cell(
                            text: cell.display, href: column == 0 && rowIndex < links.count ? links[rowIndex] : nil,
                            numeric: numeric,
                            band: rowIndex < bands.count && column < bands[rowIndex].count
                                ? bands[rowIndex][column] : nil)
                    }
                }, csvHref: "\(base)/tables/\(id).csv?\(query)", xlsxHref: "\(base)/tables/\(id).xlsx?\(query)")
        }
        let actor = try await request.actor()
        return DashboardPage(
            title: dashboard.kind.title, nav: try request.navigation(),
            tabs: Dashboard.Kind.allCases.map {
                Tab(label: $0.title, href: "/dashboards/\($0.rawValue)?\(query)", current: $0 == dashboard.kind)
            },
            from: dashboard.filter.from.text, to: dashboard.filter.to.text,
            selects: try await selects(dashboard.filter, actor: actor, db: request.db.sql),
            tiles: dashboard.tiles.map {
                Tile(
                    label: $0.label, value: $0.value, change: $0.change, direction: $0.direction, tone: $0.tone,
                    href: $0.href)
            },
            charts: dashboard.charts.map { chart in
                Chart(
                    id: chart.id, title: chart.title, svg: SVGWriter.svg(chart.drawing),
                    table: table(chart.id, chart.table),
                    svgHref: "\(base)/charts/\(chart.id).svg?\(query)")
            },
            tables: dashboard.tables.map { table($0.id, $0.table, links: $0.links, bands: $0.bands) },
            notes: dashboard.notes, pdfHref: "\(base)/report.pdf?\(query)", xlsxHref: "\(base)/export.xlsx?\(query)",
            canImport: dashboard.kind == .channels
                && AccessPolicy.decide(actor, .create, .referenceData, record: nil) == .allowed,
            canExport: AccessPolicy.decide(actor, .export, .businessRecord) == .allowed,
            importMessage: importMessage, importErrors: importErrors)
    }

    static func selects(_ filter: AnalyticsFilter, actor: Actor, db: any SQLDatabase) async throws -> [Select] {
        func options(_ table: String, selected: UUID?, only: Set<UUID>? = nil) async throws -> [FormField.Option] {
            var result = [FormField.Option(value: "", label: "All")]
            for row in try await db.raw(
                "SELECT \(ident: "id"), \(ident: "name") FROM \(ident: table) ORDER BY \(ident: "name")"
            ).all() {
                let id = try row.decode(column: "id", as: UUID.self)
                if let only, !only.contains(id) { continue }
                result.append(
                    FormField.Option(
                        value: id.uuidString, label: try row.decode(column: "name", as: String.self),
                        selected: id == selected))
            }
            return result
        }
        let sources =
            [FormField.Option(value: "", label: "All")]
            + LeadSource.allCases.map {
                FormField.Option(
                    value: $0.rawValue, label: LeadSourceAdvice.label($0.rawValue), selected: $0 == filter.source)
            }
        return [
            Select(name: "region", label: "Region", options: try await options("regions", selected: filter.regionID)),
            Select(name: "team", label: "Team", options: try await options("teams", selected: filter.teamID)),
            Select(
                name: "rep", label: "Rep",
                options: try await options("users", selected: filter.repID, only: AccessPolicy.visibleOwnerIDs(actor))),
            Select(
                name: "productCategory", label: "Product category",
                options: try await options("product_categories", selected: filter.productCategoryID)),
            Select(name: "source", label: "Lead source", options: sources),
            Select(
                name: "segment", label: "Segment", options: try await options("segments", selected: filter.segmentID)),
        ]
    }
}
