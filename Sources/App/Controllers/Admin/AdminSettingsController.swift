import SalesPulseCore
import SQLKit
import Vapor

/// /admin/settings: which roles may take records with personal data out of the app
/// (downloads, calendar files and feeds, dashboard files). Admins always may.
struct AdminSettingsController: RouteCollection {
    struct RoleChoice: Encodable {
        let value: String
        let label: String
        let checked: Bool
    }

    struct SettingsPage: Encodable {
        let title = "Settings"
        let nav: Navigation
        let exportRoles: [RoleChoice]
        let zones: [FormField.Option]
        let saved: Bool
    }

    func boot(routes: any RoutesBuilder) throws {
        let settings = routes.grouped("admin", "settings")
        settings.get(use: show)
        settings.post(use: save)
    }

    @Sendable func show(req: Request) async throws -> View {
        try await req.authorize(.read, .settings)
        let granted = try await req.companySettings.exportRoles()
        let choices = [Role.manager, .rep, .viewer].map { RoleChoice(value: $0.rawValue, label: $0.displayName, checked: granted.contains($0)) }
        let zone = try await req.companySettings.value(.timeZone) ?? "UTC"
        let zones = PageDate.choices.map { FormField.Option(value: $0, label: $0.replacingOccurrences(of: "_", with: " "), selected: $0 == zone) }
        return try await req.view.render("admin/settings", SettingsPage(nav: try req.navigation(), exportRoles: choices, zones: zones,
                                                                        saved: req.query[String.self, at: "saved"] != nil))
    }

    @Sendable func save(req: Request) async throws -> Response {
        try await req.authorize(.update, .settings)
        let form = try req.content.decode([String: String].self)
        let roles = Set([Role.manager, .rep, .viewer].filter { form["export_\($0.rawValue)"] == "on" })
        try await req.companySettings.setExportRoles(roles)
        if let zone = form["timeZone"], !zone.isEmpty {
            guard TimeZone(identifier: zone) != nil else { throw DomainError.invalid(field: "timeZone", "Choose a time zone from the list.") }
            try await req.companySettings.set(.timeZone, to: zone)
        }
        return req.redirect(to: "/admin/settings?saved=1")
    }
}

/// GET and PATCH /api/v1/settings: the same settings for scripts, admins only.
struct SettingsAPIController: RouteCollection {
    struct SettingsBody: Content, StrictBody {
        var exportRoles: [String]?
        /// The company's IANA time zone, for people who have not chosen their own.
        var timeZone: String?

        enum CodingKeys: String, CodingKey, CaseIterable { case exportRoles, timeZone }
    }

    func boot(routes: any RoutesBuilder) throws {
        routes.get("settings", use: show)
        routes.patch("settings", use: update)
    }

    @Sendable func show(req: Request) async throws -> SettingsBody {
        try await req.authorize(.read, .settings)
        return SettingsBody(exportRoles: try await req.companySettings.exportRoles().map(\.rawValue).sorted(),
                            timeZone: try await req.companySettings.value(.timeZone) ?? "UTC")
    }

    @Sendable func update(req: Request) async throws -> SettingsBody {
        try await req.authorize(.update, .settings)
        let body = try req.decodeStrict(SettingsBody.self).body
        if let names = body.exportRoles {
            let roles = try names.map { name in
                guard let role = Role(parsing: name) else {
                    throw DomainError.invalid(field: "exportRoles", "Unknown role '\(name)': use admin, manager, rep or viewer.")
                }
                return role
            }
            try await req.companySettings.setExportRoles(Set(roles))
        }
        if let zone = body.timeZone {
            guard TimeZone(identifier: zone) != nil else {
                throw DomainError.invalid(field: "timeZone", "Unknown time zone '\(zone)': use an IANA name such as Europe/Berlin.")
            }
            try await req.companySettings.set(.timeZone, to: zone)
        }
        return try await show(req: req)
    }
}

extension Request {
    var companySettings: CompanySettings { CompanySettings(sql: db as! any SQLDatabase) }
}
