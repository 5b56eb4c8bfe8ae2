import Documents
import Fluent
import Foundation
import SalesPulseCore
import SQLKit

/// The answer to a question in words: one sentence, what was understood, the records or
/// groups behind it, and the list that shows the same rows. Or, when the question could not
/// be read or a name fits several, the choices to pick from.
struct QuestionAnswer: Sendable {
    struct Item: Sendable {
        let title: String
        let detail: String
        let href: String
    }

    struct Group: Sendable {
        let key: String
        let label: String
        let count: Int
        let value: Double?
        /// The list of this group's records.
        let href: String
    }

    var question: String
    var sentence: String
    var understood: [(String, String)] = []
    var items: [Item] = []
    var groups: [Group] = []
    var groupTitle: String?
    var value: Double?
    /// The same figure for the period it was compared with.
    var previousValue: Double?
    var link: String?
    /// Questions to try instead (unreadable questions) or to pick from (a name that fits several).
    var suggestions: [String] = []
    /// The question as answered, names spelled as the records have them: what the chips edit.
    var query: ParsedQuestion?
    /// Read by the configured language model because the parser could not.
    var readByLanguageModel = false

    var json: [String: Any] {
        [
            "question": question, "answer": sentence,
            "understood": understood.map { ["name": $0.0, "value": $0.1] },
            "value": value ?? NSNull(), "previousValue": previousValue ?? NSNull(), "link": link ?? NSNull(),
            "items": items.map { ["title": $0.title, "detail": $0.detail, "href": $0.href] },
            "groups": groups.map { group -> [String: Any] in
                [
                    "key": group.key, "label": group.label, "count": group.count, "value": group.value ?? NSNull(),
                    "link": group.href,
                ]
            },
            "suggestions": suggestions, "query": query?.json ?? NSNull(),
            "readBy": readByLanguageModel ? "languageModel" : "parser",
        ]
    }

    var chart: Drawing? {
        guard !groups.isEmpty, let groupTitle else { return nil }
        let money = groups.contains { $0.value != nil }
        return BarChart.draw(
            ChartData(
                title: groupTitle, categories: groups.map(\.label),
                series: [
                    .init(
                        name: money ? "Value" : "Count", values: groups.map { $0.value ?? Double($0.count) },
                        links: groups.map(\.href))
                ],
                format: money ? .money : .count))
    }
}
