import Foundation
import SalesPulseCore
import Vapor

/// /api/v1/admin/privacy: a person's access and erasure requests, and the rules for them.
/// Admins, and the roles an admin allows; the rules are the admins' alone.
struct PrivacyAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let privacy = routes.grouped("admin", "privacy")
        privacy.get("people", use: find)
        privacy.get("export", use: export)
        privacy.post("erase", use: erase)
        privacy.get("settings", use: settings)
        privacy.patch("settings", use: updateSettings)
    }

    @Sendable func find(req: Request) async throws -> PersonFound {
        let person = try await PersonalDataRequests(req: req).find(
            email: req.query[String.self, at: "email"], phone: req.query[String.self, at: "phone"])
        guard person.found else {
            return PersonFound(about: person.asked, records: [], linked: [:], mentionedElsewhere: [])
        }
        let gathered = try await PersonalDataReport(
            db: req.db, person: person, askedBy: try req.requireUser().name, now: req.now
        ).gather()
        var linked = Dictionary(uniqueKeysWithValues: gathered.sections.dropFirst(2).map { ($0.name, $0.items.count) })
        linked["emailsSent"] = gathered.emails.count
        linked["importLines"] = gathered.importLines.count
        linked["history"] = gathered.history.count
        return PersonFound(
            about: person.asked, records: person.matches.map(PersonFound.Record.init), linked: linked,
            mentionedElsewhere: gathered.elsewhere.map {
                .init(place: PersonalDataReport.placeLabel($0), rows: $0.rows)
            })
    }

    @Sendable func export(req: Request) async throws -> Response {
        let format = req.query[String.self, at: "format"] ?? "json"
        guard format == "json" || format == "pdf" else {
            throw DomainError.invalid(field: "format", "Choose json or pdf.")
        }
        return try await PersonalDataRequests(req: req).export(
            email: req.query[String.self, at: "email"], phone: req.query[String.self, at: "phone"],
            pdf: format == "pdf")
    }

    @Sendable func erase(req: Request) async throws -> ErasureDone {
        let body = try req.decodeStrict(ErasureRequest.self).body
        let (person, result) = try await PersonalDataRequests(req: req).erase(
            email: body.email, phone: body.phone, confirm: body.confirm)
        return ErasureDone(
            about: person.asked, leads: result.leads, contacts: result.contacts, mentions: result.mentions,
            files: result.files)
    }

    @Sendable func settings(req: Request) async throws -> PrivacySettingsBody {
        PrivacySettingsBody(try await PersonalDataRequests(req: req).settings())
    }

    @Sendable func updateSettings(req: Request) async throws -> PrivacySettingsBody {
        try await req.authorize(.update, .settings)
        let decoded = try req.decodeStrict(PrivacySettingsBody.self)
        let saved = try await req.companySettings.privacy()
        var roles = saved.roles
        if let names = decoded.body.roles {
            roles = []
            for name in names {
                guard let role = Role(rawValue: name), role != .admin else {
                    throw DomainError.invalid(
                        field: "roles", "Unknown role '\(name)': use manager, rep or viewer (admins always may).")
                }
                roles.insert(role)
            }
        }
        let months = decoded.has(.retentionMonths) ? decoded.body.retentionMonths : saved.retentionMonths
        return PrivacySettingsBody(try await PersonalDataRequests(req: req).save(roles: roles, retentionMonths: months))
    }
}
