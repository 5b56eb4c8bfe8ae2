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
        return try await req.view.render("admin/settings", SettingsPage(nav: try req.navigation(), exportRoles: choices,
                                                                        saved: req.query[String.self, at: "saved"] != nil))
    }

    @Sendable func save(req: Request) async throws -> Response {
        try await req.authorize(.update, .settings)
        let form = try req.content.decode([String: String].self)
        let roles = Set([Role.manager, .rep, .viewer].filter { form["export_\($0.rawValue)"] == "on" })
        try await req.companySettings.setExportRoles(roles)
        return req.redirect(to: "/admin/settings?saved=1")
    }
}

/// GET and PATCH /api/v1/settings: the same settings for scripts, admins only.
struct SettingsAPIController: RouteCollection {
    struct SettingsBody: Content, StrictBody {
        var exportRoles: [String]?

        enum CodingKeys: String, CodingKey, CaseIterable { case exportRoles }
    }

    func boot(routes: any RoutesBuilder) throws {
        routes.get("settings", use: show)
        routes.patch("settings", use: update)
    }

    @Sendable func show(req: Request) async throws -> SettingsBody {
        try await req.authorize(.read, .settings)
        return SettingsBody(exportRoles: try await req.companySettings.exportRoles().map(\.rawValue).sorted())
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
        return try await show(req: req)
    }
}

extension Request {
    var companySettings: CompanySettings { CompanySettings(sql: db as! any SQLDatabase) }
}
