import Foundation
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import NIOSSL
import SalesPulseCore

/// What a mail server said when it did not take a message. Temporary (4xx, a connection that
/// failed or dropped) means try again later; permanent (5xx) means it never will.
enum SMTPFailure: Error, CustomStringConvertible {
    case temporary(String)
    case permanent(String)

    var description: String {
        switch self {
        case .temporary(let text): "The mail server is not taking mail right now: \(text)"
        case .permanent(let text): "The mail server refused the message: \(text)"
        }
    }
}

/// One SMTP conversation on SwiftNIO: greeting, EHLO, STARTTLS when asked for (or TLS from
/// the first byte), AUTH PLAIN or LOGIN, then one message, then QUIT.
struct SMTPClient: Sendable {
    let settings: SMTPSettings
    let group: any EventLoopGroup
    var timeout: TimeAmount = .seconds(30)

    func send(_ message: MailMessage, date: Date) async throws {
        let tls = try makeTLSContext()
        let conversation = SMTPConversation()
        let host = settings.host
        let sniName = Self.isAddressLiteral(host) ? nil : host
        let implicit = settings.security == .implicitTLS
        let channel: any Channel
        do {
            channel = try await ClientBootstrap(group: group)
                .connectTimeout(timeout)
                .channelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture {
                        if implicit {
                            try channel.pipeline.syncOperations.addHandler(
                                try NIOSSLClientHandler(context: tls, serverHostname: sniName))
                        }
                        try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(SMTPReplyDecoder()))
                        try channel.pipeline.syncOperations.addHandler(conversation)
                    }
                }
                .connect(host: host, port: settings.port).get()
        } catch {
            throw SMTPFailure.temporary("could not connect to \(host):\(settings.port) (\(error))")
        }
        defer { channel.close(promise: nil) }
        do {
            try await expect(conversation.next(on: channel, timeout: timeout), 220)
            var capabilities = try await hello(channel, conversation)
            if settings.security == .startTLS {
                guard capabilities.contains(where: { $0.uppercased().hasPrefix("STARTTLS") }) else {
                    throw SMTPFailure.permanent("the server does not offer STARTTLS, which SMTP_URL asks for")
                }
                try await command("STARTTLS", channel, conversation, expecting: 220)
                try await channel.pipeline.addHandler(
                    try NIOSSLClientHandler(context: tls, serverHostname: sniName), position: .first
                ).get()
                capabilities = try await hello(channel, conversation)
            }
            if let username = settings.username {
                try await authenticate(
                    username: username, password: settings.password ?? "", capabilities: capabilities, channel,
                    conversation)
            }
            try await command("MAIL FROM:<\(Self.address(in: message.from))>", channel, conversation, expecting: 250)
            try await command("RCPT TO:<\(Self.address(in: message.to))>", channel, conversation, expecting: 250, 251)
            try await command("DATA", channel, conversation, expecting: 354)
            try await write(Self.dotStuffed(message.rendered(date: date)) + ".\r\n", channel)
            try await expect(conversation.next(on: channel, timeout: timeout), 250)
            try? await write("QUIT\r\n", channel)
        } catch let failure as SMTPFailure {
            throw failure
        } catch {
            throw SMTPFailure.temporary("the connection failed mid-conversation (\(error))")
        }
    }

    private func hello(_ channel: any Channel, _ conversation: SMTPConversation) async throws -> [String] {
        try await write("EHLO \(settings.heloName)\r\n", channel)
        let reply = try await conversation.next(on: channel, timeout: timeout)
        try expect(reply, 250)
        return Array(reply.lines.dropFirst())
    }

    private func authenticate(
        username: String, password: String, capabilities: [String], _ channel: any Channel,
        _ conversation: SMTPConversation
    ) async throws {
        let mechanisms =
            capabilities.first { $0.uppercased().hasPrefix("AUTH") }.map {
                Set($0.uppercased().split(whereSeparator: { $0 == " " || $0 == "=" }).dropFirst().map(String.init))
            } ?? []
        if mechanisms.contains("PLAIN") || !mechanisms.contains("LOGIN") {
            let token = Data("\u{0}\(username)\u{0}\(password)".utf8).base64EncodedString()
            try await command("AUTH PLAIN \(token)", channel, conversation, expecting: 235, hidden: true)
        } else {
            try await command("AUTH LOGIN", channel, conversation, expecting: 334)
            try await command(
                Data(username.utf8).base64EncodedString(), channel, conversation, expecting: 334, hidden: true)
            try await command(
                Data(password.utf8).base64EncodedString(), channel, conversation, expecting: 235, hidden: true)
        }
    }

    private func command(
        _ line: String, _ channel: any Channel, _ conversation: SMTPConversation, expecting codes: Int...,
        hidden: Bool = false
    ) async throws {
        try await write(line + "\r\n", channel)
        let reply = try await conversation.next(on: channel, timeout: timeout)
        guard codes.contains(reply.code) else { throw Self.failure(reply, after: hidden ? "AUTH" : line) }
    }

    private func expect(_ reply: SMTPReply, _ code: Int) throws {
        guard reply.code == code else { throw Self.failure(reply, after: nil) }
    }

    private func write(_ text: String, _ channel: any Channel) async throws {
        try await channel.writeAndFlush(channel.allocator.buffer(string: text)).get()
    }

    private func makeTLSContext() throws -> NIOSSLContext {
        var configuration = TLSConfiguration.makeClientConfiguration()
        if let caFile = settings.caFile { configuration.trustRoots = .file(caFile) }
        if !settings.verifyCertificates { configuration.certificateVerification = .none }
        return try NIOSSLContext(configuration: configuration)
    }

    static func failure(_ reply: SMTPReply, after command: String?) -> SMTPFailure {
        let text =
            "\(reply.code) \(reply.lines.joined(separator: " "))"
            + (command.map { " (after \($0.split(separator: " ").first ?? ""))" } ?? "")
        return (500..<600).contains(reply.code) ? .permanent(text) : .temporary(text)
    }

    /// `Sales Team <team@example.com>` → `team@example.com`.
    static func address(in header: String) -> String {
        guard let open = header.lastIndex(of: "<"), let close = header.lastIndex(of: ">"), open < close else {
            return header.trimmingCharacters(in: .whitespaces)
        }
        return String(header[header.index(after: open)..<close])
    }

    /// RFC 5321 §4.5.2: a line that starts with a dot gets another, so it cannot end the data.
    static func dotStuffed(_ text: String) -> String {
        text.components(separatedBy: "\r\n").map { $0.hasPrefix(".") ? "." + $0 : $0 }.joined(separator: "\r\n")
    }

    static func isAddressLiteral(_ host: String) -> Bool {
        host.contains(":") || host.split(separator: ".").allSatisfy { Int($0) != nil }
    }
}

/// A server reply: the three-digit code and the text of each line.
struct SMTPReply: Sendable, Equatable {
    let code: Int
    let lines: [String]
}

/// Splits the byte stream into replies; a reply's lines but the last have a dash after the code.
struct SMTPReplyDecoder: ByteToMessageDecoder {
    typealias InboundOut = SMTPReply
    private var lines: [String] = []

    mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        guard let newline = buffer.readableBytesView.firstIndex(of: UInt8(ascii: "\n")) else { return .needMoreData }
        let length = newline - buffer.readerIndex + 1
        var line = buffer.readString(length: length) ?? ""
        while line.last == "\n" || line.last == "\r" { line.removeLast() }
        guard line.count >= 3, let code = Int(line.prefix(3)) else {
            throw SMTPFailure.temporary("unreadable reply \(line.prefix(80))")
        }
        let continued = line.count > 3 && line[line.index(line.startIndex, offsetBy: 3)] == "-"
        lines.append(line.count > 4 ? String(line.dropFirst(4)) : "")
        if !continued {
            context.fireChannelRead(wrapInboundOut(SMTPReply(code: code, lines: lines)))
            lines = []
        }
        return .continue
    }
}

/// Hands replies to whoever waits for the next one; a reply that arrives first (the greeting)
/// waits for its reader. Touched only on the channel's event loop.
final class SMTPConversation: ChannelInboundHandler, @unchecked Sendable {
    typealias InboundIn = SMTPReply

    private var replies: [SMTPReply] = []
    private var waiting: [EventLoopPromise<SMTPReply>] = []
    private var closedError: (any Error)?

    func next(on channel: any Channel, timeout: TimeAmount) async throws -> SMTPReply {
        let loop = channel.eventLoop
        let promise = loop.makePromise(of: SMTPReply.self)
        loop.execute {
            if !self.replies.isEmpty {
                promise.succeed(self.replies.removeFirst())
            } else if let error = self.closedError {
                promise.fail(error)
            } else {
                self.waiting.append(promise)
                let deadline = loop.scheduleTask(in: timeout) {
                    self.waiting.removeAll { $0.futureResult === promise.futureResult }
                    promise.fail(SMTPFailure.temporary("no answer from the mail server in time"))
                }
                promise.futureResult.whenComplete { _ in deadline.cancel() }
            }
        }
        return try await promise.futureResult.get()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let reply = unwrapInboundIn(data)
        if waiting.isEmpty { replies.append(reply) } else { waiting.removeFirst().succeed(reply) }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        fail(SMTPFailure.temporary("\(error)"))
        context.close(promise: nil)
    }

    func channelInactive(context: ChannelHandlerContext) {
        fail(SMTPFailure.temporary("the mail server closed the connection"))
        context.fireChannelInactive()
    }

    private func fail(_ error: any Error) {
        closedError = closedError ?? error
        let pending = waiting
        waiting = []
        for promise in pending { promise.fail(error) }
    }
}
