import Documents
import Foundation
import SalesPulseCore
import Vapor

/// /dashboards/{kind}: the S6 dashboards, and every table, chart and whole dashboard as a
/// file (CSV, XLSX, SVG, PDF) with the same filters.
struct DashboardPagesController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let dashboards = routes.grouped("dashboards")
        dashboards.get { req in req.redirect(to: "/dashboards/executive") }
        dashboards.get(":kind", use: page)
        dashboards.get(":kind", "report.pdf", use: pdf)
        dashboards.get(":kind", "export.xlsx", use: workbook)
        dashboards.get(":kind", "tables", ":file", use: tableFile)
        dashboards.get(":kind", "charts", ":file", use: chartFile)
        dashboards.post("channels", "import", use: importSpend)
    }

    @Sendable func page(req: Request) async throws -> View {
        let dashboard = try await build(req)
        return try await req.view.render("dashboard", try await DashboardPage.make(dashboard, request: req))
    }

    @Sendable func pdf(req: Request) async throws -> Response {
        let dashboard = try await buildForExport(req)
        return file(
            DashboardReport.pdf(dashboard, viewer: try req.requireUser().name), type: "application/pdf",
            name: "\(dashboard.kind.rawValue).pdf")
    }

    @Sendable func workbook(req: Request) async throws -> Response {
        let dashboard = try await buildForExport(req)
        return file(
            XLSXWriter.workbook(dashboard.allTables), type: Self.xlsxType, name: "\(dashboard.kind.rawValue).xlsx")
    }

    @Sendable func tableFile(req: Request) async throws -> Response {
        let (id, format) = try Self.fileName(req, allowed: ["csv", "xlsx"])
        let dashboard = try await buildForExport(req)
        guard let table = dashboard.table(id: id) else {
            throw DomainError.notFound("No table \(id) on this dashboard.")
        }
        if format == "xlsx" { return file(XLSXWriter.workbook([table]), type: Self.xlsxType, name: "\(id).xlsx") }
        let csv = CSVTable.write(header: table.header, rows: table.rows.map { $0.map(\.plain) })
        return file(Array(csv.utf8), type: "text/csv; charset=utf-8", name: "\(id).csv")
    }

    @Sendable func chartFile(req: Request) async throws -> Response {
        let (id, _) = try Self.fileName(req, allowed: ["svg"])
        let dashboard = try await buildForExport(req)
        guard let chart = dashboard.charts.first(where: { $0.id == id }) else {
            throw DomainError.notFound("No chart \(id) on this dashboard.")
        }
        return file(
            Array(SVGWriter.svg(chart.drawing, standalone: true).utf8), type: "image/svg+xml", name: "\(id).svg")
    }

    @Sendable func importSpend(req: Request) async throws -> Response {
        try await req.authorize(.create, .referenceData)
        let form = try req.content.decode([String: String].self)
        var message: String?, errors: [String] = []
        do {
            let count = try await MarketingSpendImport(context: try await req.recordContext()).run(
                csv: form["csv"] ?? "")
            message = "Imported \(count) row\(count == 1 ? "" : "s")."
        } catch let error as MarketingSpendImport.Failure {
            errors = error.problems
        }
        let dashboard = try await DashboardBuilder(
            service: try await AnalyticsService(req: req),
            filter: try AnalyticsFilter(request: req, defaultDays: Dashboard.Kind.channels.defaultDays),
            request: req
        ).build(.channels)
        let page = try await DashboardPage.make(dashboard, request: req, importMessage: message, importErrors: errors)
        return try await req.view.render("dashboard", page).encodeResponse(
            status: errors.isEmpty ? .ok : .unprocessableEntity, for: req)
    }

    /// The dashboard behind a file download, for roles allowed to export.
    private func buildForExport(_ req: Request) async throws -> Dashboard {
        try await req.authorize(.export, .businessRecord)
        return try await build(req)
    }

    private func build(_ req: Request) async throws -> Dashboard {
        guard let kind = req.parameters.get("kind").flatMap(Dashboard.Kind.init(rawValue:)) else {
            throw DomainError.notFound(
                "No such dashboard; there are \(Dashboard.Kind.allCases.map(\.rawValue).joined(separator: ", ")).")
        }
        let filter = try AnalyticsFilter(request: req, defaultDays: kind.defaultDays)
        return try await DashboardBuilder(service: try await AnalyticsService(req: req), filter: filter, request: req)
            .build(kind)
    }

    private func file(_ bytes: [UInt8], type: String, name: String) -> Response {
        let response = Response(status: .ok, body: .init(data: Data(bytes)))
        response.headers.replaceOrAdd(name: .contentType, value: type)
        response.headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"\(name)\"")
        return response
    }

    static let xlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

    private static func fileName(_ req: Request, allowed: [String]) throws -> (String, String) {
        let file = req.parameters.get("file") ?? ""
        guard let dot = file.lastIndex(of: "."), allowed.contains(String(file[file.index(after: dot)...])) else {
            throw DomainError.notFound("Ask for \(allowed.map { "name.\($0)" }.joined(separator: " or ")).")
        }
        return (String(file[..<dot]), String(file[file.index(after: dot)...]))
    }
}
