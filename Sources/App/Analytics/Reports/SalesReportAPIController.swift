import Foundation
import SalesPulseCore
import Vapor

/// GET /api/v1/reports/sales: the sales report for a period against another, as JSON, PDF or
/// Word, within the caller's scope.
struct SalesReportAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("reports", "sales", use: report)
    }

    @Sendable func report(req: Request) async throws -> Response {
        // Files carry names of people and deals out of the app: only for roles that may export.
        // Refused before the report is drawn, not after.
        let asked = req.query[String.self, at: "format"].flatMap(SalesReport.Format.init(rawValue:))
        if let asked, asked != .json { try await req.authorize(.export, .businessRecord) }
        let (report, format) = try await SalesReport.make(req: req)
        return try report.response(format, reader: try req.requireUser().name)
    }
}

extension SalesReport {
    /// The report the request's parameters ask for, and the format it is wanted in (`format`).
    static func make(req: Request, defaultFormat: Format = .json) async throws -> (SalesReport, Format) {
        var parameters = try req.query.decode([String: String].self)
        let formatText =
            parameters.removeValue(forKey: "format").flatMap { $0.isEmpty ? nil : $0 } ?? defaultFormat.rawValue
        guard let format = Format(rawValue: formatText) else {
            throw DomainError.invalid(field: "format", "Choose json, pdf or docx.")
        }
        let request = try SalesReportRequest(parameters: parameters, today: CalendarDay(containing: req.now))
        var report = try await SalesReport.make(
            request, service: try await AnalyticsService(req: req), database: req.db)
        report = await report.reworded(
            settings: req.application.settings.languageModel, client: req.client, logger: req.logger)
        return (report, format)
    }

    func response(_ format: Format, reader: String) throws -> Response {
        let bytes: [UInt8]
        switch format {
        case .json: return try RecordJSON.response(json)
        case .pdf: bytes = pdf(preparedFor: reader)
        case .docx: bytes = docx(preparedFor: reader)
        }
        let response = Response(status: .ok, body: .init(data: Data(bytes)))
        response.headers.replaceOrAdd(name: .contentType, value: format.contentType)
        response.headers.contentDisposition = .init(.attachment, filename: fileName(format))
        return response
    }
}
