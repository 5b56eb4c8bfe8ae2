import Foundation
import SalesPulseCore
import Vapor

/// POST /api/v1/questions: a question in words answered from the record lists within the
/// caller's permissions, with what was understood and the list that shows the same rows.
struct QuestionsAPIController: RouteCollection {
    struct Body: Content, StrictBody {
        var text: String?
        enum CodingKeys: String, CodingKey, CaseIterable { case text }
    }

    static let longest = 300

    func boot(routes: any RoutesBuilder) throws {
        routes.post("questions", use: ask)
    }

    @Sendable func ask(req: Request) async throws -> Response {
        let text = (try req.decodeStrict(Body.self).body.text ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard (1...Self.longest).contains(text.count) else {
            throw DomainError.invalid(field: "text", "Ask a question of up to \(Self.longest) characters.")
        }
        let answer = try await req.questionAnswerer().answer(text)
        try await AskedQuestions(db: req.db, userID: try req.requireUser().requireID()).remember(text)
        return try RecordJSON.response(answer.json)
    }
}

extension Request {
    func questionAnswerer() async throws -> QuestionAnswerer {
        QuestionAnswerer(db: db, actor: try await actor(), now: now)
    }
}
