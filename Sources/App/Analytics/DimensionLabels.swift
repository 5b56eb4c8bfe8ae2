import Foundation
import SalesPulseCore
import SQLKit

/// Names for the ids a series groups by: regions, segments, people, teams, products.
enum DimensionLabels {
    static func load(
        _ grouping: SeriesQuery.Grouping, keys: [String], db: any SQLDatabase
    ) async throws -> [String: String] {
        let table: String
        switch grouping {
        case .region: table = "regions"
        case .segment: table = "segments"
        case .rep: table = "users"
        case .team: table = "teams"
        case .product: table = "products"
        case .productCategory: table = "product_categories"
        case .stage, .source:
            return Dictionary(uniqueKeysWithValues: keys.map { ($0, LeadSourceAdvice.label($0)) })
        default:
            return [:]
        }
        let ids = Set(keys).compactMap(UUID.init(uuidString:))
        guard !ids.isEmpty else { return [:] }
        var labels: [String: String] = [:]
        for row in try await db.raw(
            "SELECT \(ident: "id"), \(ident: "name") FROM \(ident: table) WHERE \(ident: "id") IN (\(binds: ids))"
        ).all() {
            labels[try row.decode(column: "id", as: UUID.self).uuidString] = try row.decode(
                column: "name", as: String.self)
        }
        return labels
    }

    /// Product points summed into their categories (products without one under "").
    static func categories(of products: [SeriesQuery.Point], db: any SQLDatabase) async throws -> [SeriesQuery.Point] {
        var categoryOfProduct: [String: String] = [:]
        for row in try await db.raw(
            "SELECT CAST(\(ident: "id") AS TEXT) AS \(ident: "id"), CAST(\(ident: "category_id") AS TEXT) AS \(ident: "category") FROM \(ident: "products")"
        ).all() {
            let product = try row.decode(column: "id", as: String.self),
                category = try row.decode(column: "category", as: String?.self)
            categoryOfProduct[UUID(uuidString: product)?.uuidString ?? product] =
                category.flatMap { UUID(uuidString: $0)?.uuidString } ?? ""
        }
        var totals: [String: Double] = [:]
        for point in products { totals[categoryOfProduct[point.key] ?? "", default: 0] += point.value }
        let labels = try await load(.productCategory, keys: totals.keys.filter { !$0.isEmpty }, db: db)
        return totals.map { SeriesQuery.Point(key: $0.key, label: labels[$0.key] ?? "(none)", value: $0.value) }
            .sorted { $0.value != $1.value ? $0.value > $1.value : $0.label < $1.label }
    }
}
