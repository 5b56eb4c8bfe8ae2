import SalesPulseCore

/// Shared lists every role reads and managers and admins maintain.
extension RecordSpec {
    static func namedList(path: String, table: String, label: String) -> RecordSpec {
        RecordSpec(
            path: path, table: table, label: label, policy: .referenceData, ownership: .shared,
            fields: [FieldSpec("name", .text(max: 100), required: true, filterable: true, sortable: true)],
            search: [SearchColumn(column: "name", lowercased: true)], defaultSort: "name",
            rules: UniqueNameRule(table: table))
    }

    static let regions = namedList(path: "regions", table: "regions", label: "region")
    static let segments = namedList(path: "segments", table: "segments", label: "segment")
    static let productCategories = namedList(
        path: "product-categories", table: "product_categories", label: "product category")

    static let products = RecordSpec(
        path: "products", table: "products", label: "product", policy: .referenceData, ownership: .shared,
        fields: [
            FieldSpec("name", .text(max: 200), required: true, filterable: true, sortable: true),
            .reference("categoryId", "product_categories"),
            FieldSpec("sku", .text(max: 64), filterable: true, sortable: true),
            FieldSpec("price", .money, required: true, filterable: true, sortable: true),
            FieldSpec("cost", .money, required: true, filterable: true, sortable: true, default: .int(0)),
            FieldSpec("isActive", .bool, required: true, filterable: true, default: .bool(true)),
        ],
        search: [SearchColumn(column: "name", lowercased: true), SearchColumn(column: "sku", lowercased: true)],
        defaultSort: "name", rules: ProductRules())

    static let customFields = RecordSpec(
        path: "custom-fields", table: "custom_fields", label: "custom field", policy: .fieldDefinition,
        ownership: .shared,
        fields: [
            FieldSpec("name", .text(max: 40), required: true, filterable: true, sortable: true),
            FieldSpec("label", .text(max: 100)),
            .choice("type", CustomFieldType.self, required: true),
            FieldSpec("choices", .text(max: 2000)),
            FieldSpec("required", .bool, required: true, filterable: true, default: .bool(false)),
        ],
        search: [SearchColumn(column: "name", lowercased: true)], defaultSort: "name",
        rules: CustomFieldDefinitionRules())
}
