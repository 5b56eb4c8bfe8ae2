import Foundation
import SalesPulseCore

extension QuestionAnswerer {
    /// A product or a product category named in the question, as the list's own filter: sales
    /// with a line of the product, sales and deals with a line in the category, the category's
    /// products. The answer to give instead when the records cannot be narrowed that way.
    func narrowToProducts(
        _ question: ParsedQuestion, text: String, filters: inout QuestionListFilters, resolved: inout ParsedQuestion
    ) async throws -> QuestionAnswer? {
        let names = QuestionNames(db: db.sql, actor: actor, vocabulary: vocabulary)
        if let typed = question.product {
            guard case .found(let product) = try await names.product(typed) else {
                return notUnderstood(text, because: "I cannot find a product called \(typed).")
            }
            switch filters.spec.path {
            case "sales": filters.parameters["productId"] = product.id.uuidString
            case "products": filters.parameters["q"] = product.name.lowercased()
            default:
                return notUnderstood(
                    text,
                    because:
                        "\(Self.plural(filters.spec.label).capitalized) cannot be narrowed to a product; try sales of it."
                )
            }
            filters.chips.append(("Product", product.name))
            resolved.product = product.name
        }
        if let typed = question.category {
            guard case .found(let category) = try await names.category(typed) else {
                return notUnderstood(text, because: "I cannot find a product category called \(typed).")
            }
            switch filters.spec.path {
            case "sales", "opportunities": filters.parameters["productCategoryId"] = category.id.uuidString
            case "products": filters.parameters["categoryId"] = category.id.uuidString
            default:
                return notUnderstood(
                    text,
                    because: "\(Self.plural(filters.spec.label).capitalized) cannot be narrowed to a product category.")
            }
            filters.chips.append(("Category", category.name))
            resolved.category = category.name
        }
        return nil
    }
}
