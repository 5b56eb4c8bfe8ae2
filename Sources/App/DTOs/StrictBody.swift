import Foundation
import Vapor

/// A JSON request body whose every key must be one the type knows: a typo in a field name is
/// a 422 naming that field, not a silently ignored value.
protocol StrictBody: Decodable, Sendable {
    associatedtype CodingKeys: CodingKey & CaseIterable
}

/// A decoded body and the keys the client actually sent, so PATCH can tell "set to null"
/// from "leave alone".
struct Decoded<Body: StrictBody>: Sendable {
    let body: Body
    let presentKeys: Set<String>

    func has(_ key: Body.CodingKeys) -> Bool { presentKeys.contains(key.stringValue) }
}

extension Request {
    func decodeStrict<Body: StrictBody>(_ type: Body.Type) throws -> Decoded<Body> {
        let data = try jsonBodyData()
        let object = try jsonBodyObject(data)
        let known = Set(Body.CodingKeys.allCases.map(\.stringValue))
        if let unknown = object.keys.sorted().first(where: { !known.contains($0) }) {
            throw DomainError.invalid(
                field: unknown, "Unknown field. Allowed: \(known.sorted().joined(separator: ", ")).")
        }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .internetTime
        return Decoded(body: try decoder.decode(Body.self, from: data), presentKeys: Set(object.keys))
    }

    /// The body as a JSON object, for bodies with parts of free shape.
    func jsonBodyObject(_ data: Data? = nil) throws -> [String: Any] {
        let parsed: Any
        do {
            parsed = try JSONSerialization.jsonObject(with: try data ?? jsonBodyData(), options: [])
        } catch {
            throw DomainError.badRequest("The request body is not valid JSON.")
        }
        guard let object = parsed as? [String: Any] else {
            throw DomainError.badRequest("The request body must be a JSON object.")
        }
        return object
    }
}
