import Crypto
import Foundation
import SalesPulseCore
import Vapor

/// Where platforms deliver messages: `POST /intake/{telegram|whatsapp|calls|leadads|json}/{key}`.
/// Each delivery proves where it came from before anything is written: Telegram's secret-token
/// header, Meta's X-Hub-Signature-256 over the body with the app secret (WhatsApp, lead ads),
/// and the same kind of signature with the channel's secret from call tracking and other
/// services (which may send the secret itself as X-Intake-Token when they cannot sign). A
/// delivery that cannot be read, or whose lead ads cannot be fetched, is kept in the log to be
/// sent again.
struct ChannelWebhookController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let intake = routes.grouped("intake")
        for channel in IntakeForms.Channel.allCases where channel != .form {
            intake.on(.POST, PathComponent(stringLiteral: channel.rawValue), ":key", body: .collect(maxSize: "256kb")) {
                req in
                try await receive(channel, req)
            }
        }
        for channel in IntakeForms.Channel.allCases where channel.signedWithAppSecret {
            intake.get(PathComponent(stringLiteral: channel.rawValue), ":key") { req in try await verify(channel, req) }
        }
    }

    func receive(_ channel: IntakeForms.Channel, _ req: Request) async throws -> Response {
        let form = try await Self.form(channel, req)
        let body = Data(req.body.data?.readableBytesView ?? ByteBuffer().readableBytesView)
        guard Self.proven(channel, form: form, body: body, headers: req.headers) else {
            throw DomainError.unauthenticated("This delivery is not signed with the channel's secret.")
        }
        guard req.application.intakeLimits.allow(client: "channel", form: form.key, now: req.now) else {
            throw Abort(.tooManyRequests, reason: "Too many deliveries; try again in a minute.")
        }
        let messages: [ChannelMessage]
        do {
            messages = try await ChannelAdapters(app: req.application).messages(form, body: body)
        } catch let error as ChannelPayload.Unreadable {
            try await keep(body, form: form, reason: "could not be read: \(error.description)", req)
            throw DomainError.badRequest("The delivery could not be read: \(error.description). It is kept in the log.")
        } catch let error as ChannelAdapters.NotFetched {
            // Accepted, so the platform does not send it again: it waits in the log instead.
            try await keep(body, form: form, reason: "\(error.description); kept to send again", req)
            return try await ["received": ["kept"]].encodeResponse(status: .accepted, for: req)
        }
        let results = try await IntakeReceiver(app: req.application, db: req.db).receive(
            form, messages: messages, now: req.now)
        return try await ["received": results].encodeResponse(status: .ok, for: req)
    }

    private func keep(_ body: Data, form: IntakeForms.Form, reason: String, _ req: Request) async throws {
        try await req.db.serialWrite { sql in
            try await IntakeLog.write(
                .refused, form: form.id, reason: reason, lead: nil, client: nil,
                payload: String(decoding: body.prefix(65_536), as: UTF8.self), now: req.now, on: sql)
        }
    }

    /// Meta's subscription check: echo the challenge when the verify token is ours.
    func verify(_ channel: IntakeForms.Channel, _ req: Request) async throws -> Response {
        let form = try await Self.form(channel, req)
        guard req.query[String.self, at: "hub.mode"] == "subscribe",
            let token = req.query[String.self, at: "hub.verify_token"],
            let expected = form.verifyToken, SecretToken.constantTimeEquals(token, expected),
            let challenge = req.query[String.self, at: "hub.challenge"]
        else {
            throw DomainError.forbidden("The verify token does not match this channel's.")
        }
        return Response(status: .ok, headers: ["Content-Type": "text/plain"], body: .init(string: challenge))
    }

    static func proven(_ channel: IntakeForms.Channel, form: IntakeForms.Form, body: Data, headers: HTTPHeaders) -> Bool
    {
        guard let secret = form.secret else { return false }
        switch channel {
        case .telegram:
            guard let sent = headers.first(name: "X-Telegram-Bot-Api-Secret-Token") else { return false }
            return SecretToken.constantTimeEquals(sent, secret)
        case .whatsapp, .leadAds, .calls, .json:
            if channel == .json, let token = headers.first(name: "X-Intake-Token") {
                return SecretToken.constantTimeEquals(token, secret)
            }
            let name = channel.signedWithAppSecret ? "X-Hub-Signature-256" : "X-Signature-256"
            guard let sent = headers.first(name: name), sent.hasPrefix("sha256="),
                let signature = Data(hex: String(sent.dropFirst(7)))
            else { return false }
            return HMAC<SHA256>.isValidAuthenticationCode(
                signature, authenticating: body, using: SymmetricKey(data: Data(secret.utf8)))
        case .form:
            return false
        }
    }

    static func signature(_ body: Data, secret: String) -> String {
        "sha256="
            + HMAC<SHA256>.authenticationCode(for: body, using: SymmetricKey(data: Data(secret.utf8))).map {
                String(format: "%02x", $0)
            }.joined()
    }

    private static func form(_ channel: IntakeForms.Channel, _ req: Request) async throws -> IntakeForms.Form {
        guard let key = req.parameters.get("key"), let form = try await IntakeForms(db: req.db).find(key: key),
            form.isActive, form.kind == channel
        else {
            throw DomainError.notFound("This channel is not taking messages.")
        }
        return form
    }
}

extension Data {
    /// Bytes from hex text, or nil when it is not hex.
    init?(hex: String) {
        guard hex.count % 2 == 0 else { return nil }
        var bytes: [UInt8] = []
        var index = hex.startIndex
        while index < hex.endIndex {
            let next = hex.index(index, offsetBy: 2)
            guard let byte = UInt8(hex[index..<next], radix: 16) else { return nil }
            bytes.append(byte)
            index = next
        }
        self.init(bytes)
    }
}
