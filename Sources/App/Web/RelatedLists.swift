import Foundation
import SalesPulseCore
import SQLKit

/// The records a record page lists beside it: an account's contacts, deals and sales, a
/// contact's deals, a deal's sale. Each list holds only rows the viewer may see, with a count
/// and an "add" link that starts the new record already linked.
struct RelatedList: Encodable {
    struct Item: Encodable {
        let text: String
        let href: String
        let detail: String
        let badge: Badge?
    }

    let title: String
    let count: Int
    let items: [Item]
    let moreHref: String
    let addHref: String?
    let addLabel: String
    let hasMore: Bool

    /// What each page type lists, described once.
    struct Definition {
        let title: String
        let spec: RecordSpec
        /// The field of the listed rows that points at the page's record.
        let link: String
        var conditions: [RecordListQuery.Condition] = []
        var filter: [String: String] = [:]
        var sort = "-createdAt"
        var addLabel: String?
    }

    static func definitions(for path: String) -> [Definition] {
        let open = OpportunityStage.allCases.filter { !$0.isClosed }.map(\.rawValue)
        let closed = OpportunityStage.allCases.filter(\.isClosed).map(\.rawValue)
        switch path {
        case "accounts":
            return [
                Definition(
                    title: "Contacts", spec: .contacts, link: "accountId", sort: "name", addLabel: "Add contact"),
                Definition(
                    title: "Open deals", spec: .opportunities, link: "accountId",
                    conditions: [.equals(column: "stage", values: open.map(FieldValue.text))],
                    filter: ["stage": open.joined(separator: ",")],
                    addLabel: "Add deal"),
                Definition(
                    title: "Won and lost deals", spec: .opportunities, link: "accountId",
                    conditions: [.equals(column: "stage", values: closed.map(FieldValue.text))],
                    filter: ["stage": closed.joined(separator: ",")]),
                Definition(title: "Sales", spec: .sales, link: "accountId", sort: "-soldOn"),
            ]
        case "contacts":
            return [Definition(title: "Deals", spec: .opportunities, link: "primaryContactId", addLabel: "Add deal")]
        case "opportunities":
            return [Definition(title: "Sale", spec: .sales, link: "opportunityId", sort: "-soldOn")]
        default:
            return []
        }
    }
}

extension RelatedRecords {
    /// The page's related lists, ten rows each, counted in full.
    func lists(for spec: RecordSpec, record: Record) async throws -> [RelatedList] {
        var lists: [RelatedList] = []
        for definition in RelatedList.definitions(for: spec.path) {
            let column = definition.spec.field(definition.link)!.column
            var query = try RecordListQuery(
                spec: definition.spec, sort: definition.sort, limit: 10,
                conditions: [.equals(column: column, values: [.uuid(record.id)])] + definition.conditions)
            query.includeSnoozed = true
            let lister = RecordLister(spec: definition.spec, db: db)
            let rows = try await lister.page(query, actor: actor).items
            let count = try await lister.count(query, actor: actor)
            let filter = definition.filter.merging([definition.link: record.id.uuidString]) { $1 }
            let mayAdd =
                definition.addLabel != nil && AccessPolicy.decide(actor, .create, definition.spec.policy) == .allowed
            lists.append(
                RelatedList(
                    title: definition.title, count: count, items: rows.map { item($0, spec: definition.spec) },
                    moreHref: URLQuery.path("/\(definition.spec.path)", filter),
                    addHref: mayAdd
                        ? URLQuery.path("/\(definition.spec.path)/new", [definition.link: record.id.uuidString]) : nil,
                    addLabel: definition.addLabel ?? "", hasMore: count > rows.count))
        }
        return lists
    }

    private func item(_ row: Record, spec: RecordSpec) -> RelatedList.Item {
        let href = "/\(spec.path)/\(row.id)"
        switch spec.path {
        case "opportunities":
            let stage = row[.stage].text ?? ""
            return .init(
                text: row[.name].text ?? "—", href: href, detail: RecordDisplay.money(row[.amount].int ?? 0),
                badge: Badge(text: FieldLabel.value(stage), tone: Badge.tone(ofChoice: stage)))
        case "sales":
            return .init(
                text: "Sale of \(row[.soldOn].text ?? "")", href: href,
                detail: RecordDisplay.money(row[.amount].int ?? 0), badge: nil)
        default:
            return .init(
                text: row[.name].text ?? "—", href: href,
                detail: [row[.title].text, row[.email].text].compactMap { $0 }.joined(separator: " · "),
                badge: row[.isPrimary].bool == true ? Badge(text: "Primary", tone: "tone-qualified") : nil)
        }
    }
}
