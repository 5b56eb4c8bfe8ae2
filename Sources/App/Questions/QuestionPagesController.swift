import Documents
import Foundation
import SalesPulseCore
import Vapor

/// /ask: a question in words, what was understood, the answer and the list behind it.
struct QuestionPagesController: RouteCollection {
    struct Chip: Encodable { let name: String; let value: String }
    struct Item: Encodable { let title: String; let detail: String; let href: String }
    struct Group: Encodable { let label: String; let count: Int; let value: String; let href: String }
    struct Suggestion: Encodable { let text: String; let href: String }
    struct Page: Encodable {
        let title: String
        let problem: String?
        let readByLanguageModel: Bool
        /// The structured question the chips edit, as JSON.
        let query: String?
        let chips: [QuestionChips.Chip]
        let recordChoices: [QuestionChips.Choice]
        let answerChoices: [QuestionChips.Choice]
        let timeChoices: [QuestionChips.Choice]
        let nav: Navigation
        let question: String
        let asked: Bool
        let sentence: String
        let understood: [Chip]
        let items: [Item]
        let groups: [Group]
        let chart: String?
        let groupTitle: String
        let link: String?
        let suggestions: [Suggestion]
        let examples: [Suggestion]
        let recent: [Suggestion]
        /// What the box offers as you type: your recent questions, then examples.
        let ideas: [String]
    }

    func boot(routes: any RoutesBuilder) throws {
        routes.get("ask", use: page)
        routes.get("ask", "ideas", use: ideas)
    }

    @Sendable func page(req: Request) async throws -> View {
        var text = String(
            (req.query[String.self, at: "q"] ?? "").trimmingCharacters(in: .whitespaces)
                .prefix(QuestionsAPIController.longest))
        var answer: QuestionAnswer?
        var problem: String?
        if let structured = req.query[String.self, at: "query"], !structured.isEmpty {
            do {
                let question = QuestionChips.edited(
                    try Self.question(structured), records: req.query[String.self, at: "records"],
                    answer: req.query[String.self, at: "show"], time: req.query[String.self, at: "when"],
                    drop: req.query[String.self, at: "drop"], today: CalendarDay(containing: req.now))
                text = question.phrase
                answer = try await req.questionAnswerer().answer(question, text: text)
            } catch let error as DomainError {
                problem = "That question could not be changed: \(error.reason)"
            }
        } else if !text.isEmpty {
            answer = try await req.questionAnswerer().answer(text)
        }
        let history = AskedQuestions(db: req.db, userID: try req.requireUser().requireID())
        if !text.isEmpty { try await history.remember(text) }
        let recent = try await history.recent()
        let query = answer?.query
        let chips = query.map(QuestionChips.init)
        func suggestion(_ text: String) -> Suggestion {
            Suggestion(text: text, href: URLQuery.path("/ask", ["q": text]))
        }
        return try await req.view.render(
            "ask",
            Page(
                title: "Ask", problem: problem, readByLanguageModel: answer?.readByLanguageModel ?? false,
                query: try query.map(Self.text), chips: chips?.chips ?? [], recordChoices: chips?.recordChoices ?? [],
                answerChoices: chips?.answerChoices ?? [], timeChoices: chips?.timeChoices ?? [],
                nav: try req.navigation(), question: text, asked: answer != nil || problem != nil,
                sentence: answer?.sentence ?? "",
                understood: (answer?.understood ?? []).map { Chip(name: $0.0, value: $0.1) },
                items: (answer?.items ?? []).map { Item(title: $0.title, detail: $0.detail, href: $0.href) },
                groups: (answer?.groups ?? []).map { group in
                    Group(
                        label: group.label, count: group.count,
                        value: group.value.map { ValueFormat.money.whole($0) } ?? "", href: group.href)
                },
                chart: answer?.chart.map { SVGWriter.svg($0) },
                groupTitle: answer?.groupTitle.flatMap { $0.components(separatedBy: " by ").last?.capitalized }
                    ?? "Group",
                link: answer?.link,
                suggestions: (answer?.suggestions ?? []).map(suggestion),
                examples: QuestionAnswerer.examples.prefix(8).map(suggestion),
                recent: recent.filter { $0 != text }.map(suggestion),
                ideas: Self.ideas(recent: recent)))
    }

    /// What the question box in every page's header offers as you type: your recent questions,
    /// then examples.
    @Sendable func ideas(req: Request) async throws -> Response {
        let recent = try await AskedQuestions(db: req.db, userID: try req.requireUser().requireID()).recent()
        return try RecordJSON.response(["ideas": Self.ideas(recent: recent)])
    }

    static func ideas(recent: [String]) -> [String] {
        Array(NSOrderedSet(array: recent + QuestionAnswerer.examples).array as? [String] ?? [])
    }

    static func text(_ question: ParsedQuestion) throws -> String {
        String(
            decoding: try JSONSerialization.data(withJSONObject: question.json, options: [.sortedKeys]), as: UTF8.self)
    }

    static func question(_ text: String) throws -> ParsedQuestion {
        guard let data = text.data(using: .utf8),
            let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
        else { throw DomainError.invalid(field: "query", "Not a question this page gave.") }
        return try ParsedQuestion.reading(object)
    }
}
