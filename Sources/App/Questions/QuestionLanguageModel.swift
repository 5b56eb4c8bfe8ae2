import Foundation
import SalesPulseCore
import Vapor

/// A question the parser could not read, sent to the configured language model with the
/// structured query's schema. Only a reply that reads as a valid structured query is used;
/// anything else (prose, unknown parts, values outside the vocabularies, an error or a
/// time-out) leaves the question unread.
struct QuestionLanguageModel: Sendable {
    let settings: LanguageModelSettings
    let client: any Client
    let logger: Logger

    func read(_ text: String, today: CalendarDay) async -> ParsedQuestion? {
        do {
            let reply = try await settings.complete(
                system: Self.instructions(today: today), user: text, client: client)
            guard let data = Self.jsonObject(in: reply).data(using: .utf8),
                let object = try JSONSerialization.jsonObject(with: data) as? [String: Any]
            else {
                logger.notice("A question's reading by the language model was not a JSON object; not used.")
                return nil
            }
            return try ParsedQuestion(json: object)
        } catch let invalid as ParsedQuestion.Invalid {
            logger.notice(
                "A question's reading by the language model was refused: \(invalid.field): \(invalid.message)")
            return nil
        } catch {
            logger.warning("The language model could not read a question: \(error)")
            return nil
        }
    }

    /// The object in a reply that may wrap it in a code fence or a sentence.
    static func jsonObject(in reply: String) -> String {
        guard let open = reply.firstIndex(of: "{"), let close = reply.lastIndex(of: "}"), open < close else {
            return reply
        }
        return String(reply[open...close])
    }

    static func instructions(today: CalendarDay) -> String {
        func list(_ values: [String]) -> String { values.joined(separator: ", ") }
        return """
            You turn a sales person's question about their CRM into one JSON object and nothing else. \
            Today is \(today.text). Keys (leave out what the question does not say):
            "records": one of \(list(ParsedQuestion.Subject.allCases.map(\.rawValue))) (opportunities are deals);
            "answer": one of \(list(ParsedQuestion.answerKinds));
            "groupBy" (with answer grouped or top): one of \(list(ParsedQuestion.Grouping.allCases.map(\.rawValue)));
            "top": how many groups, 1 to 1000;
            "owner": "me" or a person's name; "team", "region", "account", "product", "category": names as written;
            "states": a list, for leads of \(list(ParsedQuestion.states(of: .leads))), for opportunities of \
            \(list(ParsedQuestion.states(of: .opportunities))), for tasks of \(list(ParsedQuestion.states(of: .tasks)));
            "activityType": one of \(list(ActivityType.allCases.map(\.rawValue)));
            "priority": one of \(list(TaskPriority.allCases.map(\.rawValue)));
            "source": one of \(list(LeadSource.allCases.map(\.rawValue)));
            "amountFrom", "amountTo": numbers; "scoreFrom": 0 to 100; "limit": 1 to 100;
            "period" and "comparedWith": {"from": "YYYY-MM-DD", "to": "YYYY-MM-DD", "words": "how the question said it"};
            "byCloseDate": true when the period is about when deals close; "stalled": true for deals with no \
            recent activity; "snoozed": true for snoozed leads.
            Example: "biggest deals Anna is working on" → {"records": "opportunities", "owner": "Anna", \
            "states": ["prospecting", "qualification", "proposal", "negotiation"], "limit": 5}
            """
    }
}
