import Foundation
import SalesPulseCore
import Vapor

/// /admin/privacy: find a person by the email or phone they wrote from, hand over what we hold
/// (JSON and a PDF summary), erase them on request; and, for admins, who else may do this and
/// how long lost leads keep their personal data.
struct AdminPrivacyController: RouteCollection {
    struct Found: Encodable {
        struct Record: Encodable {
            let kind: String
            let name: String
            let email: String
            let phone: String
            let href: String
        }

        struct Count: Encodable {
            let label: String
            let count: String
        }

        let who: String
        let records: [Record]
        let counts: [Count]
        let jsonHref: String
        let pdfHref: String
    }

    struct SettingsForm: Encodable {
        let roles: [FormField.Option]
        let months: String
        let monthsError: String?
    }

    struct Page: Encodable {
        let title = "Personal data"
        let nav: Navigation
        let who: String
        let whoError: String?
        let found: Found?
        let notFound: Bool
        let confirmError: String?
        let settings: SettingsForm?
        let notice: String?
    }

    func boot(routes: any RoutesBuilder) throws {
        let privacy = routes.grouped("admin", "privacy")
        privacy.get(use: show)
        privacy.get("export", use: export)
        privacy.post("erase", use: erase)
        privacy.post("settings", use: saveSettings)
    }

    /// "someone@example.com" is an email; anything else is taken as a phone number.
    static func split(_ who: String?) -> (email: String?, phone: String?) {
        let text = who?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        return text.contains("@") ? (text, nil) : (nil, text)
    }

    @Sendable func show(req: Request) async throws -> View {
        try await req.authorize(.read, .personalData)
        let notice =
            req.query[String.self, at: "erased"].map {
                "The person was erased: \($0). The audit trail records that you did it, without their data."
            }
            ?? (req.query[String.self, at: "saved"] != nil ? "Saved." : nil)
        return try await render(req, who: req.query[String.self, at: "who"], notice: notice)
    }

    @Sendable func export(req: Request) async throws -> Response {
        let (email, phone) = Self.split(req.query[String.self, at: "who"])
        return try await PersonalDataRequests(req: req).export(
            email: email, phone: phone, pdf: req.query[String.self, at: "format"] == "pdf")
    }

    @Sendable func erase(req: Request) async throws -> Response {
        struct Form: Content { var who: String?; var confirm: String? }
        let form = try req.content.decode(Form.self)
        let (email, phone) = Self.split(form.who)
        do {
            let (_, result) = try await PersonalDataRequests(req: req).erase(
                email: email, phone: phone, confirm: form.confirm)
            let summary = Self.summary(result)
            return req.redirect(to: URLQuery.path("/admin/privacy", ["erased": summary]))
        } catch let error as DomainError {
            guard case .invalid(let field) = error, field.field == "confirm" else { throw error }
            return try await render(req, who: form.who, confirmError: field.message).encodeResponse(
                status: .unprocessableEntity, for: req)
        }
    }

    @Sendable func saveSettings(req: Request) async throws -> Response {
        try await req.authorize(.update, .settings)
        struct Form: Content { var manager: String?; var rep: String?; var viewer: String?; var months: String? }
        let form = try req.content.decode(Form.self)
        var roles = Set<Role>()
        if form.manager == "on" { roles.insert(.manager) }
        if form.rep == "on" { roles.insert(.rep) }
        if form.viewer == "on" { roles.insert(.viewer) }
        let text = (form.months ?? "").trimmingCharacters(in: .whitespaces)
        let months = text.isEmpty ? nil : Int(text) ?? 0
        do {
            _ = try await PersonalDataRequests(req: req).save(roles: roles, retentionMonths: months)
        } catch let error as DomainError {
            guard case .invalid(let field) = error else { throw error }
            return try await render(req, who: nil, monthsTyped: text, monthsError: field.message).encodeResponse(
                status: .unprocessableEntity, for: req)
        }
        return req.redirect(to: "/admin/privacy?saved=1")
    }

    static func summary(_ result: PersonErasure.Result) -> String {
        var parts: [String] = []
        if result.leads > 0 { parts.append(result.leads == 1 ? "1 lead" : "\(result.leads) leads") }
        if result.contacts > 0 { parts.append(result.contacts == 1 ? "1 contact" : "\(result.contacts) contacts") }
        parts.append(result.mentions == 1 ? "1 mention elsewhere" : "\(result.mentions) mentions elsewhere")
        if result.files > 0 { parts.append(result.files == 1 ? "1 imported file" : "\(result.files) imported files") }
        return parts.joined(separator: ", ")
    }

    private func render(
        _ req: Request, who: String?, confirmError: String? = nil, monthsTyped: String? = nil,
        monthsError: String? = nil,
        notice: String? = nil
    ) async throws -> View {
        var found: Found?
        var whoError: String?
        var notFound = false
        if let who, !who.trimmingCharacters(in: .whitespaces).isEmpty {
            let (email, phone) = Self.split(who)
            do {
                let person = try await PersonalDataRequests(req: req).find(email: email, phone: phone)
                if person.found {
                    found = try await describe(person, who: who, req)
                } else {
                    notFound = true
                }
            } catch let error as DomainError {
                guard case .invalid(let field) = error else { throw error }
                whoError = field.message
            }
        }
        var settings: SettingsForm?
        if try await req.actor().role == .admin {
            let saved = try await req.companySettings.privacy()
            let roles = [Role.manager, .rep, .viewer].map {
                FormField.Option(value: $0.rawValue, label: $0.displayName + "s", selected: saved.roles.contains($0))
            }
            settings = SettingsForm(
                roles: roles, months: monthsTyped ?? saved.retentionMonths.map(String.init) ?? "",
                monthsError: monthsError)
        }
        return try await req.view.render(
            "admin/privacy",
            Page(
                nav: try req.navigation(), who: who ?? "", whoError: whoError, found: found, notFound: notFound,
                confirmError: confirmError, settings: settings, notice: notice))
    }

    private func describe(_ person: PersonLookup.Person, who: String, _ req: Request) async throws -> Found {
        let user = try req.requireUser()
        let gathered = try await PersonalDataReport(db: req.db, person: person, askedBy: user.name, now: req.now)
            .gather()
        let records = person.matches.map { match in
            Found.Record(
                kind: match.resource == "leads" ? "Lead" : "Contact", name: match.name, email: match.email ?? "",
                phone: match.phones.joined(separator: ", "), href: "/\(match.resource)/\(match.id.uuidString)")
        }
        var counts = gathered.sections.dropFirst(2).map { Found.Count(label: $0.label, count: String($0.items.count)) }
        counts.append(.init(label: "Emails sent to them", count: String(gathered.emails.count)))
        counts.append(.init(label: "Lines of imported files", count: String(gathered.importLines.count)))
        counts.append(.init(label: "Changes in their records' history", count: String(gathered.history.count)))
        for place in gathered.elsewhere {
            counts.append(
                .init(label: "Mentioned in \(PersonalDataReport.placeLabel(place))", count: String(place.rows)))
        }
        let query = ["who": who]
        return Found(
            who: who, records: records, counts: counts, jsonHref: URLQuery.path("/admin/privacy/export", query),
            pdfHref: URLQuery.path("/admin/privacy/export", query.merging(["format": "pdf"]) { $1 }))
    }
}
