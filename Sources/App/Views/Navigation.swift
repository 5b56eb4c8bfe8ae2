import SalesPulseCore
import Vapor

/// The header every signed-in page shows: links that fit the role, and the CSRF token the
/// page's forms (logout included) need.
struct Navigation: Encodable, Sendable {
    struct Link: Encodable, Sendable {
        let label: String
        let href: String
        let current: Bool
    }

    let userName: String
    let roleName: String
    let links: [Link]
    let accountLinks: [Link]
    let csrf: String

    init(user: User, path: String, csrf: String) {
        var entries: [(String, String)] = [("Home", "/"), ("My day", "/my-day"), ("Dashboards", "/dashboards")]
        entries += RecordPageSpec.all.map { ($0.title, "/\($0.path)") }
        entries += [("Performance", "/performance"), ("Models", "/models")]
        if user.role == .manager { entries.append(("My team", "/team")) }
        if user.role == .admin {
            entries.append(("Users", "/admin/users"))
            entries.append(("Teams", "/admin/teams"))
            entries.append(("Settings", "/admin/settings"))
        }
        func link(_ entry: (String, String)) -> Link {
            Link(label: entry.0, href: entry.1, current: entry.1 == "/" ? path == "/" : path == entry.1 || path.hasPrefix(entry.1 + "/"))
        }
        links = entries.map(link)
        accountLinks = [("API tokens", "/account/tokens"), ("Calendar", "/account/calendar"), ("Password", "/account/password")].map(link)
        userName = user.name
        roleName = user.role.displayName
        self.csrf = csrf
    }
}

extension Request {
    var navigationIfSignedIn: Navigation? {
        guard let user = auth.get(User.self), authMethod == .session else { return nil }
        return Navigation(user: user, path: url.path, csrf: csrfToken)
    }

    func navigation() throws -> Navigation {
        Navigation(user: try requireUser(), path: url.path, csrf: csrfToken)
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
