import SalesPulseCore
import Vapor

/// The errors services raise. Each knows its HTTP status, a stable code and, where one field
/// is to blame, that field's name.
enum DomainError: Error, Sendable {
    case invalid(FieldError)
    case badRequest(String)
    case unauthenticated(String)
    case forbidden(String)
    case notFound(String)
    case conflict(field: String?, message: String)

    static func invalid(field: String, _ message: String) -> DomainError {
        .invalid(FieldError(field: field, message: message))
    }
}

extension DomainError: AbortError {
    var status: HTTPResponseStatus {
        switch self {
        case .invalid: .unprocessableEntity
        case .badRequest: .badRequest
        case .unauthenticated: .unauthorized
        case .forbidden: .forbidden
        case .notFound: .notFound
        case .conflict: .conflict
        }
    }

    var reason: String {
        switch self {
        case .invalid(let error): error.message
        case .badRequest(let message), .unauthenticated(let message), .forbidden(let message),
            .notFound(let message), .conflict(_, let message):
            message
        }
    }

    var field: String? {
        switch self {
        case .invalid(let error): error.field
        case .conflict(let field, _): field
        default: nil
        }
    }

    var code: String {
        switch self {
        case .invalid: "validation_failed"
        case .badRequest: "bad_request"
        case .unauthenticated: "unauthenticated"
        case .forbidden: "forbidden"
        case .notFound: "not_found"
        case .conflict: "conflict"
        }
    }
}
