import Foundation
import SalesPulseCore
import SQLKit

/// Names for the ids a series groups by: regions, segments, people, teams, products.
enum DimensionLabels {
    static func load(_ grouping: SeriesQuery.Grouping, keys: [String], db: any SQLDatabase) async throws -> [String: String] {
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
        for row in try await db.raw("SELECT \(ident: "id"), \(ident: "name") FROM \(ident: table) WHERE \(ident: "id") IN (\(binds: ids))").all() {
            labels[try row.decode(column: "id", as: UUID.self).uuidString] = try row.decode(column: "name", as: String.self)
        }
        return labels
    }
}
