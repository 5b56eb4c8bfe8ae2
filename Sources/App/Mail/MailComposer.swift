import Foundation
import SalesPulseCore
import Vapor

/// Renders an email from its two Leaf templates, `mail/NAME` (HTML) and `mail/NAME-text`
/// (plain text, values written with `#unsafeHTML` since nothing there is HTML), and gives it a
/// Message-ID of its own.
struct MailComposer: Sendable {
    let app: Application

    func compose(
        _ template: String, to: String, subject: String, context: some Encodable & Sendable,
        attachments: [MailMessage.Attachment] = []
    ) async throws -> MailMessage {
        let html = try await app.view.render("mail/\(template)", context).get()
        let text = try await app.view.render("mail/\(template)-text", context).get()
        let host = URLComponents(string: app.settings.publicURL)?.host ?? "salespulse.localhost"
        return MailMessage(
            messageID: "\(UUID().uuidString.lowercased())@\(host)", from: app.settings.mailFrom, to: to,
            subject: subject,
            text: String(buffer: text.data), html: String(buffer: html.data), attachments: attachments)
    }
}
