import Vapor

/// One page of a list: the house shape for every list endpoint.
struct Page<Item: Content>: Content {
    let items: [Item]
    let nextCursor: String?
}

/// ?limit=&cursor= with S12's defaults.
struct PageRequest: Sendable {
    static let defaultLimit = 50
    static let maxLimit = 500

    let limit: Int
    let cursor: String?

    init(limit: Int, cursor: String?) {
        self.limit = limit
        self.cursor = cursor
    }

    init(_ request: Request) throws {
        try self.init(limit: request.query[String.self, at: "limit"], cursor: request.query[String.self, at: "cursor"])
    }

    init(limit limitText: String?, cursor: String?) throws {
        if let limitText, !limitText.isEmpty {
            guard let value = Int(limitText), (1...Self.maxLimit).contains(value) else {
                throw DomainError.invalid(field: "limit", "Use a whole number from 1 to \(Self.maxLimit).")
            }
            limit = value
        } else {
            limit = Self.defaultLimit
        }
        self.cursor = cursor.flatMap { $0.isEmpty ? nil : $0 }
    }
}
