import Foundation

/// Where a lead's details sit in the JSON another service posts, set by an admin one line per
/// detail: `email = contact.email`, `phone = contact.phones.0`. A path names keys separated by
/// dots, and a number picks an item from a list. A body that is a list holds several people.
public struct FieldMapping: Sendable, Equatable {
    public enum Detail: String, Sendable, CaseIterable {
        case name, firstName = "first_name", lastName = "last_name", email, phone, company, message, sender
        case interest = "product_interest", region
    }

    public struct Invalid: Error, Equatable, CustomStringConvertible {
        public let description: String
    }

    public private(set) var paths: [Detail: String]

    /// The mapping a service gets when the admin gives none: the details under their own names.
    public static let plain = FieldMapping(paths: [
        .name: "name", .email: "email", .phone: "phone", .company: "company", .message: "message",
    ])

    public init(paths: [Detail: String]) {
        self.paths = paths
    }

    /// Reads the admin's lines. Blank lines and lines starting with # are skipped.
    public static func parse(_ text: String) throws -> FieldMapping {
        var paths: [Detail: String] = [:]
        for (number, raw) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            guard !line.isEmpty, !line.hasPrefix("#") else { continue }
            let parts = line.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            let names = Detail.allCases.map(\.rawValue).joined(separator: ", ")
            guard parts.count == 2, let detail = Detail(rawValue: parts[0].lowercased()) else {
                throw Invalid(
                    description:
                        "Line \(number + 1) should read like \u{201C}email = contact.email\u{201D}, naming one of: \(names)."
                )
            }
            guard !parts[1].isEmpty, !parts[1].contains(" "), !parts[1].hasPrefix("."), !parts[1].hasSuffix("."),
                !parts[1].contains("..")
            else {
                throw Invalid(
                    description: "Line \(number + 1): \u{201C}\(parts[1])\u{201D} is not a path like contact.email.")
            }
            paths[detail] = parts[1]
        }
        guard paths[.email] != nil || paths[.phone] != nil || paths[.sender] != nil else {
            throw Invalid(
                description:
                    "Say where the email, the phone number or the sender's id is, so people can be answered and known again."
            )
        }
        return FieldMapping(paths: paths)
    }

    /// The lines an admin would type for this mapping, in a steady order.
    public var text: String {
        Detail.allCases.compactMap { detail in paths[detail].map { "\(detail.rawValue) = \($0)" } }.joined(
            separator: "\n")
    }

    /// The people a body carries: one for an object, one per item for a list.
    public func messages(_ body: Data, source: String) throws -> [ChannelMessage] {
        guard let root = try? JSONSerialization.jsonObject(with: body, options: [.fragmentsAllowed]) else {
            throw ChannelPayload.Unreadable(description: "the body is not JSON")
        }
        let items: [Any]
        switch root {
        case let list as [Any]: items = list
        case let object as [String: Any]: items = [object]
        default: throw ChannelPayload.Unreadable(description: "the body is neither a JSON object nor a list of them")
        }
        return items.map { item in
            let name =
                value(.name, in: item)
                ?? [value(.firstName, in: item), value(.lastName, in: item)].compactMap { $0 }.joined(separator: " ")
                .nilIfBlank
            var message = ChannelMessage(
                name: name, phone: value(.phone, in: item), email: value(.email, in: item)?.lowercased(),
                sender: value(.sender, in: item).map { "\(source):\($0)" }, text: value(.message, in: item),
                company: value(.company, in: item))
            message.interest = value(.interest, in: item)
            message.region = value(.region, in: item)
            return message
        }
    }

    private func value(_ detail: Detail, in item: Any) -> String? {
        guard let path = paths[detail] else { return nil }
        var current: Any? = item
        for step in path.split(separator: ".") {
            switch current {
            case let object as [String: Any]: current = object[String(step)]
            case let list as [Any]:
                guard let index = Int(step), list.indices.contains(index) else { return nil }
                current = list[index]
            default: return nil
            }
        }
        switch current {
        case let text as String: return text.trimmingCharacters(in: .whitespacesAndNewlines).nilIfBlank
        case let number as NSNumber: return number.stringValue
        default: return nil
        }
    }
}

private extension String {
    var nilIfBlank: String? { isEmpty ? nil : self }
}
