import Foundation

/// The values an import replaced, kept so that undo can put them back exactly.
struct ImportBeforeImage: Codable, Sendable, Equatable {
    let values: [String: FieldValue]

    init(_ values: [String: FieldValue]) { self.values = values }
}

extension FieldValue: Codable {
    private enum CodingKeys: String, CodingKey { case text, int, bool, uuid, date }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        if let value = try container.decodeIfPresent(String.self, forKey: .text) {
            self = .text(value)
        } else if let value = try container.decodeIfPresent(Int64.self, forKey: .int) {
            self = .int(value)
        } else if let value = try container.decodeIfPresent(Bool.self, forKey: .bool) {
            self = .bool(value)
        } else if let value = try container.decodeIfPresent(UUID.self, forKey: .uuid) {
            self = .uuid(value)
        } else if let value = try container.decodeIfPresent(Double.self, forKey: .date) {
            self = .date(Date(timeIntervalSince1970: value))
        } else {
            self = .null
        }
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .null: break
        case .text(let value): try container.encode(value, forKey: .text)
        case .int(let value): try container.encode(value, forKey: .int)
        case .bool(let value): try container.encode(value, forKey: .bool)
        case .uuid(let value): try container.encode(value, forKey: .uuid)
        case .date(let value): try container.encode(value.timeIntervalSince1970, forKey: .date)
        }
    }
}
