import Foundation
import Vapor

/// /account/preferences: the person's own time zone, which every page shows and reads times in.
struct PreferencesController: RouteCollection {
    struct Page: Encodable {
        let title = "Preferences"
        let nav: Navigation
        let zones: [FormField.Option]
        let companyZone: String
        let now: String
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
            return try await render(req, error: "Choose a time zone from the list.").encodeResponse(status: .unprocessableEntity, for: req)
        }
        user.timeZone = chosen.isEmpty ? nil : chosen
        try await user.save(on: req.db)
        return req.redirect(to: "/account/preferences?saved=1")
    }

    private func render(_ req: Request, error: String?) async throws -> View {
        let user = try req.requireUser()
        let company = try await req.companySettings.value(.timeZone) ?? "UTC"
        let zones = [FormField.Option(value: "", label: "The company's (\(company))", selected: user.timeZone == nil)]
            + PageDate.choices.map { FormField.Option(value: $0, label: $0.replacingOccurrences(of: "_", with: " "), selected: $0 == user.timeZone) }
        return try await req.view.render("preferences", Page(nav: try req.navigation(), zones: zones, companyZone: company,
                                                             now: PageDate.format(req.now), saved: req.query[String.self, at: "saved"] != nil, error: error))
    }
}
