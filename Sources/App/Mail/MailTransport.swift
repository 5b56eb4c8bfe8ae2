import Foundation
import NIOCore
import SalesPulseCore
import Vapor

/// Where the outbox hands a message: a real SMTP server, or the dev mailbox.
protocol MailTransport: Sendable {
    func send(_ message: MailMessage, date: Date) async throws
}

struct SMTPTransport: MailTransport {
    let client: SMTPClient

    func send(_ message: MailMessage, date: Date) async throws { try await client.send(message, date: date) }
}

/// Without `SMTP_URL` mail is written as `.eml` files to a folder, which admins read at
/// `/admin/mail`: the demo shows every email without a mail server.
struct DevMailbox: MailTransport {
    let directory: URL

    struct Entry: Sendable {
        let file: String
        let to: String
        let subject: String
        let date: Date
    }

    func send(_ message: MailMessage, date: Date) async throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let name = "\(date.milliseconds)-\(Self.safe(message.messageID)).eml"
        try Data(message.rendered(date: date).utf8).write(to: directory.appendingPathComponent(name), options: .atomic)
    }

    /// Newest first.
    func entries(limit: Int = 200) throws -> [Entry] {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return try files.filter { $0.hasSuffix(".eml") }.sorted(by: >).prefix(limit).map { file in
            let text = try String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8)
            func header(_ name: String) -> String {
                text.components(separatedBy: "\r\n").first { $0.hasPrefix(name + ": ") }.map {
                    String($0.dropFirst(name.count + 2))
                } ?? ""
            }
            let millis = Int64(file.prefix { $0.isNumber }) ?? 0
            return Entry(
                file: file, to: header("To"), subject: MailHeaderText.decoded(header("Subject")),
                date: Date(milliseconds: millis))
        }
    }

    func message(named file: String) throws -> String? {
        guard file == Self.safe(file), file.hasSuffix(".eml") else { return nil }
        return try? String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8)
    }

    static func safe(_ text: String) -> String {
        String(text.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "." ? $0 : "_" })
    }
}

/// Reading back what `MailMessage` wrote: encoded-word headers and base64 parts.
enum MailHeaderText {
    static func decoded(_ header: String) -> String {
        guard header.hasPrefix("=?UTF-8?B?"), header.hasSuffix("?="),
            let data = Data(base64Encoded: String(header.dropFirst(10).dropLast(2)))
        else { return header }
        return String(decoding: data, as: UTF8.self)
    }

    /// The plain-text part of a message this app wrote.
    static func plainText(of message: String) -> String {
        guard
            let start = message.range(
                of: "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n")
        else { return "" }
        let base64 = message[start.upperBound...].components(separatedBy: "\r\n").prefix { !$0.isEmpty }.joined()
        return Data(base64Encoded: base64).map { String(decoding: $0, as: UTF8.self) } ?? ""
    }
}

extension Application {
    private struct TransportKey: StorageKey { typealias Value = any MailTransport }

    /// The configured transport; tests may replace it.
    var mailTransport: any MailTransport {
        get {
            if let transport = storage[TransportKey.self] { return transport }
            let transport: any MailTransport =
                settings.smtp.map { SMTPTransport(client: SMTPClient(settings: $0, group: eventLoopGroup)) }
                ?? DevMailbox(
                    directory: URL(
                        fileURLWithPath: settings.mailboxDirectory,
                        relativeTo: URL(fileURLWithPath: directory.workingDirectory)))
            storage[TransportKey.self] = transport
            return transport
        }
        set { storage[TransportKey.self] = newValue }
    }

    var devMailbox: DevMailbox? { mailTransport as? DevMailbox }
}
