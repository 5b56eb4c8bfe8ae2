import SalesPulseCore

extension RecordSpec {
    /// Where a customer is: what visits are planned and checked in against.
    static let placeFields: [FieldSpec] = [
        FieldSpec("latitude", .coordinate(-90...90)), FieldSpec("longitude", .coordinate(-180...180)),
        FieldSpec("locationMatch", .text(max: 500), writable: false),
    ]

    static let accounts = RecordSpec(
        path: "accounts", table: "accounts", label: "account", policy: .businessRecord,
        ownership: .owner(field: "ownerId"),
        fields: [
            FieldSpec("name", .text(max: 200), required: true, sortable: true),
            .choice("type", AccountType.self, required: true, sortable: true, default: .prospect),
            .reference("parentId", "accounts"),
            FieldSpec("industry", .text(max: 100), filterable: true, sortable: true),
            .reference("segmentId", "segments"),
            .reference("regionId", "regions"),
            .reference("ownerId", "users"),
            FieldSpec("annualRevenue", .money, filterable: true, sortable: true),
            FieldSpec("employees", .integer(0...10_000_000), filterable: true, sortable: true),
            FieldSpec("website", .url),
            FieldSpec("phone", .phone),
            FieldSpec("address", .text(max: 500)),
        ] + placeFields + [
            FieldSpec("notes", .text(max: 10_000))
        ],
        search: [
            SearchColumn(column: "name", lowercased: true),
            SearchColumn(column: "phone", lowercased: false, phoneDigits: true),
        ],
        defaultSort: "name", rules: AccountRules())

    static let contacts = RecordSpec(
        path: "contacts", table: "contacts", label: "contact", policy: .businessRecord,
        ownership: .owner(field: "ownerId"),
        fields: [
            .reference("accountId", "accounts"),
            FieldSpec("name", .text(max: 200), required: true, sortable: true),
            FieldSpec("title", .text(max: 200), filterable: true),
            .choice("role", ContactRole.self, required: true, default: .contact),
            .reference("reportsToId", "contacts"),
            FieldSpec("email", .email, filterable: true, sortable: true),
            FieldSpec("phone", .phone),
            FieldSpec("mobile", .phone),
            FieldSpec("isPrimary", .bool, required: true, filterable: true, default: .bool(false)),
            .reference("ownerId", "users"),
            FieldSpec("address", .text(max: 500)),
        ] + placeFields,
        search: [
            SearchColumn(column: "name", lowercased: true), SearchColumn(column: "email", lowercased: false),
            SearchColumn(column: "phone", lowercased: false, phoneDigits: true),
        ],
        defaultSort: "name", rules: ContactRules())
}
