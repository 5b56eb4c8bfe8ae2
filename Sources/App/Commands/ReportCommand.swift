import Foundation
import SalesPulseCore
import SQLKit
import Vapor

/// `report`: the sales report for a month as PDF, Word or JSON, as a user whose scope applies.
struct ReportCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "period", help: "a month as YYYY-MM, or last-month (default), this-month, last-week")
        var period: String?
        @Option(name: "compare", help: "a month as YYYY-MM, previous (default) or last-year") var compare: String?
        @Option(name: "region", help: "a region's name") var region: String?
        @Option(name: "team", help: "a team's name") var team: String?
        @Option(name: "category", help: "a product category's name") var category: String?
        @Option(name: "format", help: "pdf (default), docx or json") var format: String?
        @Option(name: "out", help: "the file to write (default: sales-report-PERIOD.FORMAT here)") var out: String?
        @Option(name: "as", help: "email of the user whose view the report shows (default: the first admin)")
        var user: String?
    }

    var help: String { "Writes the sales report for a period, compared with another, as PDF, Word or JSON." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        guard let format = SalesReport.Format(rawValue: (signature.format ?? "pdf").lowercased()) else {
            throw DomainError.invalid(field: "format", "Choose pdf, docx or json.")
        }
        try await app.autoMigrate()
        let actor = try await CommandUser.actor(email: signature.user, app: app)
        let reader = try await User.find(actor.userID, on: app.db)?.name ?? "SalesPulse"
        var parameters: [String: String] = [:]
        if let period = signature.period { parameters["period"] = period }
        if let compare = signature.compare { parameters["compare"] = compare }
        for (option, table, field, value) in [
            ("region", "regions", "region", signature.region), ("team", "teams", "team", signature.team),
            ("category", "product_categories", "productCategory", signature.category),
        ] {
            guard let value else { continue }
            parameters[field] = try await Self.id(named: value, in: table, option: option, db: app.db.sql)
        }
        let now = app.clock.now()
        let request = try SalesReportRequest(parameters: parameters, today: CalendarDay(containing: now))
        context.console.print("Writing the sales report for \(request.period.label)…")
        var report = try await SalesReport.make(
            request, service: AnalyticsService(db: app.db.sql, actor: actor, now: now), database: app.db)
        report = await report.reworded(settings: app.settings.languageModel, client: app.client, logger: app.logger)
        let bytes: [UInt8]
        switch format {
        case .pdf: bytes = report.pdf(preparedFor: reader)
        case .docx: bytes = report.docx(preparedFor: reader)
        case .json:
            bytes = Array(
                try JSONSerialization.data(withJSONObject: report.json, options: [.prettyPrinted, .sortedKeys]))
        }
        let path = signature.out ?? report.fileName(format)
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        context.console.print("Wrote \(path): \(report.summary.first ?? report.title)")
    }

    /// A region, team or category by its name (any case) or id.
    static func id(named value: String, in table: String, option: String, db: any SQLDatabase) async throws -> String {
        for row in try await db.raw("SELECT \(ident: "id"), \(ident: "name") FROM \(ident: table)").all() {
            let id = try row.decode(column: "id", as: UUID.self), name = try row.decode(column: "name", as: String.self)
            if name.lowercased() == value.lowercased() || id.uuidString.lowercased() == value.lowercased() {
                return id.uuidString
            }
        }
        throw DomainError.invalid(field: option, "No \(option) is called \(value).")
    }
}
