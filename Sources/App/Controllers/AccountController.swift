import Vapor

/// The signed-in user's own password and API tokens.
struct AccountController: RouteCollection {
    struct PasswordPage: Encodable {
        let title = "Change password"
        let nav: Navigation
        let form: FormState
        let changed: Bool
    }

    struct TokensPage: Encodable {
        let title = "API tokens"
        let nav: Navigation
        let tokens: [TokenRow]
        let newToken: String?
        let form: FormState
    }

    func boot(routes: any RoutesBuilder) throws {
        let account = routes.grouped("account")
        account.get("password", use: passwordPage)
        account.post("password", use: changePassword)
        account.get("tokens", use: tokensPage)
        account.post("tokens", use: createToken)
        account.post("tokens", ":tokenID", "revoke", use: revokeToken)
    }

    @Sendable func passwordPage(req: Request) async throws -> View {
        try await req.view.render(
            "password",
            PasswordPage(
                nav: try req.navigation(), form: FormState(),
                changed: req.query[String.self, at: "changed"] != nil))
    }

    @Sendable func changePassword(req: Request) async throws -> Response {
        struct Form: Content { var currentPassword: String?; var newPassword: String?; var confirm: String? }
        let form = try req.content.decode(Form.self)
        let user = try req.requireUser()
        do {
            guard form.newPassword == form.confirm else {
                throw DomainError.invalid(field: "confirm", "The two new passwords differ.")
            }
            try await req.userService.changeOwnPassword(
                user, current: form.currentPassword ?? "", new: form.newPassword ?? "")
        } catch {
            guard let state = FormState.failed(error, values: [:]) else { throw error }
            return try await req.view.render(
                "password", PasswordPage(nav: try req.navigation(), form: state, changed: false)
            )
            .response(.unprocessableEntity, for: req)
        }
        // The password change ended every session, this one included; keep this one going.
        try await req.startSession(for: user)
        return req.redirect(to: "/account/password?changed=1")
    }

    @Sendable func tokensPage(req: Request) async throws -> View {
        try await renderTokens(req, newToken: nil, form: FormState())
    }

    @Sendable func createToken(req: Request) async throws -> Response {
        struct Form: Content { var name: String? }
        let name = try req.content.decode(Form.self).name ?? ""
        do {
            let (_, secret) = try await req.tokenService.issue(for: try req.requireUser(), name: name)
            return try await renderTokens(req, newToken: secret, form: FormState()).response(.created, for: req)
        } catch {
            guard let state = FormState.failed(error, values: ["name": name]) else { throw error }
            return try await renderTokens(req, newToken: nil, form: state).response(.unprocessableEntity, for: req)
        }
    }

    @Sendable func revokeToken(req: Request) async throws -> Response {
        let user = try req.requireUser()
        guard let id = req.parameters.get("tokenID", as: UUID.self) else {
            throw DomainError.notFound("No such token.")
        }
        try await req.tokenService.revoke(id, ownerID: try user.requireID(), mayRevokeAny: false, now: req.now)
        return req.redirect(to: "/account/tokens")
    }

    private func renderTokens(_ req: Request, newToken: String?, form: FormState) async throws -> View {
        let tokens = try await req.tokenService.list(for: try req.requireUser().requireID())
        return try await req.view.render(
            "tokens",
            TokensPage(
                nav: try req.navigation(), tokens: try tokens.map(TokenRow.init),
                newToken: newToken, form: form))
    }
}

/// A token as a row of the tokens page, with dates already written out.
struct TokenRow: Encodable {
    let id: String
    let name: String
    let prefix: String
    let created: String
    let lastUsed: String

    init(_ token: APIToken) throws {
        id = try token.requireID().uuidString
        name = token.name
        prefix = token.prefix
        created = token.createdAt.map(PageDate.format) ?? ""
        lastUsed = token.lastUsedAt.map(PageDate.format) ?? "never"
    }
}
