import SalesPulseCore

extension RecordSpec {
    static let leads = RecordSpec(
        path: "leads", table: "leads", label: "lead", policy: .businessRecord, ownership: .owner(field: "ownerId"),
        fields: [
            FieldSpec("name", .text(max: 200), required: true, sortable: true),
            FieldSpec("company", .text(max: 200), filterable: true, sortable: true),
            FieldSpec("email", .email, filterable: true, sortable: true),
            FieldSpec("phone", .phone, filterable: true),
            .choice("source", LeadSource.self, required: true, sortable: true, default: .other),
            .choice("status", LeadStatus.self, required: true, sortable: true, default: .new),
            FieldSpec("lostReason", .text(max: 500)),
            FieldSpec("budget", .money, filterable: true, sortable: true),
            FieldSpec("authority", .bool, filterable: true),
            FieldSpec("need", .text(max: 1000)),
            FieldSpec("timeline", .text(max: 100)),
            .reference("ownerId", "users"),
            FieldSpec("score", .percent, writable: false, filterable: true, sortable: true),
            FieldSpec("scoreFactors", .json, writable: false),
            FieldSpec(
                "engagement", .choice(EngagementLevel.allCases.map(\.rawValue)), required: true, writable: false,
                filterable: true, sortable: true, default: .text(EngagementLevel.low.rawValue)),
            FieldSpec(
                "interactionCount", .integer(0...Int64(Int32.max)), required: true, writable: false, filterable: true,
                sortable: true, default: .int(0)),
            FieldSpec("lastInteractionType", .choice(ActivityType.allCases.map(\.rawValue)), writable: false),
            FieldSpec("lastInteractionAt", .instant, writable: false, filterable: true, sortable: true),
            FieldSpec("followUpAt", .instant, filterable: true, sortable: true),
            FieldSpec("followUpNote", .text(max: 1000)),
            FieldSpec("snoozedUntil", .instant, filterable: true, sortable: true),
            FieldSpec("customFields", .json),
            .reference("regionId", "regions"),
            .reference("segmentId", "segments"),
            FieldSpec("productInterest", .text(max: 200), filterable: true),
            FieldSpec("convertedAccountId", .reference(table: "accounts"), writable: false),
            FieldSpec("convertedContactId", .reference(table: "contacts"), writable: false),
            FieldSpec("convertedOpportunityId", .reference(table: "opportunities"), writable: false),
            FieldSpec("convertedAt", .instant, writable: false, filterable: true),
        ],
        search: [
            SearchColumn(column: "email", lowercased: false), SearchColumn(column: "name", lowercased: true),
            SearchColumn(column: "company", lowercased: true),
            SearchColumn(column: "phone", lowercased: false, phoneDigits: true),
        ],
        defaultSort: "-createdAt", rules: LeadRules())
}
