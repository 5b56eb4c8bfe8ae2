import Documents
import Fluent
import Foundation
import SalesPulseCore
import Vapor

/// /reports: pick a period, a comparison and filters, read the sales report on the page,
/// download it as PDF or Word, keep it, and have it emailed every Monday.
struct ReportPagesController: RouteCollection {
    typealias Option = FormField.Option

    struct Finding: Encodable { let text: String; let href: String? }
    struct Figure: Encodable {
        let label: String
        let current: String
        let previous: String
        let change: String
        let href: String
    }
    struct Chart: Encodable { let title: String; let svg: String }
    struct Cell: Encodable { let text: String; let label: String; let numeric: Bool }
    struct Table: Encodable {
        let title: String
        let header: [String]
        let rows: [[Cell]]
    }
    struct Saved: Encodable {
        let id: String
        let name: String
        let href: String
        let recipients: String
    }
    struct Page: Encodable {
        let title: String
        let nav: Navigation
        let periods: [Option]
        let comparisons: [Option]
        let selects: [DashboardPage.Select]
        let reportTitle: String
        let subtitle: String
        let summary: [String]
        let summaryNote: String
        let periodLabel: String
        let comparisonLabel: String
        let figures: [Figure]
        let risks: [Finding]
        let recommendations: [Finding]
        let charts: [Chart]
        let tables: [Table]
        let canDownload: Bool
        let pdfHref: String
        let docxHref: String
        let hidden: [Option]
        let saved: [Saved]
        let recipients: [Option]
        let saveError: String?
        let savedName: String?
    }

    func boot(routes: any RoutesBuilder) throws {
        let reports = routes.grouped("reports")
        reports.get(use: page)
        reports.get("download", use: download)
        reports.post("saved", use: save)
        reports.post("saved", ":reportID", "delete", use: delete)
    }

    @Sendable func page(req: Request) async throws -> View {
        try await render(req, parameters: try req.query.decode([String: String].self))
    }

    @Sendable func download(req: Request) async throws -> Response {
        try await req.authorize(.export, .businessRecord)
        let (report, format) = try await SalesReport.make(req: req, defaultFormat: .pdf)
        guard format != .json else { throw DomainError.invalid(field: "format", "Choose pdf or docx.") }
        return try report.response(format, reader: try req.requireUser().name)
    }

    @Sendable func save(req: Request) async throws -> Response {
        let form = try req.content.decode(SavedReportsAPIController.CreateBody.self)
        let parameters = form.parameters.filter { !$0.value.isEmpty }
        do {
            let saved = try await req.savedReports().create(
                name: form.name ?? "", parameters: parameters,
                recipients: (form.weeklyTo ?? []).compactMap { UUID(uuidString: $0) })
            return req.redirect(to: "/reports?" + saved.parameters + "&saved=1")
        } catch let error as DomainError {
            let view = try await render(req, parameters: parameters, saveError: ErrorPayload(error).message)
            return try await view.encodeResponse(status: .unprocessableEntity, for: req)
        }
    }

    @Sendable func delete(req: Request) async throws -> Response {
        guard let id = req.parameters.get("reportID", as: UUID.self) else {
            throw DomainError.notFound("No such saved report.")
        }
        try await req.savedReports().delete(id)
        return req.redirect(to: "/reports")
    }

    private func render(_ req: Request, parameters: [String: String], saveError: String? = nil) async throws -> View {
        var parameters = parameters
        let justSaved = parameters.removeValue(forKey: "saved") != nil
        let today = CalendarDay(containing: req.now)
        let request = try SalesReportRequest(parameters: parameters, today: today)
        let actor = try await req.actor()
        var report = try await SalesReport.make(
            request, service: try await AnalyticsService(req: req), database: req.db)
        report = await report.reworded(
            settings: req.application.settings.languageModel, client: req.client, logger: req.logger)
        let query = request.queryItems.queryString
        let savedReports = try await req.savedReports()
        let users = try await User.query(on: req.db).filter(\.$isActive == true).sort(\.$name).all()
        let names = Dictionary(uniqueKeysWithValues: users.compactMap { user in user.id.map { ($0, user.name) } })
        return try await req.view.render(
            "reports",
            Page(
                title: "Reports", nav: try req.navigation(),
                periods: Self.periodOptions(selected: request.periodText, today: today),
                comparisons: Self.comparisonOptions(selected: request.compareText ?? "previous"),
                selects: try await DashboardPage.selects(request.filter, actor: actor, db: req.db.sql),
                reportTitle: report.title, subtitle: report.subtitle, summary: report.summary,
                summaryNote: report.summaryAuthor.note, periodLabel: request.period.label,
                comparisonLabel: request.comparison.label,
                figures: report.figures.map { figure in
                    Figure(
                        label: figure.label, current: figure.current.map(figure.format.full) ?? "no data",
                        previous: figure.previous.map(figure.format.full) ?? "no data", change: figure.changeText,
                        href: figure.href)
                },
                risks: report.risks.map { Finding(text: $0.text, href: $0.href) },
                recommendations: report.recommendations.map { Finding(text: $0.text, href: $0.href) },
                charts: report.charts.map { Chart(title: $0.title, svg: SVGWriter.svg($0)) },
                tables: report.movements.filter { !$0.rows.isEmpty }.map { movement in
                    let table = report.movementTable(movement)
                    return Table(
                        title: table.title, header: table.header,
                        rows: table.rows.map { cells in
                            cells.enumerated().map { column, cell in
                                var numeric = false
                                if case .number = cell { numeric = true }
                                return Cell(
                                    text: cell.display, label: column < table.header.count ? table.header[column] : "",
                                    numeric: numeric)
                            }
                        })
                },
                canDownload: AccessPolicy.decide(actor, .export, .businessRecord) == .allowed,
                pdfHref: "/reports/download?\(query)&format=pdf", docxHref: "/reports/download?\(query)&format=docx",
                hidden: request.queryItems.map { Option(value: $0.1, label: $0.0) },
                saved: try await savedReports.list().map { saved in
                    Saved(
                        id: saved.id?.uuidString ?? "", name: saved.name, href: "/reports?" + saved.parameters,
                        recipients: saved.recipientIDs.compactMap { names[$0] }.joined(separator: ", "))
                },
                recipients: users.compactMap { user in
                    guard let id = user.id, savedReports.mayEmail(id) else { return nil }
                    return Option(value: id.uuidString, label: id == actor.userID ? "\(user.name) (you)" : user.name)
                },
                saveError: saveError, savedName: justSaved ? "Saved." : nil))
    }

    /// The relative periods first, then the last twelve months by name.
    static func periodOptions(selected: String, today: CalendarDay) -> [Option] {
        var options = [
            Option(value: "last-month", label: "Last month"), Option(value: "this-month", label: "This month so far"),
            Option(value: "last-week", label: "Last week"),
        ]
        var month = today.monthStart
        for _ in 0..<12 {
            options.append(Option(value: month.monthText, label: ReportPeriod.monthLabel(month)))
            month = month.adding(days: -1).monthStart
        }
        if !options.contains(where: { $0.value == selected }), let start = CalendarDay(text: selected + "-01") {
            options.append(Option(value: selected, label: ReportPeriod.monthLabel(start)))
        }
        return options.map { Option(value: $0.value, label: $0.label, selected: $0.value == selected) }
    }

    static func comparisonOptions(selected: String) -> [Option] {
        let options = [
            Option(value: "previous", label: "The period before"),
            Option(value: "last-year", label: "The same period a year earlier"),
        ]
        var result = options.map { Option(value: $0.value, label: $0.label, selected: $0.value == selected) }
        if !options.contains(where: { $0.value == selected }), let start = CalendarDay(text: selected + "-01") {
            result.append(Option(value: selected, label: ReportPeriod.monthLabel(start), selected: true))
        }
        return result
    }
}
