import Fluent
import Foundation
import SalesPulseCore
import Vapor

/// Every Monday morning each saved report goes to the people chosen for it, as a PDF drawn
/// in each recipient's own scope, with the summary in the email. A report is marked sent for
/// the week in the transaction that queues its emails, so a retried run sends none twice.
enum WeeklyReportJob {
    static let kind = "reports.weekly"
    static let hour = 7

    static func register(_ app: Application) {
        app.jobHandlers.register(kind) { context in try await run(context.app) }
    }

    struct MailContext: Encodable, Sendable {
        let name: String
        let reportName: String
        let title: String
        let summary: [String]
        let link: String
    }

    static func run(_ app: Application) async throws {
        let now = app.clock.now()
        let week = CalendarDay(containing: now).weekStart.text
        let reports = try await SavedReport.query(on: app.db).filter(\.$recipientIDsText != "").all()
        for saved in reports where saved.lastSentWeek != week {
            var messages: [MailMessage] = []
            for user in try await User.query(on: app.db).filter(\.$id ~~ saved.recipientIDs).filter(\.$isActive == true)
                .all()
            {
                messages.append(try await message(saved, to: user, app: app, now: now))
            }
            let queued = messages
            try await app.db.writeTransaction { tx in
                for message in queued { try await Outbox(db: tx).enqueue(message, now: now) }
                saved.lastSentWeek = week
                try await saved.save(on: tx)
            }
        }
    }

    static func message(_ saved: SavedReport, to user: User, app: Application, now: Date) async throws -> MailMessage {
        let actor = try await ActorResolver.resolve(user, on: app.db)
        let request = try SalesReportRequest(parameters: saved.parameterDictionary, today: CalendarDay(containing: now))
        var report = try await SalesReport.make(
            request, service: AnalyticsService(db: app.db.sql, actor: actor, now: now), database: app.db)
        report = await report.reworded(settings: app.settings.languageModel, client: app.client, logger: app.logger)
        let link = app.settings.publicURL + "/reports?" + request.queryItems.queryString
        return try await MailComposer(app: app).compose(
            "weekly-report", to: user.email, subject: "\(saved.name): \(report.title)",
            context: MailContext(
                name: user.name, reportName: saved.name, title: report.title, summary: report.summary, link: link),
            attachments: [
                MailMessage.Attachment(
                    filename: report.fileName(.pdf), contentType: SalesReport.Format.pdf.contentType,
                    data: Data(report.pdf(preparedFor: user.name)))
            ])
    }
}
