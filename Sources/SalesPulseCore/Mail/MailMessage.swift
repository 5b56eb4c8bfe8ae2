import Foundation

/// One email as the outbox keeps it: HTML with a plain-text part, and files attached
/// (a meeting's `.ics`). `messageID` stays the same across retries, so a resend after a lost
/// acknowledgement is recognisable as the same message.
public struct MailMessage: Sendable, Equatable, Codable {
    public struct Attachment: Sendable, Equatable, Codable {
        public let filename: String
        /// With parameters, e.g. `text/calendar; method=REQUEST; charset=utf-8`.
        public let contentType: String
        public let data: Data

        public init(filename: String, contentType: String, data: Data) {
            self.filename = filename
            self.contentType = contentType
            self.data = data
        }
    }

    public var messageID: String
    public var from: String
    public var to: String
    public var subject: String
    public var text: String
    public var html: String?
    public var attachments: [Attachment]

    public init(
        messageID: String, from: String, to: String, subject: String, text: String, html: String? = nil,
        attachments: [Attachment] = []
    ) {
        self.messageID = messageID
        self.from = from
        self.to = to
        self.subject = subject
        self.text = text
        self.html = html
        self.attachments = attachments
    }

    /// The message in RFC 5322 form with MIME parts, lines ended by CRLF. `boundary` is the
    /// stem of the part boundaries; it only has to be absent from the content, which base64
    /// bodies guarantee.
    public func rendered(date: Date, boundary: String = "=_salespulse") -> String {
        var lines = [
            "Message-ID: <\(messageID)>",
            "Date: \(Self.dateHeader(date))",
            "From: \(from)",
            "To: \(to)",
            "Subject: \(Self.encodedHeader(subject))",
            "MIME-Version: 1.0",
        ]
        let textPart = Self.part(contentType: "text/plain; charset=utf-8", data: Data(text.utf8))
        var body: [String]
        if let html {
            let alternative = boundary + "alt"
            body = ["Content-Type: multipart/alternative; boundary=\"\(alternative)\"", ""]
            body += ["--\(alternative)"] + textPart
            body += ["--\(alternative)"] + Self.part(contentType: "text/html; charset=utf-8", data: Data(html.utf8))
            body += ["--\(alternative)--"]
        } else {
            body = textPart
        }
        if attachments.isEmpty {
            lines += body
        } else {
            let mixed = boundary + "mix"
            lines += ["Content-Type: multipart/mixed; boundary=\"\(mixed)\"", "", "--\(mixed)"] + body
            for attachment in attachments {
                lines +=
                    ["--\(mixed)"]
                    + Self.part(
                        contentType: attachment.contentType, data: attachment.data,
                        disposition:
                            "attachment; filename=\"\(attachment.filename.replacingOccurrences(of: "\"", with: ""))\"")
            }
            lines += ["--\(mixed)--"]
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    static func part(contentType: String, data: Data, disposition: String? = nil) -> [String] {
        var headers = ["Content-Type: \(contentType)", "Content-Transfer-Encoding: base64"]
        if let disposition { headers.append("Content-Disposition: \(disposition)") }
        return headers + [""] + base64Lines(data) + [""]
    }

    static func base64Lines(_ data: Data) -> [String] {
        let encoded = data.base64EncodedString()
        return stride(from: 0, to: encoded.count, by: 76).map { start in
            let from = encoded.index(encoded.startIndex, offsetBy: start)
            return String(
                encoded[from..<(encoded.index(from, offsetBy: 76, limitedBy: encoded.endIndex) ?? encoded.endIndex)])
        }
    }

    /// RFC 2047: a header with anything beyond printable ASCII goes as a UTF-8 encoded word.
    static func encodedHeader(_ value: String) -> String {
        let plain = value.unicodeScalars.allSatisfy { $0.value >= 0x20 && $0.value < 0x7F }
        return plain ? value : "=?UTF-8?B?\(Data(value.utf8).base64EncodedString())?="
    }

    static func dateHeader(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss '+0000'"
        return formatter.string(from: date)
    }
}
