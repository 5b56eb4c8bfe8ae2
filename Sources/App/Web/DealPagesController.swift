import Foundation
import SalesPulseCore
import SQLKit
import Vapor

/// Lead pages' follow-up, snooze and conversion forms, and the line items of an opportunity.
struct DealPagesController: RouteCollection {
    struct ConvertPage: Encodable {
        let title: String
        let nav: Navigation
        let leadID: String
        let leadName: String
        let accounts: [FormField.Option]
        let contacts: [FormField.Option]
        let newAccountName: String
        let opportunityName: String
        let message: String?
        let hasAccounts: Bool
        let hasContacts: Bool
    }

    func boot(routes: any RoutesBuilder) throws {
        let lead = routes.grouped("leads", ":id")
        lead.post("follow-up", use: followUp)
        lead.post("snooze", use: snooze)
        lead.get("convert", use: convertForm)
        lead.post("convert", use: convert)
        routes.post("opportunities", ":id", "stage", use: moveStage)
        let lines = routes.grouped("opportunities", ":id", "lines")
        lines.post(use: addLine)
        lines.post(":lineID", use: updateLine)
        lines.post(":lineID", "delete", use: deleteLine)
    }

    @Sendable func followUp(req: Request) async throws -> Response {
        struct Form: Content { var at: String?; var note: String? }
        let form = try req.content.decode(Form.self)
        return try await updateLead(
            req, ["followUpAt": form.at ?? "", "followUpNote": form.note ?? ""], require: "followUpAt")
    }

    @Sendable func snooze(req: Request) async throws -> Response {
        struct Form: Content { var until: String? }
        return try await updateLead(
            req, ["snoozedUntil": try req.content.decode(Form.self).until ?? ""], require: "snoozedUntil")
    }

    private func updateLead(_ req: Request, _ form: [String: String], require: String) async throws -> Response {
        let lead = try await req.visibleRecord(.leads, for: .update)
        let back = "/leads/\(lead.id)"
        var (values, errors) = RecordForm.parse(form, spec: .leads)
        if values[require]?.isNull ?? true, errors[require] == nil { errors[require] = "Choose a date and time." }
        if require == "snoozedUntil", let until = values[require]?.date, until <= req.now {
            errors[require] = "Snooze until a time in the future."
        }
        if let (field, error) = errors.first {
            return req.redirect(to: URLQuery.path(back, ["message": "\(FieldLabel.of(field)): \(error)"]))
        }
        _ = try await RecordStore(spec: .leads, db: req.db).update(
            lead, values: values, context: try await req.recordContext())
        return req.redirect(to: URLQuery.path(back, ["saved": "1"]))
    }

    @Sendable func convertForm(req: Request) async throws -> View {
        let lead = try await req.visibleRecord(.leads, for: .update)
        return try await req.view.render("leads/convert", try await convertPage(req, lead: lead, message: nil))
    }

    /// Existing accounts named like the lead's company and contacts with the lead's email are offered first.
    private func convertPage(_ req: Request, lead: Record, message: String?) async throws -> ConvertPage {
        let actor = try await req.actor()
        var accountQuery = try RecordListQuery(spec: .accounts, sort: "name", limit: 5)
        accountQuery.search = (lead[.company].text ?? lead[.name].text ?? "").lowercased()
        let accounts = try await RecordLister(spec: .accounts, db: req.db).page(accountQuery, actor: actor).items
        var contacts: [Record] = []
        if let email = lead[.email].text {
            let query = try RecordListQuery(
                spec: .contacts, sort: "name", limit: 5, conditions: [.equals(column: "email", values: [.text(email)])])
            contacts = try await RecordLister(spec: .contacts, db: req.db).page(query, actor: actor).items
        }
        let company = lead[.company].text ?? lead[.name].text ?? ""
        return ConvertPage(
            title: "Convert \(lead[.name].text ?? "lead")", nav: try req.navigation(), leadID: lead.id.uuidString,
            leadName: lead[.name].text ?? "",
            accounts: accounts.map { .init(value: $0.id.uuidString, label: $0[.name].text ?? "—") },
            contacts: contacts.map {
                .init(value: $0.id.uuidString, label: "\($0[.name].text ?? "—") (\($0[.email].text ?? ""))")
            },
            newAccountName: company, opportunityName: "\(company) deal", message: message,
            hasAccounts: !accounts.isEmpty, hasContacts: !contacts.isEmpty)
    }

    @Sendable func convert(req: Request) async throws -> Response {
        struct Form: Content {
            var account: String?
            var accountName: String?
            var contact: String?
            var createOpportunity: String?
            var opportunityName: String?
            var amount: String?
            var expectedCloseDate: String?
        }
        let lead = try await req.visibleRecord(.leads, for: .update)
        let form = try req.content.decode(Form.self)
        var body: [String: JSONInput] = [:]
        if let account = form.account, account != "new", !account.isEmpty {
            body["accountId"] = .string(account)
        } else if let name = form.accountName, !name.isEmpty {
            body["account"] = .object(["name": .string(name)])
        }
        if let contact = form.contact, contact != "new", !contact.isEmpty { body["contactId"] = .string(contact) }
        if form.createOpportunity == "on" || form.createOpportunity == "true" {
            var deal: [String: JSONInput] = [:]
            if let name = form.opportunityName, !name.isEmpty { deal["name"] = .string(name) }
            if let amount = form.amount, !amount.isEmpty {
                deal["amount"] = Double(amount).map { .number($0) } ?? .string(amount)
            }
            if let day = form.expectedCloseDate, !day.isEmpty { deal["expectedCloseDate"] = .string(day) }
            body["opportunity"] = .object(deal)
        }
        do {
            let result = try await LeadConversion(context: try await req.recordContext()).convert(
                lead, try LeadConversion.Request(body))
            // The rep goes on with the deal just created; without one, with the account.
            if let deal = result.opportunity { return req.redirect(to: "/opportunities/\(deal.id)?saved=1") }
            return req.redirect(to: "/accounts/\(result.account.id)?saved=1")
        } catch {
            let payload = ErrorPayload(error)
            guard payload.isShownOnForm else { throw error }
            let message = payload.field.map { "\(FieldLabel.of($0)): \(payload.message)" } ?? payload.message
            return try await req.view.render("leads/convert", try await convertPage(req, lead: lead, message: message))
                .response(.unprocessableEntity, for: req)
        }
    }

    /// The stage path's buttons: move to a stage, win, or lose with a reason.
    @Sendable func moveStage(req: Request) async throws -> Response {
        struct Form: Content { var stage: String?; var lostReason: String? }
        let deal = try await req.visibleRecord(.opportunities, for: .update)
        let form = try req.content.decode(Form.self)
        let back = "/opportunities/\(deal.id)"
        var values: [String: FieldValue] = [:]
        do {
            values["stage"] = try RecordSpec.opportunities.field("stage")!.parse(text: form.stage ?? "")
            if let reason = form.lostReason?.trimmingCharacters(in: .whitespacesAndNewlines), !reason.isEmpty {
                values["lostReason"] = .text(reason)
            }
            _ = try await RecordStore(spec: .opportunities, db: req.db).update(
                deal, values: values, context: try await req.recordContext())
        } catch {
            let payload = ErrorPayload(error)
            guard payload.isShownOnForm else { throw error }
            return req.redirect(
                to: URLQuery.path(
                    back, ["message": payload.field == "lostReason" ? "Say why the deal was lost." : payload.message]))
        }
        return req.redirect(to: URLQuery.path(back, ["saved": "1"]))
    }

    // MARK: line items

    @Sendable func addLine(req: Request) async throws -> Response {
        let deal = try await req.visibleRecord(.opportunities, for: .update)
        var form = try req.content.decode([String: String].self).filter {
            ["productId", "quantity", "unitPrice"].contains($0.key)
        }
        form["opportunityId"] = deal.id.uuidString
        return try await saveLine(req, deal: deal, line: nil, form: form)
    }

    @Sendable func updateLine(req: Request) async throws -> Response {
        let deal = try await req.visibleRecord(.opportunities, for: .update)
        let line = try await req.visibleRecord(.opportunityLines, for: .update, parameter: "lineID")
        let form = try req.content.decode([String: String].self).filter { ["quantity", "unitPrice"].contains($0.key) }
        return try await saveLine(req, deal: deal, line: line, form: form)
    }

    @Sendable func deleteLine(req: Request) async throws -> Response {
        let deal = try await req.visibleRecord(.opportunities, for: .update)
        let line = try await req.visibleRecord(.opportunityLines, for: .delete, parameter: "lineID")
        try await RecordStore(spec: .opportunityLines, db: req.db).delete(
            line, cascade: false, context: try await req.recordContext())
        return req.redirect(to: "/opportunities/\(deal.id)?saved=1")
    }

    private func saveLine(_ req: Request, deal: Record, line: Record?, form: [String: String]) async throws -> Response
    {
        let back = "/opportunities/\(deal.id)"
        let (values, errors) = RecordForm.parse(form, spec: .opportunityLines)
        if let (field, error) = errors.first {
            return req.redirect(to: URLQuery.path(back, ["message": "\(FieldLabel.of(field)): \(error)"]))
        }
        let store = RecordStore(spec: .opportunityLines, db: req.db)
        let context = try await req.recordContext()
        do {
            if let line {
                try await store.apply(values, to: line, context: context)
            } else {
                _ = try await store.create(given: values, context: context)
            }
        } catch {
            let payload = ErrorPayload(error)
            guard payload.isShownOnForm else { throw error }
            return req.redirect(
                to: URLQuery.path(
                    back,
                    ["message": payload.field.map { "\(FieldLabel.of($0)): \(payload.message)" } ?? payload.message]))
        }
        return req.redirect(to: URLQuery.path(back, ["saved": "1"]))
    }
}
