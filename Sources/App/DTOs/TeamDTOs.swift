import Foundation
import Vapor

struct TeamResponse: Content {
    let id: UUID
    let name: String
    let region: String?
    let leadId: UUID?

    init(_ team: Team) throws {
        id = try team.requireID()
        name = team.name
        region = team.region
        leadId = team.leadID
    }
}

struct TeamRequest: StrictBody {
    let name: String?
    let region: String?
    let leadId: UUID?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case name, region, leadId
    }
}

extension Decoded where Body == TeamRequest {
    func toInput() -> TeamInput {
        TeamInput(
            name: body.name,
            region: has(.region) ? .some(body.region) : nil,
            leadID: has(.leadId) ? .some(body.leadId) : nil)
    }
}
