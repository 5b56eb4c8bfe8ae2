import Foundation
import NIOConcurrencyHelpers
import SalesPulseCore
import Vapor

/// `POST /intake/forms/{key}`: where lead forms on landing pages send what people typed, as a
/// plain HTML form (answered with the thank-you page or a redirect to the form's own) or as
/// JSON from a page's script (answered with JSON, to the sites the form allows). No session,
/// no sign-in: the key in the address is the form's identity, and limits per client address
/// and per form keep floods out.
struct IntakeController: RouteCollection {
    static let pathPrefix = "/intake/"
    static let perClient = 20
    static let perForm = 600

    struct ThankYou: Encodable {
        var title = "Thank you"
        let message: String
    }

    func boot(routes: any RoutesBuilder) throws {
        let forms = routes.grouped("intake", "forms")
        forms.on(.POST, ":key", body: .collect(maxSize: "64kb"), use: receive)
        forms.on(.OPTIONS, ":key", use: preflight)
    }

    @Sendable func receive(req: Request) async throws -> Response {
        // The form's fill time runs to the submission's arrival, not to whenever the server
        // got to it: a wait for the database must not let a hasty bot through.
        let arrived = req.now
        let form = try await Self.form(req)
        let json = req.headers.contentType == .json
        let origin = req.headers.first(name: .origin)
        let allowed = origin.map { form.origins.contains($0) } ?? false
        if json, origin != nil, !allowed {
            throw DomainError.forbidden(
                "This form does not take submissions from \(origin ?? "this site"). An admin can add the site to the form."
            )
        }
        guard
            req.application.intakeLimits.allow(
                client: req.remoteAddress?.ipAddress ?? "unknown", form: form.key, now: arrived)
        else {
            let response = try await Self.answer(
                Abort(.tooManyRequests, reason: "Too many submissions. Please wait a minute and try again."),
                json: json, req)
            response.headers.replaceOrAdd(name: .retryAfter, value: "60")
            return response
        }
        let fields: [String: String]
        do {
            fields = try Self.fields(req, json: json)
        } catch {
            throw DomainError.invalid(
                field: "body", "Send the form's fields as a web form or as a JSON object of texts.")
        }
        let result: IntakeReceiver.Result
        do {
            result = try await IntakeReceiver(app: req.application, db: req.db).receive(
                form, fields: fields, client: req.remoteAddress?.ipAddress, now: arrived)
        } catch let error as DomainError {
            let response = try await Self.answer(error, json: json, req)
            if allowed, let origin { response.headers.replaceOrAdd(name: .accessControlAllowOrigin, value: origin) }
            return response
        }
        // Spam hears the same thanks as people do: nothing tells a bot what gave it away.
        let response: Response
        if json {
            _ = result
            response = try await ["received": true].encodeResponse(status: .ok, for: req)
        } else if let thanks = form.thankYouUrl {
            response = req.redirect(to: thanks, redirectType: .normal)
        } else {
            response = try await req.view.render(
                "intake-thanks", ThankYou(message: "Thank you. We have your message and will be in touch soon.")
            ).encodeResponse(for: req)
        }
        if allowed, let origin { response.headers.replaceOrAdd(name: .accessControlAllowOrigin, value: origin) }
        return response
    }

    @Sendable func preflight(req: Request) async throws -> Response {
        let form = try await Self.form(req)
        guard let origin = req.headers.first(name: .origin), form.origins.contains(origin) else {
            throw DomainError.forbidden("This form does not take submissions from this site.")
        }
        let response = Response(status: .noContent)
        response.headers.replaceOrAdd(name: .accessControlAllowOrigin, value: origin)
        response.headers.replaceOrAdd(name: .accessControlAllowMethods, value: "POST")
        response.headers.replaceOrAdd(name: .accessControlAllowHeaders, value: "Content-Type")
        response.headers.replaceOrAdd(name: .accessControlMaxAge, value: "600")
        response.headers.replaceOrAdd(name: .vary, value: "Origin")
        return response
    }

    private static func form(_ req: Request) async throws -> IntakeForms.Form {
        guard let key = req.parameters.get("key"), let form = try await IntakeForms(db: req.db).find(key: key),
            form.isActive, form.kind == .form
        else {
            throw DomainError.notFound("This form is no longer taking submissions.")
        }
        return form
    }

    private static func fields(_ req: Request, json: Bool) throws -> [String: String] {
        guard json else { return try req.content.decode([String: String].self) }
        let object = try req.content.decode([String: JSONInput].self)
        return object.compactMapValues { value in
            switch value {
            case .string(let text): text
            case .integer(let number): String(number)
            case .number(let number): String(number)
            case .bool(let flag): flag ? "yes" : "no"
            default: nil
            }
        }
    }

    /// An error as the sender expects it: JSON for scripts, the readable page for people.
    private static func answer(_ error: any Error, json: Bool, _ req: Request) async throws -> Response {
        let payload = ErrorPayload(error)
        if json {
            let body = ErrorRenderingMiddleware.Body(
                error: .init(code: payload.code, message: payload.message, field: payload.field))
            return try await body.encodeResponse(status: payload.status, for: req)
        }
        return try await req.view.render("intake-thanks", ThankYou(title: "Not sent", message: payload.message))
            .encodeResponse(status: payload.status, for: req)
    }
}

/// The rate limits of public forms, kept by each app instance.
final class IntakeLimits: Sendable {
    private let clients: NIOLockedValueBox<WindowCounter>
    private let forms: NIOLockedValueBox<WindowCounter>

    init(
        perClient: Int = IntakeController.perClient, perForm: Int = IntakeController.perForm, window: TimeInterval = 60
    ) {
        clients = NIOLockedValueBox(WindowCounter(limit: perClient, window: window))
        forms = NIOLockedValueBox(WindowCounter(limit: perForm, window: window))
    }

    func allow(client: String, form: String, now: Date) -> Bool {
        let clientOK = clients.withLockedValue { $0.allow(client, now: now) }
        let formOK = forms.withLockedValue { $0.allow(form, now: now) }
        return clientOK && formOK
    }
}

extension Application {
    private struct IntakeLimitsKey: StorageKey { typealias Value = IntakeLimits }

    var intakeLimits: IntakeLimits {
        get {
            if let limits = storage[IntakeLimitsKey.self] { return limits }
            let limits = IntakeLimits(perClient: settings.intakePerClient, perForm: settings.intakePerForm)
            storage[IntakeLimitsKey.self] = limits
            return limits
        }
        set { storage[IntakeLimitsKey.self] = newValue }
    }
}
