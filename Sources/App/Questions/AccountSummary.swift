import Documents
import Foundation
import SalesPulseCore

/// "summary of account Acme": the account's contacts, open deals, what it bought, its last
/// activities and open tasks, each counted by the lists that open them.
struct AccountSummary: Sendable {
    let answerer: QuestionAnswerer

    func answer(_ text: String, account: QuestionNames.Match) async throws -> QuestionAnswer {
        let id = account.id.uuidString
        func summary(
            _ path: String, _ parameters: [String: String], summing column: String? = nil
        ) async throws
            -> (count: Int, sum: Double, link: String)
        {
            let spec = RecordCatalog.all.first { $0.path == path }!
            let query = try RecordListQuery(spec: spec, parameters: parameters)
            let result = try await RecordLister(spec: spec, db: answerer.db).summary(
                query, actor: answerer.actor, now: answerer.now, summing: column)
            let link = "/\(path)?" + parameters.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }.queryString
            return (result.count, Double(result.sum ?? 0) / 100, link)
        }
        let open = KPIQueries.openStages.joined(separator: ",")
        let contacts = try await summary("contacts", ["accountId": id])
        let deals = try await summary("opportunities", ["accountId": id, "stage": open], summing: "amount")
        let sales = try await summary("sales", ["accountId": id], summing: "amount")
        let tasks = try await summary("tasks", ["accountId": id, "status": "open"])
        let money = ValueFormat.money
        var answer = QuestionAnswer(
            question: text,
            sentence:
                "\(account.name): \(count(contacts.count, "contact")), \(count(deals.count, "open deal")) worth \(money.whole(deals.sum)), \(money.whole(sales.sum)) bought over \(count(sales.count, "sale")), \(count(tasks.count, "open task"))."
        )
        answer.understood = [("Account", account.name), ("Answer", "summary")]
        answer.link = "/accounts/\(id)"
        answer.groups = [
            QuestionAnswer.Group(
                key: "contacts", label: "Contacts", count: contacts.count, value: nil, href: contacts.link),
            QuestionAnswer.Group(
                key: "deals", label: "Open deals", count: deals.count, value: deals.sum, href: deals.link),
            QuestionAnswer.Group(key: "sales", label: "Sales", count: sales.count, value: sales.sum, href: sales.link),
            QuestionAnswer.Group(key: "tasks", label: "Open tasks", count: tasks.count, value: nil, href: tasks.link),
        ]
        let activities = RecordCatalog.all.first { $0.path == "activities" }!
        let recent = try RecordListQuery(
            spec: activities, parameters: ["accountId": id, "sort": "-occurredAt", "limit": "5"])
        answer.items = try await RecordLister(spec: activities, db: answerer.db).page(
            recent, actor: answerer.actor, now: answerer.now
        ).items.map { QuestionAnswerer.item($0, spec: activities, moneyField: nil) }
        return answer
    }

    private func count(_ value: Int, _ noun: String) -> String {
        "\(value) \(value == 1 ? noun : QuestionAnswerer.plural(noun))"
    }
}
