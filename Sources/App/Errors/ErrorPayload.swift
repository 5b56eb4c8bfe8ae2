import FluentKit
import SalesPulseCore
import Vapor

/// The one shape every failure is reduced to before it is shown as JSON or as a page.
struct ErrorPayload: Sendable {
    let status: HTTPResponseStatus
    let code: String
    let message: String
    let field: String?

    init(status: HTTPResponseStatus, code: String, message: String, field: String? = nil) {
        self.status = status
        self.code = code
        self.message = message
        self.field = field
    }

    /// A failure a page can show beside its form: not a refusal of access, which must stay a
    /// 403/404 page rather than become a redirect that looks like success.
    var isShownOnForm: Bool {
        status.code < 500 && ![.unauthorized, .forbidden, .notFound].contains(status)
    }

    static let busyCode = "busy"

    init(_ error: any Error) {
        switch error {
        case let domain as DomainError:
            self.init(status: domain.status, code: domain.code, message: domain.reason, field: domain.field)
        case let fieldError as FieldError:
            self.init(
                status: .unprocessableEntity, code: "validation_failed", message: fieldError.message,
                field: fieldError.field)
        case let decoding as DecodingError:
            self = Self.describe(decoding)
        case is ConnectionPoolTimeoutError:
            // Every database connection stayed busy for the pool's whole wait: a burst, not a fault.
            self.init(
                status: .serviceUnavailable, code: Self.busyCode,
                message: "The server is busy right now; try again in a moment.")
        case let abort as any AbortError:
            self.init(status: abort.status, code: Self.code(for: abort.status), message: abort.reason)
        case let database as any DatabaseError where database.isConstraintFailure:
            // The database's own guard caught what no rule did: the write is rolled back whole.
            let text = String(reflecting: database).lowercased()
            let message =
                text.contains("foreign key") || text.contains("23503")
                ? "Other records still use this one. Remove or move them first."
                : "This would repeat a value that must be unique."
            self.init(status: .conflict, code: Self.code(for: .conflict), message: message)
        default:
            self.init(
                status: .internalServerError, code: "internal_error",
                message: "Something went wrong on our side; it has been logged.")
        }
    }

    private static func describe(_ error: DecodingError) -> ErrorPayload {
        func path(_ context: DecodingError.Context, _ extra: (any CodingKey)? = nil) -> String? {
            let keys = context.codingPath + (extra.map { [$0] } ?? [])
            let names = keys.map { $0.intValue.map(String.init) ?? $0.stringValue }
            return names.isEmpty ? nil : names.joined(separator: ".")
        }
        switch error {
        case .typeMismatch(let type, let context):
            return ErrorPayload(
                status: .unprocessableEntity, code: "validation_failed",
                message: "Expected \(friendlyName(type)).", field: path(context))
        case .valueNotFound(_, let context):
            return ErrorPayload(
                status: .unprocessableEntity, code: "validation_failed",
                message: "This field is required.", field: path(context))
        case .keyNotFound(let key, let context):
            return ErrorPayload(
                status: .unprocessableEntity, code: "validation_failed",
                message: "This field is required.", field: path(context, key))
        case .dataCorrupted(let context):
            if context.codingPath.isEmpty {
                return ErrorPayload(
                    status: .badRequest, code: "malformed_body", message: "The request body is not valid JSON.")
            }
            return ErrorPayload(
                status: .unprocessableEntity, code: "validation_failed",
                message: context.debugDescription.hasPrefix("Enter ")
                    ? context.debugDescription : "This value is not valid here.", field: path(context))
        @unknown default:
            return ErrorPayload(
                status: .badRequest, code: "malformed_body", message: "The request body could not be read.")
        }
    }

    private static func friendlyName(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "text"
        case is Bool.Type: "true or false"
        case is Int.Type, is Int64.Type: "a whole number"
        case is Double.Type: "a number"
        case is UUID.Type: "an id"
        default: "a different kind of value"
        }
    }

    static func code(for status: HTTPResponseStatus) -> String {
        switch status {
        case .badRequest: "bad_request"
        case .unauthorized: "unauthenticated"
        case .forbidden: "forbidden"
        case .notFound: "not_found"
        case .methodNotAllowed: "method_not_allowed"
        case .conflict: "conflict"
        case .payloadTooLarge: "body_too_large"
        case .unsupportedMediaType: "unsupported_media_type"
        case .unprocessableEntity: "validation_failed"
        case .tooManyRequests: "too_many_requests"
        default: status.code >= 500 ? "internal_error" : "error"
        }
    }
}
