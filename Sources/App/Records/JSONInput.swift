import Foundation
import Vapor

/// A JSON value as the client sent it, before a field's kind gives it meaning.
enum JSONInput: Decodable, Sendable, Equatable {
    case null
    case bool(Bool)
    case integer(Int64)
    case number(Double)
    case string(String)
    case array([JSONInput])
    case object([String: JSONInput])

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Int64.self) {
            self = .integer(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([JSONInput].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: JSONInput].self))
        }
    }

    var asDouble: Double? {
        switch self {
        case .integer(let value): Double(value)
        case .number(let value): value
        default: nil
        }
    }

    /// Back to Foundation objects, for storing JSON text.
    var foundation: Any {
        switch self {
        case .null: NSNull()
        case .bool(let value): value
        case .integer(let value): value
        case .number(let value): value
        case .string(let value): value
        case .array(let values): values.map(\.foundation)
        case .object(let pairs): pairs.mapValues(\.foundation)
        }
    }
}

extension Request {
    /// The raw bytes of a JSON body: refuses other content types, oversize and empty bodies.
    func jsonBodyData() throws -> Data {
        guard headers.contentType == .json else {
            throw Abort(.unsupportedMediaType, reason: "Send the body as JSON with 'Content-Type: application/json'.")
        }
        if let size = body.data?.readableBytes, size > application.routes.defaultMaxBodySize.value {
            throw Abort(
                .payloadTooLarge,
                reason: "The request body is larger than \(application.routes.defaultMaxBodySize.value) bytes.")
        }
        guard var buffer = body.data, let data = buffer.readData(length: buffer.readableBytes), !data.isEmpty else {
            throw DomainError.badRequest("A JSON body is required.")
        }
        return data
    }

    /// The body as a JSON object, refusing anything else with a clear 4xx.
    func jsonObjectBody() throws -> [String: JSONInput] {
        let data = try jsonBodyData()
        guard let value = try? JSONDecoder().decode(JSONInput.self, from: data) else {
            throw DomainError.badRequest("The request body is not valid JSON.")
        }
        guard case .object(let object) = value else {
            throw DomainError.badRequest("The request body must be a JSON object.")
        }
        return object
    }
}
