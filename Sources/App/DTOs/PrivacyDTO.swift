import Foundation
import SalesPulseCore
import Vapor

/// A person looked up for an access or erasure request.
struct PersonFound: Content {
    struct Record: Content {
        let kind: String
        let id: UUID
        let name: String
        let email: String?
        let phones: [String]

        init(_ match: PersonLookup.Match) {
            kind = match.resource == "leads" ? "lead" : "contact"
            id = match.id
            name = match.name
            email = match.email
            phones = match.phones
        }
    }

    struct Place: Content {
        let place: String
        let rows: Int
    }

    let about: String
    let records: [Record]
    /// How many activities, notes, tasks, opportunities, emailsSent, importLines and history entries.
    let linked: [String: Int]
    let mentionedElsewhere: [Place]
}

/// Erase the person with this email or phone; `confirm` must be "ERASE".
struct ErasureRequest: Content, StrictBody {
    var email: String?
    var phone: String?
    var confirm: String?

    enum CodingKeys: String, CodingKey, CaseIterable { case email, phone, confirm }
}

struct ErasureDone: Content {
    let about: String
    let leads: Int
    let contacts: Int
    let mentions: Int
    let files: Int
}

/// Who besides admins answers personal-data requests, and after how many months lost leads
/// lose their personal data (null: never). PATCH changes the fields sent.
struct PrivacySettingsBody: Content, StrictBody {
    var roles: [String]?
    var retentionMonths: Int?

    enum CodingKeys: String, CodingKey, CaseIterable { case roles, retentionMonths }

    init(_ settings: PrivacySettings) {
        roles = settings.roles.map(\.rawValue).sorted()
        retentionMonths = settings.retentionMonths
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(roles, forKey: .roles)
        try container.encode(retentionMonths, forKey: .retentionMonths)
    }
}
