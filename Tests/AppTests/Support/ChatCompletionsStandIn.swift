import Foundation
import NIOConcurrencyHelpers
import Vapor

/// A small OpenAI-compatible chat-completions server on 127.0.0.1: it answers
/// `POST /v1/chat/completions` with what `reply` makes of the user's message (nil: a 500),
/// and keeps each request's model and bearer token.
final class ChatCompletionsStandIn: Sendable {
    struct Asked: Sendable {
        let model: String
        let authorization: String?
        let system: String
        let user: String
    }

    let app: Application
    private let asked = NIOLockedValueBox<[Asked]>([])

    init(reply: @escaping @Sendable (String) -> String?) async throws {
        app = try await Application.make(.testing)
        app.post("v1", "chat", "completions") { [asked] req -> Response in
            struct Message: Content { let role: String; let content: String }
            struct Body: Content { let model: String; let messages: [Message] }
            let body = try req.content.decode(Body.self)
            let system = body.messages.first { $0.role == "system" }?.content ?? ""
            let user = body.messages.last { $0.role == "user" }?.content ?? ""
            asked.withLockedValue {
                $0.append(
                    Asked(
                        model: body.model, authorization: req.headers.first(name: .authorization), system: system,
                        user: user))
            }
            guard let content = reply(user) else {
                return Response(status: .internalServerError, body: .init(string: #"{"error":{"message":"down"}}"#))
            }
            let answer: [String: Any] = [
                "id": "chatcmpl-1", "object": "chat.completion", "created": 0, "model": body.model,
                "choices": [
                    ["index": 0, "message": ["role": "assistant", "content": content], "finish_reason": "stop"]
                ],
            ]
            var headers = HTTPHeaders()
            headers.contentType = .json
            return Response(
                status: .ok, headers: headers, body: .init(data: try JSONSerialization.data(withJSONObject: answer)))
        }
        try await app.server.start(address: .hostname("127.0.0.1", port: 0))
    }

    var baseURL: String { "http://127.0.0.1:\(app.http.server.shared.localAddress?.port ?? 0)/v1" }
    var received: [Asked] { asked.withLockedValue { $0 } }

    func stop() async throws {
        await app.server.shutdown()
        try await app.asyncShutdown()
    }
}
