import Foundation
import SalesPulseCore
import Vapor

/// Reads a channel's delivery into the people it carries, the same way when it arrives and
/// when an admin sends a kept one again. Lead ads are read from the Graph API first, all of a
/// delivery's leads before any is written, so a failure writes nothing.
struct ChannelAdapters {
    /// The platform could not give the rest of the delivery (lead ads' answers); the delivery is
    /// kept to be sent again.
    struct NotFetched: Error, CustomStringConvertible {
        let description: String
    }

    let app: Application

    func messages(_ form: IntakeForms.Form, body: Data) async throws -> [ChannelMessage] {
        switch form.kind {
        case .telegram: return try ChannelPayload.telegram(body)
        case .whatsapp: return try ChannelPayload.whatsapp(body)
        case .calls: return try ChannelPayload.trackedCall(body)
        case .json: return try form.mapping.messages(body, source: "json-\(form.id.uuidString.lowercased())")
        case .leadAds:
            var leads: [ChannelMessage] = []
            for id in try ChannelPayload.leadAdsNotification(body) {
                leads.append(try await lead(id, token: form.accessToken ?? ""))
            }
            return leads
        case .form: return []
        }
    }

    /// One lead's answers from the Graph API, read with the page's token.
    private func lead(_ id: String, token: String) async throws -> ChannelMessage {
        guard id.allSatisfy(\.isNumber) else {
            throw ChannelPayload.Unreadable(description: "the leadgen id \(id) is not a number")
        }
        var address = URLComponents(string: app.settings.leadAdsGraphURL + "/" + id)
        address?.queryItems = [URLQueryItem(name: "access_token", value: token)]
        guard let url = address?.string else { throw NotFetched(description: "the lead ads address is not valid") }
        let response: ClientResponse
        do {
            response = try await app.client.get(URI(string: url)) { $0.timeout = .seconds(10) }
        } catch {
            app.logger.debug("lead ads: \(String(reflecting: error))")
            throw NotFetched(description: "Facebook could not be reached to read lead \(id)")
        }
        let body = Data(response.body?.readableBytesView ?? ByteBuffer().readableBytesView)
        guard response.status == .ok else {
            let said = ((try? JSONSerialization.jsonObject(with: body)) as? [String: Any])?["error"] as? [String: Any]
            throw NotFetched(
                description: "Facebook answered \(response.status.code) for lead \(id)"
                    + ((said?["message"] as? String).map { ": \($0)" } ?? ""))
        }
        return try ChannelPayload.leadAdsLead(body)
    }
}
