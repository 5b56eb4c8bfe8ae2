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
    let csrf: String

    init(user: User, path: String, csrf: String) {
        var entries: [(String, String)] = [("Home", "/")]
        if user.role == .manager { entries.append(("My team", "/team")) }
        if user.role == .admin {
            entries.append(("Users", "/admin/users"))
            entries.append(("Teams", "/admin/teams"))
        }
        entries.append(("API tokens", "/account/tokens"))
        entries.append(("Password", "/account/password"))
        links = entries.map { label, href in
            Link(label: label, href: href, current: href == "/" ? path == "/" : path.hasPrefix(href))
        }
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
        guard payload.status.code < 500, payload.status != .forbidden, payload.status != .notFound else { return nil }
        var state = FormState(values: values)
        if let field = payload.field {
            state.errors[field] = payload.message
        } else {
            state.message = payload.message
        }
        return state
    }
}
