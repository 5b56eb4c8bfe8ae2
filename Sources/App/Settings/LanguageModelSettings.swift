import Foundation
import NIOCore
import Vapor

/// Where an OpenAI-compatible chat-completions API is (`LLM_BASE_URL`, `LLM_API_KEY`,
/// `LLM_MODEL`), and the one call made to it: instructions and a text in, the reply out.
struct LanguageModelSettings: Sendable {
    let baseURL: String
    let apiKey: String?
    let model: String
    var timeout: TimeAmount = .seconds(20)

    func complete(system: String, user: String, client: any Client) async throws -> String {
        struct Message: Codable { let role: String; let content: String }
        struct Body: Encodable {
            let model: String
            let messages: [Message]
            let temperature: Double
        }
        struct Answer: Decodable {
            struct Choice: Decodable { let message: Message }
            let choices: [Choice]
        }
        let base = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        var headers: HTTPHeaders = ["Content-Type": "application/json"]
        if let apiKey { headers.add(name: .authorization, value: "Bearer \(apiKey)") }
        let response = try await client.post(URI(string: base + "/chat/completions"), headers: headers) { request in
            request.timeout = timeout
            try request.content.encode(
                Body(
                    model: model,
                    messages: [Message(role: "system", content: system), Message(role: "user", content: user)],
                    temperature: 0), as: .json)
        }
        guard response.status == .ok else {
            throw Abort(.badGateway, reason: "The language model answered \(response.status.code).")
        }
        guard let content = try response.content.decode(Answer.self).choices.first?.message.content else {
            throw Abort(.badGateway, reason: "The language model gave no answer.")
        }
        return content
    }
}
