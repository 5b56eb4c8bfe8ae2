import Foundation
import SalesPulseCore
import SQLKit

/// The filters a list carries, as removable chips in words ("Region: North ×"): a drill-down
/// from a dashboard says what it shows, and each filter can be dropped on its own.
struct FilterChip: Encodable {
    let label: String
    let value: String
    let removeHref: String

    /// Parameters that are about the page, not which rows it holds.
    static let notFilters: Set<String> = ["cursor", "sort", "snoozed", "message", "saved"]

    static func of(
        _ parameters: [String: String], spec: RecordSpec, display: RecordDisplay, db: any SQLDatabase,
        removing href: ([String: String?]) -> String
    ) async throws -> [FilterChip] {
        let related: [String: SeriesQuery.Grouping] = [
            "regionId": .region, "segmentId": .segment, "productCategoryId": .productCategory,
            "productId": .product, "team": .team,
        ]
        var chips: [FilterChip] = []
        for (name, raw) in parameters.sorted(by: { $0.key < $1.key }) where !notFilters.contains(name) {
            let label: String, value: String
            if name == "q" {
                (label, value) = ("Search", raw)
            } else if let grouping = related[name] {
                label = name == "team" ? "Team" : FieldLabel.of(name)
                value =
                    try await DimensionLabels.load(grouping, keys: [raw], db: db)[
                        UUID(uuidString: raw)?.uuidString ?? raw] ?? raw
            } else if let outcome = [
                "importCreated": "Created by the import", "importUpdated": "Updated by the import",
            ][name] {
                label = outcome
                var fileName: String?
                if let id = UUID(uuidString: raw) { fileName = try await ImportStore(sql: db).find(id)?.fileName }
                value = fileName ?? raw
            } else if name == "stalled" {
                guard (try? QueryFlag.parse(raw, field: name)) == true else { continue }
                (label, value) = ("Stalled", "no change or activity for \(KPIQueries.stalledAfterDays) days")
            } else if name == "source" && spec.field("source") == nil {
                (label, value) = ("Lead source", LeadSourceAdvice.label(raw))
            } else {
                let (fieldName, bound) = Self.split(name)
                guard
                    let field = spec.field(fieldName)
                        ?? (fieldName == "created" ? FieldSpec("created", .instant, column: "created_at") : nil)
                else { continue }
                label = FieldLabel.of(fieldName)
                value =
                    (bound.map { "\($0) " } ?? "")
                    + raw.split(separator: ",").map { part -> String in
                        let text = String(part)
                        switch field.kind {
                        case .choice: return FieldLabel.value(text)
                        case .reference: return UUID(uuidString: text).map { display.text(field, .uuid($0)) } ?? text
                        case .money:
                            return Double(text).map { RecordDisplay.money(Int64(($0 * 100).rounded())) } ?? text
                        default: return text
                        }
                    }.joined(separator: " or ")
            }
            chips.append(FilterChip(label: label, value: value, removeHref: href([name: nil])))
        }
        return chips
    }

    /// "amountFrom" → ("amount", "from").
    private static func split(_ name: String) -> (String, String?) {
        for suffix in ["From", "To"] where name.hasSuffix(suffix) && name.count > suffix.count {
            return (String(name.dropLast(suffix.count)), suffix.lowercased())
        }
        return (name, nil)
    }
}
