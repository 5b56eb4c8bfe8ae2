import Foundation
import SalesPulseCore
import SQLKit

/// What a trial's answer does, inside the trial's own transaction. Accepted: the lead is
/// converted (its contact becomes the student), the student is enrolled in the trial's group
/// at the course price and the sale is recorded for the trial's owner. Rejected: the lead is
/// closed as lost with the reason given.
struct TrialEnrolment {
    let context: RecordContext

    func enrol(trialID: UUID, _ trial: RecordChange) async throws {
        guard let leadID = trial[.leadId].uuid, let groupID = trial[.groupId].uuid,
            let lead = try await context.store(.leads).find(leadID)
        else { return }
        let (contactID, accountID) = try await student(from: lead)
        let owner = trial[.ownerId].isNull ? FieldValue.uuid(context.actor.userID) : trial[.ownerId]
        let enrolment: Record
        do {
            enrolment = try await context.store(.enrolments).create(
                given: [
                    "contactId": .uuid(contactID), "groupId": .uuid(groupID), "leadId": .uuid(leadID), "ownerId": owner,
                ], context: context)
        } catch let error as DomainError {
            throw error.onField("result")
        }
        _ = try await context.store(.sales).create(
            given: [
                "repId": owner, "accountId": accountID.map(FieldValue.uuid) ?? .null, "soldOn": .text(context.today),
                "amount": enrolment[.price],
            ], context: context)
        try await context.sql.update(RecordSpec.trialLessons.table).set("enrolment_id", to: SQLBind(enrolment.id))
            .where("id", .equal, SQLBind(trialID)).run()
    }

    func closeLead(_ trial: RecordChange) async throws {
        guard let leadID = trial[.leadId].uuid, let lead = try await context.store(.leads).find(leadID),
            LeadStatus(rawValue: lead[.status].text ?? "")?.isOpen == true
        else { return }
        _ = try await context.store(.leads).update(
            lead,
            values: [
                "status": .text(LeadStatus.lost.rawValue), "lostReason": trial[.lostReason],
            ], context: context)
    }

    /// The lead's contact and account: made by converting an open lead, or those it was
    /// converted to already.
    private func student(from lead: Record) async throws -> (UUID, UUID?) {
        switch LeadStatus(rawValue: lead[.status].text ?? "") {
        case .converted?:
            guard let contact = lead[.convertedContactId].uuid else { break }
            return (contact, lead[.convertedAccountId].uuid)
        case let status? where status.isOpen:
            let result = try await LeadConversion(context: context).convert(lead, try LeadConversion.Request([:]))
            return (result.contact.id, result.account.id)
        default:
            break
        }
        throw DomainError.invalid(
            field: "result",
            "\(lead[.name].text ?? "This lead") is lost; reopen the lead before enrolling the student.")
    }
}

extension DomainError {
    /// The same refusal, said against another field of the form that caused it.
    func onField(_ field: String) -> DomainError {
        switch self {
        case .invalid(let error): .invalid(field: field, error.message)
        case .conflict(_, let message): .conflict(field: field, message: message)
        default: self
        }
    }
}
