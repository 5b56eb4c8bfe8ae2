import Vapor

/// Sign in, sign out, and the forgotten-password flow.
struct AuthController: RouteCollection {
    struct LoginForm: Content {
        var email: String?
        var password: String?
        var next: String?
    }

    struct LoginPage: Encodable {
        let title = "Sign in"
        let csrf: String
        let next: String
        let form: FormState
        var notice: String?
    }

    func boot(routes: any RoutesBuilder) throws {
        routes.get("login", use: loginPage)
        routes.post("login", use: login)
        routes.post("logout", use: logout)
        routes.get("forgot-password", use: forgotPage)
        routes.post("forgot-password", use: forgot)
        routes.get("reset-password", ":token", use: resetPage)
        routes.post("reset-password", ":token", use: reset)
    }

    @Sendable func loginPage(req: Request) async throws -> Response {
        if req.auth.has(User.self) { return req.redirect(to: "/") }
        let next = req.safeRedirectTarget(req.query[String.self, at: "next"])
        // Fixed words only: a message taken from the address would let anyone write on this page.
        let notice =
            req.query[String.self, at: "restored"] != nil
            ? "The backup is restored and everyone was signed out. Sign in again." : nil
        return try await req.view.render(
            "login", LoginPage(csrf: req.csrfToken, next: next, form: FormState(), notice: notice)
        )
        .encodeResponse(for: req)
    }

    @Sendable func login(req: Request) async throws -> Response {
        let form = try req.content.decode(LoginForm.self)
        let next = req.safeRedirectTarget(form.next)
        switch try await req.loginService.authenticate(email: form.email ?? "", password: form.password ?? "") {
        case .success(let user):
            try await req.startSession(for: user)
            return req.redirect(to: next)
        case .failure(let failure):
            let state = FormState(values: ["email": form.email ?? ""], message: failure.message)
            return try await req.view.render("login", LoginPage(csrf: req.csrfToken, next: next, form: state))
                .response(.unauthorized, for: req)
        }
    }

    @Sendable func logout(req: Request) async throws -> Response {
        req.auth.logout(User.self)
        req.session.destroy()
        return req.redirect(to: "/login")
    }

    struct ForgotPage: Encodable {
        let title = "Reset your password"
        let csrf: String
        let sent: Bool
    }

    @Sendable func forgotPage(req: Request) async throws -> View {
        try await req.view.render("forgot-password", ForgotPage(csrf: req.csrfToken, sent: false))
    }

    @Sendable func forgot(req: Request) async throws -> View {
        struct Form: Content { var email: String? }
        let form = try req.content.decode(Form.self)
        try await req.passwordResetService.request(email: form.email ?? "")
        return try await req.view.render("forgot-password", ForgotPage(csrf: req.csrfToken, sent: true))
    }

    struct ResetPage: Encodable {
        let title = "Choose a new password"
        let csrf: String
        let token: String
        let valid: Bool
        let form: FormState
    }

    @Sendable func resetPage(req: Request) async throws -> Response {
        let token = req.parameters.get("token") ?? ""
        let valid = try await req.passwordResetService.validToken(token) != nil
        return try await req.view.render(
            "reset-password", ResetPage(csrf: req.csrfToken, token: token, valid: valid, form: FormState())
        )
        .response(valid ? .ok : .notFound, for: req)
    }

    @Sendable func reset(req: Request) async throws -> Response {
        struct Form: Content { var password: String?; var confirm: String? }
        let token = req.parameters.get("token") ?? ""
        let form = try req.content.decode(Form.self)
        do {
            guard form.password == form.confirm else {
                throw DomainError.invalid(field: "confirm", "The two passwords differ.")
            }
            try await req.passwordResetService.reset(secret: token, newPassword: form.password ?? "")
        } catch {
            guard let state = FormState.failed(error, values: [:]) else { throw error }
            let valid = try await req.passwordResetService.validToken(token) != nil
            return try await req.view.render(
                "reset-password", ResetPage(csrf: req.csrfToken, token: token, valid: valid, form: state)
            )
            .response(.unprocessableEntity, for: req)
        }
        return req.redirect(to: "/login?reset=1")
    }
}
