import Foundation
import SalesPulseCore
import Vapor

/// POST /api/v1/questions: a question in words, or the structured query an answer gave back
/// (edited), answered from the record lists within the caller's permissions, with what was
/// understood and the list that shows the same rows.
struct QuestionsAPIController: RouteCollection {
    static let longest = 300

    func boot(routes: any RoutesBuilder) throws {
        routes.post("questions", use: ask)
    }

    @Sendable func ask(req: Request) async throws -> Response {
        let body = try req.jsonBodyObject()
        if let unknown = body.keys.sorted().first(where: { !["text", "query"].contains($0) }) {
            throw DomainError.invalid(field: unknown, "Unknown field. Allowed: query, text.")
        }
        let answerer = try await req.questionAnswerer()
        let answer: QuestionAnswer
        if let structured = body["query"], !(structured is NSNull) {
            guard body["text"] == nil || body["text"] is NSNull else {
                throw DomainError.invalid(field: "text", "Send either text or query, not both.")
            }
            guard let object = structured as? [String: Any] else {
                throw DomainError.invalid(field: "query", "A question as the query of an earlier answer.")
            }
            let question = try ParsedQuestion.reading(object)
            answer = try await answerer.answer(question, text: question.phrase)
        } else {
            guard body["text"] == nil || body["text"] is String else {
                throw DomainError.invalid(field: "text", "Must be text.")
            }
            let text = (body["text"] as? String ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            guard (1...Self.longest).contains(text.count) else {
                throw DomainError.invalid(field: "text", "Ask a question of up to \(Self.longest) characters.")
            }
            answer = try await answerer.answer(text)
        }
        try await AskedQuestions(db: req.db, userID: try req.requireUser().requireID()).remember(answer.question)
        return try RecordJSON.response(answer.json)
    }
}

extension ParsedQuestion {
    /// The structured query of a request, its errors as field errors under `query`.
    static func reading(_ object: [String: Any]) throws -> ParsedQuestion {
        do {
            return try ParsedQuestion(json: object)
        } catch {
            throw DomainError.invalid(field: "query.\(error.field)", error.message)
        }
    }
}

extension Request {
    func questionAnswerer() async throws -> QuestionAnswerer {
        var answerer = QuestionAnswerer(db: db, actor: try await actor(), now: now)
        answerer.languageModel = application.settings.languageModel.map {
            QuestionLanguageModel(settings: $0, client: client, logger: logger)
        }
        answerer.vocabulary = application.nameVocabulary
        return answerer
    }
}
