import SalesPulseCore
import Vapor

/// The frame every signed-in page shows: a sidebar grouped by job (Sell, Work, Analyse,
/// Catalogue, Admin) with an icon per link and the current page marked, and the CSRF token
/// the page's forms (sign-out included) need.
struct Navigation: Encodable, Sendable {
    struct Link: Encodable, Sendable {
        let label: String
        let href: String
        let icon: String
        let current: Bool
    }

    struct Section: Encodable, Sendable {
        let title: String
        let links: [Link]
    }

    let userName: String
    let initials: String
    let roleName: String
    let sections: [Section]
    let accountLinks: [Link]
    let csrf: String
    /// Unread notifications, for the bell.
    let unread: Int

    init(user: User, path: String, csrf: String, unread: Int = 0, privacyGranted: Bool = false) {
        func link(_ label: String, _ href: String, _ icon: String) -> Link {
            Link(
                label: label, href: href, icon: icon,
                current: href == "/" ? path == "/" : path == href || path.hasPrefix(href + "/"))
        }
        func records(_ paths: [String]) -> [Link] {
            paths.compactMap { path in RecordPageSpec.named(path).map { link($0.title, "/\($0.path)", path) } }
        }
        var analyse = [
            link("Dashboards", "/dashboards", "dashboards"), link("Forecasts", "/forecasts", "forecasts"),
            link("Insights", "/insights", "insights"), link("Reports", "/reports", "reports"),
            link("Ask", "/ask", "search"),
            link("Performance", "/performance", "performance"),
            link("Territory coverage", "/coverage", "route"),
        ]
        if user.role == .manager { analyse.append(link("My team", "/team", "team")) }
        if user.role == .manager || user.role == .admin { analyse.append(link("Models", "/models", "models")) }
        var sections = [
            Section(
                title: "Work",
                links: [link("Home", "/", "home"), link("My day", "/my-day", "day")] + records(["tasks", "activities"])
                    + [link("Plan visits", "/routes", "route")]),
            Section(
                title: "Sell",
                links: records(["leads", "opportunities", "accounts", "contacts", "sales"])
                    + (user.role == .viewer ? [] : [link("Import", "/imports", "import")])),
            Section(title: "Analyse", links: analyse),
            Section(
                title: "School",
                links: [
                    link("Timetable", "/timetable", "calendar"), link("Groups and rooms", "/school", "team"),
                    link("Trial lessons", "/trial-lessons", "tasks"), link("Enrolments", "/enrolments", "sales"),
                    link("Courses", "/courses", "products"),
                ]),
            Section(title: "Catalogue", links: records(["products", "marketing-spend"])),
        ]
        if user.role == .admin {
            sections.append(
                Section(
                    title: "Admin",
                    links: [
                        link("Users", "/admin/users", "users"), link("Teams", "/admin/teams", "team"),
                        link("Settings", "/admin/settings", "settings"), link("Background jobs", "/admin/jobs", "jobs"),
                        link("Sent mail", "/admin/mail", "mail"), link("Backups", "/admin/backups", "backup"),
                        link("Lead forms and channels", "/admin/intake", "import"),
                        link("Webhooks", "/admin/webhooks", "mail"),
                        link("Personal data", "/admin/privacy", "privacy"),
                    ]))
        }
        if user.role != .admin, privacyGranted {
            sections.append(Section(title: "Privacy", links: [link("Personal data", "/admin/privacy", "privacy")]))
        }
        self.sections = sections
        accountLinks = [
            link("Notifications", "/notifications", "bell"), link("Preferences", "/account/preferences", "settings"),
            link("API tokens", "/account/tokens", "key"), link("Calendar", "/account/calendar", "calendar"),
            link("Password", "/account/password", "lock"),
        ]
        userName = user.name
        initials = String(user.name.split(separator: " ").prefix(2).compactMap(\.first)).uppercased()
        roleName = user.role.displayName
        self.csrf = csrf
        self.unread = unread
    }
}

extension Request {
    var navigationIfSignedIn: Navigation? {
        guard let user = auth.get(User.self), authMethod == .session else { return nil }
        return Navigation(
            user: user, path: url.path, csrf: csrfToken, unread: storage[UnreadNotificationsKey.self] ?? 0,
            privacyGranted: storage[PrivacyGrantKey.self] ?? false)
    }

    func navigation() throws -> Navigation {
        Navigation(
            user: try requireUser(), path: url.path, csrf: csrfToken, unread: storage[UnreadNotificationsKey.self] ?? 0,
            privacyGranted: storage[PrivacyGrantKey.self] ?? false)
    }
}

struct UnreadNotificationsKey: StorageKey { typealias Value = Int }
/// Whether an admin lets this person's role answer personal-data requests, for the sidebar.
struct PrivacyGrantKey: StorageKey { typealias Value = Bool }

/// Counts the person's unread notifications before a page renders, so the frame's bell can
/// show it, and reads whether their role may answer personal-data requests; API calls and
/// other methods skip the queries.
struct UnreadNotificationsMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if request.method == .GET, request.authMethod == .session, !request.url.path.hasPrefix("/api/"),
            let user = request.auth.get(User.self), let id = user.id
        {
            request.storage[UnreadNotificationsKey.self] = try await request.notifications.unreadCount(id)
            if user.role != .admin {
                request.storage[PrivacyGrantKey.self] = try await request.companySettings.privacy().roles.contains(
                    user.role)
            }
        }
        return try await next.respond(to: request)
    }
}

/// Field errors and typed values that a form shows again after a failed submit.
struct FormState: Encodable, Sendable {
    var errors: [String: String] = [:]
    var values: [String: String] = [:]
    var message: String?

    static func failed(_ error: any Error, values: [String: String]) -> FormState? {
        let payload = ErrorPayload(error)
        guard payload.isShownOnForm else { return nil }
        var state = FormState(values: values)
        if let field = payload.field {
            state.errors[field] = payload.message
        } else {
            state.message = payload.message
        }
        return state
    }
}
