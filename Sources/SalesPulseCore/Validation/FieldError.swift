/// A rule broken by one input field, in words a user can act on.
public struct FieldError: Error, Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible {
    public let field: String
    public let message: String

    public init(field: String, message: String) {
        self.field = field
        self.message = message
    }

    public var description: String { "\(field): \(message)" }
    public var debugDescription: String { description }
}
