import SalesPulseCore

extension RecordSpec {
    /// Daily marketing figures per channel (a lead source): what the channel dashboard ties
    /// to the leads and sales of that source.
    static let marketingSpend = RecordSpec(
        path: "marketing-spend", table: "marketing_spend", label: "marketing spend", policy: .referenceData,
        ownership: .shared,
        fields: [
            .choice("channel", LeadSource.self, required: true, sortable: true),
            FieldSpec("day", .day, required: true, filterable: true, sortable: true),
            FieldSpec("spend", .money, required: true, filterable: true, sortable: true),
            FieldSpec("impressions", .integer(0...1_000_000_000_000), required: true, sortable: true, default: .int(0)),
            FieldSpec("clicks", .integer(0...1_000_000_000_000), required: true, sortable: true, default: .int(0)),
        ],
        search: [], defaultSort: "-day")
}
