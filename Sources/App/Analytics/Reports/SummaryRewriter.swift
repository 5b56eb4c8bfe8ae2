import Foundation
import NIOCore
import SalesPulseCore
import Vapor

/// Where an OpenAI-compatible chat-completions API is (`LLM_BASE_URL`, `LLM_API_KEY`,
/// `LLM_MODEL`).
struct LanguageModelSettings: Sendable {
    let baseURL: String
    let apiKey: String?
    let model: String
    var timeout: TimeAmount = .seconds(20)
}

extension SalesReport {
    static let rewordingInstructions = """
        You edit the summary of a company's sales report for its managers. Reword it into clear, \
        friendly business English. Keep every number exactly as written, each as often as it \
        appears, and every name of a person, region, product or source; add no number, name or \
        fact. Answer with the summary only, paragraphs separated by a blank line.
        """

    /// The summary reworded by the configured language model when the rewrite keeps every
    /// number and name; otherwise, and on any error or time-out, the report as it was.
    func reworded(settings: LanguageModelSettings?, client: any Client, logger: Logger) async -> SalesReport {
        guard let settings, !summary.isEmpty else { return self }
        let original = summary.joined(separator: "\n\n")
        do {
            let text = try await Self.complete(original, settings: settings, client: client)
            let names = movements.flatMap { $0.rows.map(\.label) } + [scopeText]
            guard ProseCheck.keepsFacts(original: original, rewrite: text, names: names) else {
                logger.notice("Report summary rewrite discarded: it changed a number or a name.")
                return self
            }
            var copy = self
            copy.summary = text.components(separatedBy: "\n\n").map {
                $0.trimmingCharacters(in: .whitespacesAndNewlines)
            }.filter { !$0.isEmpty }
            copy.summaryAuthor = .languageModel
            return copy
        } catch {
            logger.warning("Report summary rewrite failed, the written summary is kept: \(error)")
            return self
        }
    }

    private static func complete(
        _ text: String, settings: LanguageModelSettings, client: any Client
    ) async throws -> String {
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
        let base = settings.baseURL.hasSuffix("/") ? String(settings.baseURL.dropLast()) : settings.baseURL
        var headers: HTTPHeaders = ["Content-Type": "application/json"]
        if let key = settings.apiKey { headers.add(name: .authorization, value: "Bearer \(key)") }
        let response = try await client.post(URI(string: base + "/chat/completions"), headers: headers) { request in
            request.timeout = settings.timeout
            try request.content.encode(
                Body(
                    model: settings.model,
                    messages: [
                        Message(role: "system", content: rewordingInstructions), Message(role: "user", content: text),
                    ], temperature: 0), as: .json)
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
