import Foundation
import SQLKit
import Vapor

/// /account/preferences: the person's own time zone, which every page shows and reads times in,
/// and which notifications also come by email.
struct PreferencesController: RouteCollection {
    struct EmailChoice: Encodable {
        let name: String
        let label: String
        let checked: Bool
    }

    struct Page: Encodable {
        let title = "Preferences"
        let nav: Navigation
        let zones: [FormField.Option]
        let companyZone: String
        let now: String
        let emails: [EmailChoice]
        let saved: Bool
        let error: String?
    }

    func boot(routes: any RoutesBuilder) throws {
        routes.get("account", "preferences", use: show)
        routes.post("account", "preferences", use: save)
    }

    @Sendable func show(req: Request) async throws -> View {
        try await render(req, error: nil)
    }

    @Sendable func save(req: Request) async throws -> Response {
        struct Form: Content { var timeZone: String? }
        let user = try req.requireUser()
        let chosen = (try req.content.decode(Form.self).timeZone ?? "").trimmingCharacters(in: .whitespaces)
        guard chosen.isEmpty || TimeZone(identifier: chosen) != nil else {
            return try await render(req, error: "Choose a time zone from the list.").encodeResponse(
                status: .unprocessableEntity, for: req)
        }
        user.timeZone = chosen.isEmpty ? nil : chosen
        let form = try req.content.decode([String: String].self)
        try await req.db.writeTransaction { tx in
            try await user.save(on: tx)
            let preferences = UserPreferences(sql: tx.sql, userID: try user.requireID())
            for kind in NotificationInbox.kinds(for: user.role) {
                // Email is on unless switched off, so a new person gets their reminders.
                try await preferences.set(
                    NotificationInbox.emailKey(kind), to: form["email_\(kind.rawValue)"] == "on" ? nil : "off")
            }
        }
        return req.redirect(to: "/account/preferences?saved=1")
    }

    private func render(_ req: Request, error: String?) async throws -> View {
        let user = try req.requireUser()
        let company = try await req.companySettings.value(.timeZone) ?? "UTC"
        let zones =
            [FormField.Option(value: "", label: "The company's (\(company))", selected: user.timeZone == nil)]
            + PageDate.options(selected: user.timeZone)
        var emails: [EmailChoice] = []
        for kind in NotificationInbox.kinds(for: user.role) {
            emails.append(
                EmailChoice(
                    name: "email_\(kind.rawValue)", label: kind.label,
                    checked: try await req.notifications.wantsEmail(try user.requireID(), kind)))
        }
        return try await req.view.render(
            "preferences",
            Page(
                nav: try req.navigation(), zones: zones, companyZone: company,
                now: PageDate.format(req.now), emails: emails, saved: req.query[String.self, at: "saved"] != nil,
                error: error))
    }
}
