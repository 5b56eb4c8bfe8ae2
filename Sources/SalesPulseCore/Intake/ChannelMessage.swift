import Foundation

/// One message a channel delivered, in the CRM's terms: who sent it (name, phone, email, and
/// the channel's own id for them), what they wrote, and for a tracked call its details.
public struct ChannelMessage: Sendable, Equatable {
    public struct Call: Sendable, Equatable {
        public let calledNumber: String?
        public let startedAt: Date?
        public let durationSeconds: Int?
        public let recordingURL: String?
        public let campaign: String?
    }

    public let name: String?
    public let phone: String?
    public let email: String?
    /// The channel's id for the sender ("telegram:123456"), to know them again without a phone.
    public let sender: String?
    public let text: String?
    public let company: String?
    /// What they are interested in and where they are, for the form's special cases.
    public var interest: String?
    public var region: String?
    public let call: Call?

    public init(
        name: String?, phone: String?, email: String? = nil, sender: String?, text: String?, company: String? = nil,
        call: Call? = nil
    ) {
        self.name = name
        self.phone = phone
        self.email = email
        self.sender = sender
        self.text = text
        self.company = company
        self.call = call
    }
}

/// The payloads channels post, read into messages. Each reader takes the raw JSON body and
/// returns the messages it carries (none for events that are not messages, such as delivery
/// receipts); a body that is not the channel's shape is an error.
public enum ChannelPayload {
    public struct Unreadable: Error, Equatable, CustomStringConvertible {
        public let description: String

        public init(description: String) { self.description = description }
    }

    /// A Telegram bot update: a message, with the sender's name and, when they shared it,
    /// their contact card's phone number.
    public static func telegram(_ body: Data) throws -> [ChannelMessage] {
        let update = try object(body)
        guard update["update_id"] != nil else { throw Unreadable(description: "not a Telegram update: no update_id") }
        guard let message = update["message"] as? [String: Any] ?? update["edited_message"] as? [String: Any] else {
            return []
        }
        let from = message["from"] as? [String: Any] ?? [:]
        let contact = message["contact"] as? [String: Any]
        let name = [from["first_name"] as? String, from["last_name"] as? String].compactMap { $0 }.joined(
            separator: " ")
        let id = (from["id"] as? NSNumber)?.int64Value
        return [
            ChannelMessage(
                name: name.isEmpty ? (from["username"] as? String) : name,
                phone: (contact?["phone_number"] as? String).map(Self.plus),
                sender: id.map { "telegram:\($0)" }, text: message["text"] as? String ?? message["caption"] as? String)
        ]
    }

    /// A WhatsApp Cloud API notification: each text message with the sender's profile name.
    public static func whatsapp(_ body: Data) throws -> [ChannelMessage] {
        let notification = try object(body)
        guard notification["object"] as? String == "whatsapp_business_account",
            let entries = notification["entry"] as? [[String: Any]]
        else {
            throw Unreadable(description: "not a WhatsApp Business notification")
        }
        var messages: [ChannelMessage] = []
        for entry in entries {
            for change in entry["changes"] as? [[String: Any]] ?? [] {
                let value = change["value"] as? [String: Any] ?? [:]
                let names = (value["contacts"] as? [[String: Any]] ?? []).reduce(into: [String: String]()) {
                    names, contact in
                    if let id = contact["wa_id"] as? String,
                        let name = (contact["profile"] as? [String: Any])?["name"] as? String
                    {
                        names[id] = name
                    }
                }
                for message in value["messages"] as? [[String: Any]] ?? [] {
                    guard let from = message["from"] as? String else { continue }
                    let text =
                        (message["text"] as? [String: Any])?["body"] as? String
                        ?? (message["button"] as? [String: Any])?["text"] as? String
                    messages.append(
                        ChannelMessage(name: names[from], phone: plus(from), sender: "whatsapp:\(from)", text: text))
                }
            }
        }
        return messages
    }

    /// A call-tracking event: the caller's number, the number they called, when, how long,
    /// the recording and the campaign the number belongs to.
    public static func trackedCall(_ body: Data) throws -> [ChannelMessage] {
        let call = try object(body)
        guard let caller = call["caller"] as? String ?? call["caller_number"] as? String, !caller.isEmpty else {
            throw Unreadable(description: "a tracked call needs the caller's number (caller)")
        }
        let started = (call["start"] as? String ?? call["started_at"] as? String).flatMap {
            ISO8601DateFormatter().date(from: $0)
        }
        let duration = (call["duration"] as? NSNumber)?.intValue ?? (call["duration"] as? String).flatMap(Int.init)
        let details = ChannelMessage.Call(
            calledNumber: call["called"] as? String ?? call["called_number"] as? String, startedAt: started,
            durationSeconds: duration, recordingURL: call["recording_url"] as? String ?? call["recording"] as? String,
            campaign: call["campaign"] as? String)
        return [
            ChannelMessage(name: call["caller_name"] as? String, phone: caller, sender: nil, text: nil, call: details)
        ]
    }

    static func object(_ body: Data) throws -> [String: Any] {
        guard let object = try? JSONSerialization.jsonObject(with: body) as? [String: Any] else {
            throw Unreadable(description: "the body is not a JSON object")
        }
        return object
    }

    private static func plus(_ number: String) -> String { number.hasPrefix("+") ? number : "+" + number }
}
