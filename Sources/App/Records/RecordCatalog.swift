/// Every record type of the CRM, in the order the API document lists them.
enum RecordCatalog {
    static let all: [RecordSpec] = [
        .accounts, .contacts, .leads, .opportunities, .opportunityLines, .products, .productCategories,
        .regions, .segments, .activities, .tasks, .sales, .saleLines, .notes, .customFields, .marketingSpend,
        .courses, .rooms, .courseGroups, .enrolments, .trialLessons, .closedDays,
    ]

    private static let byTable = Dictionary(uniqueKeysWithValues: all.map { ($0.table, $0) })
    private static let byPath = Dictionary(uniqueKeysWithValues: all.map { ($0.path, $0) })

    static func spec(forTable table: String) -> RecordSpec? { byTable[table] }
    static func spec(path: String) -> RecordSpec? { byPath[path] }
}
