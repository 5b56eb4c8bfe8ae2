import Foundation

/// Facebook and Instagram lead ads. The page's webhook only says that a lead exists (its
/// leadgen id); the answers to the ad's form are read from the Graph API with the page's token.
extension ChannelPayload {
    /// The leadgen ids a page notification carries; other page events carry none.
    public static func leadAdsNotification(_ body: Data) throws -> [String] {
        let notification = try object(body)
        guard let kind = notification["object"] as? String, ["page", "instagram"].contains(kind),
            let entries = notification["entry"] as? [[String: Any]]
        else {
            throw Unreadable(description: "not a Facebook page notification")
        }
        return entries.flatMap { entry in
            (entry["changes"] as? [[String: Any]] ?? []).compactMap { change -> String? in
                guard change["field"] as? String == "leadgen", let value = change["value"] as? [String: Any] else {
                    return nil
                }
                return value["leadgen_id"] as? String ?? (value["leadgen_id"] as? NSNumber)?.stringValue
            }
        }
    }

    /// A lead as the Graph API returns it: the form's answers as `field_data`, each a name and
    /// its values. The usual questions become the lead's name, email, phone and company; the
    /// ad's own questions are kept as the message, one "question: answer" per line.
    public static func leadAdsLead(_ body: Data) throws -> ChannelMessage {
        let lead = try object(body)
        guard let fields = lead["field_data"] as? [[String: Any]] else {
            throw Unreadable(description: "the lead has no field_data")
        }
        var answers: [(String, String)] = []
        for field in fields {
            guard let name = field["name"] as? String else { continue }
            let values = (field["values"] as? [Any] ?? []).compactMap {
                $0 as? String ?? ($0 as? NSNumber)?.stringValue
            }
            if !values.isEmpty { answers.append((name.lowercased(), values.joined(separator: ", "))) }
        }
        func answer(_ names: String...) -> String? { answers.first { names.contains($0.0) }?.1 }
        let known: Set = [
            "full_name", "first_name", "last_name", "email", "phone_number", "phone", "company_name", "company",
        ]
        let name =
            answer("full_name") ?? [answer("first_name"), answer("last_name")].compactMap { $0 }.joined(separator: " ")
        let rest = answers.filter { !known.contains($0.0) }.map {
            "\($0.0.replacingOccurrences(of: "_", with: " ")): \($0.1)"
        }
        return ChannelMessage(
            name: name.isEmpty ? nil : name, phone: answer("phone_number", "phone"),
            email: answer("email")?.lowercased(), sender: nil,
            text: rest.isEmpty ? nil : rest.joined(separator: "\n"), company: answer("company_name", "company"))
    }
}
