import Documents
import Foundation
import SalesPulseCore
import Vapor

/// /admin/intake: lead forms for landing pages and channel webhooks. An admin names one, picks
/// its lead source and who gets its leads, copies the snippet into the page (or the address and
/// secret into the platform), and follows what arrives.
struct AdminIntakeController: RouteCollection {
    struct FormRow: Encodable {
        let id: String
        let name: String
        let channel: String
        let source: String
        let goesTo: String
        let specialCases: [String]
        let setup: [String]
        let received: String
        let refused: String
        let active: Bool
        let snippet: String
        let address: String
    }

    struct LogRow: Encodable {
        let when: String
        let form: String
        let outcome: String
        let outcomeLabel: String
        let reason: String
        let lead: String?
        let replay: String?
        let replayed: Bool
    }

    struct NewForm: Encodable {
        let channels: [FormField.Option]
        let name: String
        let sources: [FormField.Option]
        let people: [FormField.Option]
        let teams: [FormField.Option]
        let fallbacks: [FormField.Option]
        let origins: String
        let thankYouUrl: String
        let mapping: String
        let routes: [RouteRow]
        let errors: [String: String]
    }

    /// One special case to fill in: when a detail contains words, who gets the lead.
    struct RouteRow: Encodable {
        let index: Int
        let number: Int
        let details: [FormField.Option]
        let contains: String
        let people: [FormField.Option]
        let error: String?
    }

    static let routeRows = 2

    struct Page: Encodable {
        let title = "Lead forms and channels"
        let nav: Navigation
        let forms: [FormRow]
        let log: [LogRow]
        let new: NewForm
        let notice: String?
        /// Why something asked for could not be done.
        let problem: String?
    }

    struct Typed: Content {
        var channel: String?
        var appSecret: String?
        var accessToken: String?
        var mapping: String?
        var name: String?
        var source: String?
        var assignTo: String?
        var team: String?
        var fallback: String?
        var origins: String?
        var thankYouUrl: String?
        var route0When: String?
        var route0Contains: String?
        var route0To: String?
        var route1When: String?
        var route1Contains: String?
        var route1To: String?

        /// The special cases as typed; "who" is a person's id or a rule and a team ("roundRobin:<team>").
        var routes: [IntakeForms.RouteInput] {
            [(route0When, route0Contains, route0To), (route1When, route1Contains, route1To)].map { when, contains, to in
                let parts = (to ?? "").split(separator: ":", maxSplits: 1).map(String.init)
                return IntakeForms.RouteInput(
                    when: when, contains: contains, assignTo: parts.first, team: parts.count == 2 ? parts[1] : nil)
            }
        }

        func routeValues(_ index: Int) -> (when: String?, contains: String?, to: String?) {
            index == 0 ? (route0When, route0Contains, route0To) : (route1When, route1Contains, route1To)
        }
    }

    func boot(routes: any RoutesBuilder) throws {
        let intake = routes.grouped("admin", "intake")
        intake.get(use: show)
        intake.post(use: create)
        intake.post(":formID", "active", use: toggle)
        intake.post("log", ":entryID", "replay", use: replay)
    }

    @Sendable func show(req: Request) async throws -> View {
        try await req.authorize(.read, .settings)
        return try await render(req, typed: Typed(), notice: Self.notice(req))
    }

    @Sendable func create(req: Request) async throws -> Response {
        try await req.authorize(.update, .settings)
        let typed = try req.content.decode(Typed.self)
        do {
            let draft = try IntakeForms.Draft.checked(
                channel: typed.channel, appSecret: typed.appSecret, accessToken: typed.accessToken,
                mapping: typed.mapping, name: typed.name, source: typed.source, assignTo: typed.assignTo,
                team: typed.team,
                fallback: typed.fallback, origins: typed.origins, thankYouURL: typed.thankYouUrl, routes: typed.routes)
            _ = try await IntakeForms(db: req.db).create(draft, by: try req.requireUser().requireID(), now: req.now)
        } catch let error as DomainError {
            guard case .invalid(let field) = error else { throw error }
            // A special case's error is shown on its row.
            let key =
                field.field.hasPrefix("routes.")
                ? "route" + (field.field.split(separator: ".").dropFirst().first.map(String.init) ?? "") : field.field
            return try await render(req, typed: typed, errors: [key: field.message]).encodeResponse(
                status: .unprocessableEntity, for: req)
        }
        return req.redirect(to: "/admin/intake?saved=1")
    }

    @Sendable func toggle(req: Request) async throws -> Response {
        try await req.authorize(.update, .settings)
        guard let id = req.parameters.get("formID", as: UUID.self),
            let form = try await IntakeForms(db: req.db).find(id)
        else {
            throw DomainError.notFound("No such lead form.")
        }
        try await IntakeForms(db: req.db).setActive(id, !form.isActive)
        return req.redirect(to: "/admin/intake")
    }

    /// Sends a kept delivery through again, once its channel can read it.
    @Sendable func replay(req: Request) async throws -> Response {
        try await req.authorize(.update, .settings)
        guard let id = req.parameters.get("entryID", as: UUID.self) else {
            throw DomainError.notFound("No such delivery.")
        }
        do {
            let results = try await IntakeReplay(app: req.application, db: req.db).replay(id, now: req.now)
            return req.redirect(to: "/admin/intake?replayed=\(results.count)")
        } catch let error as DomainError {
            guard case .invalid(let field) = error else { throw error }
            return try await render(req, typed: Typed(), problem: field.message).encodeResponse(
                status: .unprocessableEntity, for: req)
        }
    }

    private func render(
        _ req: Request, typed: Typed, errors: [String: String] = [:], notice: String? = nil, problem: String? = nil
    ) async throws -> View {
        let forms = try await IntakeForms(db: req.db).list()
        let users = try await User.query(on: req.db).sort(\.$name).all()
        let teams = try await Team.query(on: req.db).sort(\.$name).all()
        let names = users.reduce(into: [UUID: String]()) { names, user in if let id = user.id { names[id] = user.name }
        }
        let teamNames = teams.reduce(into: [UUID: String]()) { names, team in
            if let id = team.id { names[id] = team.name }
        }
        let publicURL = req.application.settings.publicURL
        let rows = forms.map { form in
            FormRow(
                id: form.id.uuidString, name: form.name, channel: form.kind.label,
                source: FieldLabel.value(form.source),
                goesTo: Self.describe(form.rule, names: names, teams: teamNames),
                specialCases: form.routing.map {
                    "\($0.when.label) containing \u{201C}\($0.contains)\u{201D} goes to \(Self.describe($0.rule, names: names, teams: teamNames))."
                },
                setup: Self.setup(form, publicURL: publicURL),
                received: ValueFormat.count.full(Double(form.receivedCount)),
                refused: ValueFormat.count.full(Double(form.refusedCount)),
                active: form.isActive,
                snippet: form.kind == .form ? IntakeSnippet.html(form, publicURL: publicURL) : "",
                address: IntakeSnippet.address(form, publicURL: publicURL))
        }
        let formNames = forms.reduce(into: [UUID: String]()) { $0[$1.id] = $1.name }
        let log = try await IntakeLog.recent(req.db.sql, limit: 50).map { entry in
            LogRow(
                when: PageDate.format(entry.receivedAt), form: formNames[entry.formId] ?? "", outcome: entry.outcome,
                outcomeLabel: ["created": "New lead", "matched": "Known lead", "refused": "Refused"][entry.outcome]
                    ?? entry.outcome,
                reason: entry.reason ?? "", lead: entry.leadId.map { "/leads/\($0.uuidString)" },
                replay: entry.canReplay ? "/admin/intake/log/\(entry.id.uuidString)/replay" : nil,
                replayed: entry.replayedAt != nil)
        }
        let active = users.filter(\.isActive)
        let people =
            [
                FormField.Option(
                    value: "roundRobin", label: "Reps of a team, in turn", selected: typed.assignTo == "roundRobin"),
                FormField.Option(
                    value: "leastLoaded", label: "The team's rep with the fewest open leads",
                    selected: typed.assignTo == "leastLoaded"),
            ]
            + active.compactMap { user in
                user.id.map {
                    FormField.Option(value: $0.uuidString, label: user.name, selected: typed.assignTo == $0.uuidString)
                }
            }
        let sources = LeadSource.allCases.filter { $0 != .importFile }.map {
            FormField.Option(
                value: $0.rawValue, label: FieldLabel.value($0.rawValue),
                selected: (typed.source ?? LeadSource.landingPage.rawValue) == $0.rawValue)
        }
        let channels = IntakeForms.Channel.allCases.map {
            FormField.Option(value: $0.rawValue, label: $0.label, selected: (typed.channel ?? "form") == $0.rawValue)
        }
        let new = NewForm(
            channels: channels, name: typed.name ?? "", sources: sources, people: people,
            teams: teams.compactMap { team in
                team.id.map {
                    FormField.Option(value: $0.uuidString, label: team.name, selected: typed.team == $0.uuidString)
                }
            },
            fallbacks: active.compactMap { user in
                user.id.map {
                    FormField.Option(value: $0.uuidString, label: user.name, selected: typed.fallback == $0.uuidString)
                }
            },
            origins: typed.origins ?? "", thankYouUrl: typed.thankYouUrl ?? "",
            mapping: typed.mapping ?? FieldMapping.plain.text,
            routes: (0..<Self.routeRows).map { index in
                let typedRoute = typed.routeValues(index)
                let details = LeadRoute.Detail.allCases.map {
                    FormField.Option(value: $0.rawValue, label: $0.label, selected: typedRoute.when == $0.rawValue)
                }
                let choices =
                    teams.flatMap { team -> [FormField.Option] in
                        guard let id = team.id?.uuidString else { return [] }
                        return [
                            FormField.Option(
                                value: "roundRobin:\(id)", label: "Reps of \(team.name), in turn",
                                selected: typedRoute.to == "roundRobin:\(id)"),
                            FormField.Option(
                                value: "leastLoaded:\(id)", label: "The rep of \(team.name) with the fewest open leads",
                                selected: typedRoute.to == "leastLoaded:\(id)"),
                        ]
                    }
                    + active.compactMap { user in
                        user.id.map {
                            FormField.Option(
                                value: $0.uuidString, label: user.name, selected: typedRoute.to == $0.uuidString)
                        }
                    }
                return RouteRow(
                    index: index, number: index + 1, details: details, contains: typedRoute.contains ?? "",
                    people: choices, error: errors["route\(index)"])
            },
            errors: errors)
        return try await req.view.render(
            "admin/intake",
            Page(nav: try req.navigation(), forms: rows, log: log, new: new, notice: notice, problem: problem))
    }

    private static func notice(_ req: Request) -> String? {
        if req.query[String.self, at: "saved"] != nil {
            return "Ready. Copy a form's snippet into your page, or connect a channel as its instructions say."
        }
        if let count = req.query[Int.self, at: "replayed"] {
            return count == 0
                ? "Sent again: it held nobody to add."
                : "Sent again: \(count == 1 ? "1 person" : "\(count) people") came through. See them below."
        }
        return nil
    }

    /// What to copy into the platform so its deliveries reach this channel and prove themselves.
    static func setup(_ form: IntakeForms.Form, publicURL: String) -> [String] {
        let address = IntakeSnippet.address(form, publicURL: publicURL)
        switch form.kind {
        case .form:
            return []
        case .telegram:
            return [
                "Point your bot at this address with Telegram's setWebhook: url \(address), secret_token \(form.secret ?? "")."
            ]
        case .whatsapp:
            return [
                "In your Meta app's WhatsApp settings, set the callback URL to \(address) and the verify token to \(form.verifyToken ?? "").",
                "Messages are checked against the app secret you gave.",
            ]
        case .calls:
            return [
                "Have your call-tracking service post each call as JSON (caller, called, start, duration, recording_url, campaign) to \(address).",
                "Sign each body with HMAC-SHA256 using the key \(form.secret ?? "") and send it as X-Signature-256: sha256=<hex>.",
            ]
        case .leadAds:
            return [
                "In your Meta app's Webhooks settings, subscribe the Page to leadgen with the callback URL \(address) and the verify token \(form.verifyToken ?? "").",
                "Each new lead's answers are read with the page access token you gave; deliveries are checked against the app secret.",
            ]
        case .json:
            return [
                "Have the service post each person as JSON, or a list of them, to \(address).",
                "It proves itself by sending the key \(form.secret ?? "") as the X-Intake-Token header, or better, by signing the body with HMAC-SHA256 using that key as X-Signature-256: sha256=<hex>.",
                "Where each detail is read from: " + form.mapping.text.replacingOccurrences(of: "\n", with: "; ") + ".",
            ]
        }
    }

    static func describe(_ rule: LeadAssignment?, names: [UUID: String], teams: [UUID: String]) -> String {
        switch rule {
        case .named(let id): return names[id] ?? "Someone no longer here"
        case .roundRobin(let team): return "Reps of \(teams[team] ?? "a team"), in turn"
        case .leastLoaded(let team): return "The rep of \(teams[team] ?? "a team") with the fewest open leads"
        case nil: return "The fallback owner"
        }
    }
}
