import SalesPulseCore

extension RecordSpec {
    static let opportunities = RecordSpec(
        path: "opportunities", table: "opportunities", label: "opportunity", policy: .businessRecord,
        ownership: .owner(field: "ownerId"),
        fields: [
            .reference("accountId", "accounts", required: true),
            .reference("primaryContactId", "contacts"),
            FieldSpec("name", .text(max: 200), required: true, sortable: true),
            .choice("stage", OpportunityStage.self, required: true, sortable: true, default: .prospecting),
            FieldSpec("probability", .percent, required: true, filterable: true, sortable: true)
                .filled(whenEmpty: "Leave empty for the stage's usual probability."),
            FieldSpec("amount", .money, required: true, filterable: true, sortable: true, default: .int(0)),
            FieldSpec("currency", .text(max: 3), required: true, filterable: true, default: .text("USD")),
            FieldSpec("expectedCloseDate", .day, filterable: true, sortable: true),
            .reference("ownerId", "users"),
            FieldSpec("competitors", .text(max: 1000)),
            FieldSpec("risks", .text(max: 2000)),
            FieldSpec("requirements", .text(max: 2000)),
            FieldSpec("lostReason", .text(max: 500)),
            FieldSpec("winProbability", .percent, writable: false, sortable: true),
            FieldSpec("leadId", .reference(table: "leads"), writable: false, filterable: true),
            FieldSpec("closedAt", .instant, writable: false, filterable: true, sortable: true),
        ],
        search: [SearchColumn(column: "name", lowercased: true)], defaultSort: "-createdAt", rules: OpportunityRules())

    static let opportunityLines = RecordSpec(
        path: "opportunity-lines", table: "opportunity_lines", label: "opportunity line", policy: .businessRecord,
        ownership: .parent(field: "opportunityId", table: "opportunities", ownerColumn: "owner_id"),
        fields: [
            .reference("opportunityId", "opportunities", required: true),
            .reference("productId", "products", required: true),
            FieldSpec("quantity", .integer(1...1_000_000), required: true, sortable: true, default: .int(1)),
            FieldSpec("unitPrice", .money, required: true, sortable: true).filled(
                whenEmpty: "Leave empty for the product's price."),
            FieldSpec("unitCost", .money, required: true).filled(whenEmpty: "Leave empty for the product's cost."),
        ],
        search: [], defaultSort: "createdAt",
        rules: LineItemRules(parentTable: "opportunities", parentField: "opportunityId"))

    static let sales = RecordSpec(
        path: "sales", table: "sales", label: "sale", policy: .businessRecord, ownership: .owner(field: "repId"),
        fields: [
            FieldSpec("opportunityId", .reference(table: "opportunities"), filterable: true),
            .reference("accountId", "accounts"),
            .reference("repId", "users"),
            FieldSpec("soldOn", .day, required: true, filterable: true, sortable: true).filled(
                whenEmpty: "Leave empty for today."),
            FieldSpec("amount", .money, required: true, filterable: true, sortable: true),
            FieldSpec("cost", .money, required: true, filterable: true, default: .int(0)),
            FieldSpec("currency", .text(max: 3), required: true, filterable: true, default: .text("USD")),
        ],
        search: [], defaultSort: "-soldOn", rules: SaleRules())

    static let saleLines = RecordSpec(
        path: "sale-lines", table: "sale_lines", label: "sale line", policy: .businessRecord,
        ownership: .parent(field: "saleId", table: "sales", ownerColumn: "rep_id"),
        fields: [
            .reference("saleId", "sales", required: true),
            .reference("productId", "products", required: true),
            FieldSpec("quantity", .integer(1...1_000_000), required: true, default: .int(1)),
            FieldSpec("unitPrice", .money, required: true).filled(whenEmpty: "Leave empty for the product's price."),
            FieldSpec("unitCost", .money, required: true).filled(whenEmpty: "Leave empty for the product's cost."),
        ],
        search: [], defaultSort: "createdAt", rules: LineItemRules(parentTable: "sales", parentField: "saleId"))
}
