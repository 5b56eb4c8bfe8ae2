import Fluent
import Foundation
import SalesPulseCore
import SQLKit
import Vapor

/// A person's access and erasure requests as the page and the API make them: find them,
/// hand over what is held (each export written to the audit trail of their records), erase
/// them once the person asking has typed the confirmation.
struct PersonalDataRequests {
    let req: Request

    static let confirmation = "ERASE"

    func find(email: String?, phone: String?) async throws -> PersonLookup.Person {
        try await req.authorize(.read, .personalData)
        return try await PersonLookup(sql: req.db.sql).find(email: email, phone: phone)
    }

    /// The access export as a download: JSON with everything, or the PDF summary.
    func export(email: String?, phone: String?, pdf: Bool) async throws -> Response {
        try await req.authorize(.export, .personalData)
        let person = try await PersonLookup(sql: req.db.sql).find(email: email, phone: phone)
        guard person.found else { throw DomainError.notFound("No lead or contact has \(person.asked).") }
        let user = try req.requireUser()
        let report = PersonalDataReport(db: req.db, person: person, askedBy: user.name, now: req.now)
        let gathered = try await report.gather()
        try await req.db.writeTransaction { tx in
            let actorID = try user.requireID()
            try await AuditTrail.recordPersonalData(
                .access, resource: RecordSpec.leads.path, ids: person.leadIDs, actorID: actorID, at: req.now, on: tx.sql
            )
            try await AuditTrail.recordPersonalData(
                .access, resource: RecordSpec.contacts.path, ids: person.contactIDs, actorID: actorID, at: req.now,
                on: tx.sql)
        }
        let name =
            "personal-data-\(person.asked.replacingOccurrences(of: "[^A-Za-z0-9@._+-]", with: "-", options: .regularExpression))"
        let response: Response
        if pdf {
            response = Response(status: .ok, body: .init(data: Data(report.pdf(gathered))))
            response.headers.contentType = HTTPMediaType(type: "application", subType: "pdf")
            response.headers.contentDisposition = .init(.attachment, filename: "\(name).pdf")
        } else {
            response = Response(status: .ok, body: .init(data: report.json(gathered)))
            response.headers.contentType = .json
            response.headers.contentDisposition = .init(.attachment, filename: "\(name).json")
        }
        return response
    }

    func erase(
        email: String?, phone: String?, confirm: String?
    ) async throws -> (PersonLookup.Person, PersonErasure.Result) {
        try await req.authorize(.delete, .personalData)
        let person = try await PersonLookup(sql: req.db.sql).find(email: email, phone: phone)
        guard person.found else { throw DomainError.notFound("No lead or contact has \(person.asked).") }
        guard confirm?.trimmingCharacters(in: .whitespaces).uppercased() == Self.confirmation else {
            throw DomainError.invalid(
                field: "confirm", "Type \(Self.confirmation) to erase this person. It cannot be undone.")
        }
        let result = try await PersonErasure(db: req.db).erase(
            leadIDs: person.leadIDs, contactIDs: person.contactIDs, identity: person.identity,
            reason: .erase, actorID: try req.requireUser().requireID(), now: req.now)
        req.logger.notice(
            "personal data erased: \(result.leads) leads, \(result.contacts) contacts, \(result.mentions) mentions")
        return (person, result)
    }

    func settings() async throws -> PrivacySettings {
        try await req.authorize(.read, .settings)
        return try await req.companySettings.privacy()
    }

    func save(roles: Set<Role>, retentionMonths: Int?) async throws -> PrivacySettings {
        try await req.authorize(.update, .settings)
        if let problem = PrivacySettings.problem(months: retentionMonths) {
            throw DomainError.invalid(field: "retentionMonths", problem)
        }
        let settings = PrivacySettings(
            roles: roles, retentionMonths: retentionMonths, setBy: try req.requireUser().requireID())
        try await req.companySettings.setPrivacy(settings)
        return settings
    }
}
