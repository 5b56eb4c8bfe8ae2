import SalesPulseCore

/// How a record type appears in the web app: its title, list columns and what names a row.
struct RecordPageSpec: Sendable {
    let spec: RecordSpec
    let title: String
    let listColumns: [String]
    /// The field that names a row in lists, links and the timeline.
    let nameField: String
    /// Filters offered above the list (choice and reference fields).
    let filters: [String]
    var board: BoardSpec?

    var path: String { spec.path }

    static let all: [RecordPageSpec] = [
        RecordPageSpec(
            spec: .leads, title: "Leads",
            listColumns: ["name", "company", "status", "source", "ownerId", "score", "followUpAt"],
            nameField: "name", filters: ["status", "source", "ownerId", "engagement"], board: .leads),
        RecordPageSpec(
            spec: .opportunities, title: "Opportunities",
            listColumns: ["name", "accountId", "stage", "amount", "expectedCloseDate", "ownerId"],
            nameField: "name", filters: ["stage", "ownerId"], board: .opportunities),
        RecordPageSpec(
            spec: .accounts, title: "Accounts", listColumns: ["name", "type", "industry", "ownerId", "annualRevenue"],
            nameField: "name", filters: ["type", "ownerId"]),
        RecordPageSpec(
            spec: .contacts, title: "Contacts",
            listColumns: ["name", "accountId", "title", "email", "phone", "ownerId"],
            nameField: "name", filters: ["role", "ownerId"]),
        RecordPageSpec(
            spec: .tasks, title: "Tasks", listColumns: ["title", "status", "priority", "dueAt", "assigneeId"],
            nameField: "title", filters: ["status", "priority", "assigneeId"]),
        RecordPageSpec(
            spec: .activities, title: "Activities", listColumns: ["subject", "type", "occurredAt", "userId", "leadId"],
            nameField: "subject", filters: ["type", "userId"]),
        RecordPageSpec(
            spec: .sales, title: "Sales", listColumns: ["soldOn", "amount", "cost", "accountId", "repId"],
            nameField: "soldOn", filters: ["repId"]),
        RecordPageSpec(
            spec: .marketingSpend, title: "Marketing spend",
            listColumns: ["day", "channel", "spend", "impressions", "clicks"],
            nameField: "day", filters: ["channel"]),
        RecordPageSpec(
            spec: .products, title: "Products", listColumns: ["name", "sku", "price", "cost", "isActive"],
            nameField: "name", filters: ["isActive"]),
        RecordPageSpec(
            spec: .trialLessons, title: "Trial lessons",
            listColumns: ["leadId", "groupId", "startsAt", "status", "result", "ownerId"],
            nameField: "leadId", filters: ["status", "result", "groupId", "ownerId"]),
        RecordPageSpec(
            spec: .enrolments, title: "Enrolments",
            listColumns: ["contactId", "groupId", "startsOn", "price", "status", "ownerId"],
            nameField: "contactId", filters: ["status", "groupId", "ownerId"]),
        RecordPageSpec(
            spec: .courseGroups, title: "Groups",
            listColumns: ["name", "courseId", "roomId", "days", "startTime", "students", "capacity", "status"],
            nameField: "name", filters: ["courseId", "roomId", "status"]),
        RecordPageSpec(
            spec: .courses, title: "Courses",
            listColumns: ["name", "teacherId", "price", "lessonMinutes", "capacity", "isActive"],
            nameField: "name", filters: ["isActive"]),
        RecordPageSpec(
            spec: .rooms, title: "Rooms", listColumns: ["name", "capacity", "location"], nameField: "name", filters: []),
        RecordPageSpec(
            spec: .closedDays, title: "Closed days", listColumns: ["day", "name"], nameField: "day", filters: []),
    ]

    static func named(_ path: String) -> RecordPageSpec? { all.first { $0.path == path } }

    /// Fields a person may add to the list as columns: everything shown in words.
    var choosableColumns: [String] {
        spec.fields.filter { field in
            if case .json = field.kind { return false }
            if case .text(let max) = field.kind, max > 300 { return false }
            return true
        }.map(\.name)
    }

    /// The columns a person chose, the name first and always there; the defaults otherwise.
    func columns(chosen text: String?) -> [String] {
        guard let text, !text.isEmpty else { return listColumns }
        let allowed = Set(choosableColumns)
        let picked = text.split(separator: ",").map(String.init).filter { allowed.contains($0) && $0 != nameField }
        return [nameField] + picked
    }
}

/// A pipeline board: columns are the values of one choice field, in workflow order.
struct BoardSpec: Sendable {
    let field: String
    let columns: [String]
    /// The money field summed per column.
    let amountField: String
    /// Columns of finished records: they show a recent period, not all history.
    var closedColumns: Set<String> = []
    static let closedPeriodDays = 30

    /// The columns a card may move to by the menu: the workflow's allowed moves.
    func allowedMoves(from value: String, role: Role) -> [String] {
        switch field {
        case "status":
            guard let status = LeadStatus(rawValue: value) else { return [] }
            return LeadWorkflow.allowedMoves(from: status, role: role).map(\.rawValue)
        default:
            guard let stage = OpportunityStage(rawValue: value) else { return [] }
            return OpportunityWorkflow.allowedMoves(from: stage, role: role).map(\.rawValue)
        }
    }

    static let leads = BoardSpec(
        field: "status", columns: ["new", "contacted", "qualified", "converted", "lost"], amountField: "budget",
        closedColumns: ["converted", "lost"])
    static let opportunities = BoardSpec(
        field: "stage",
        columns: ["prospecting", "qualification", "proposal", "negotiation", "closed_won", "closed_lost"],
        amountField: "amount", closedColumns: ["closed_won", "closed_lost"])
}

enum FieldLabel {
    static let overrides = [
        "ownerId": "Owner", "assigneeId": "Assignee", "userId": "By", "accountId": "Account", "contactId": "Contact",
        "leadId": "Lead", "opportunityId": "Opportunity", "parentId": "Parent account", "reportsToId": "Reports to",
        "primaryContactId": "Primary contact", "categoryId": "Category", "regionId": "Region", "segmentId": "Segment",
        "productId": "Product", "saleId": "Sale", "isPrimary": "Primary contact", "isActive": "Active", "sku": "SKU",
        "followUpAt": "Follow-up", "snoozedUntil": "Snoozed until", "dueAt": "Due", "occurredAt": "When",
        "expectedCloseDate": "Expected close", "durationMinutes": "Minutes", "customFields": "Custom fields",
        "repId": "Rep", "winProbability": "Model win probability", "convertedOpportunityId": "Converted to deal",
        "convertedAccountId": "Converted to account", "convertedContactId": "Converted to contact",
        "bantBudget": "Budget",
        "courseId": "Course", "roomId": "Room", "groupId": "Group", "teacherId": "Teacher",
        "teacherName": "Teacher (if not a user)",
        "lessonMinutes": "Lesson length (minutes)", "startsAt": "Starts", "endsAt": "Ends", "startsOn": "Starts on",
        "endsOn": "Ends on",
        "firstDay": "First day", "lastDay": "Last day", "enrolmentId": "Enrolment", "days": "Days",
    ]

    /// "expectedCloseDate" → "Expected close date"; a reference drops its "Id".
    static func of(_ name: String) -> String {
        if let label = overrides[name] { return label }
        var words = ""
        for character in name.hasSuffix("Id") && name.count > 2 ? String(name.dropLast(2)) : name {
            if character.isUppercase { words += " " + character.lowercased() } else { words.append(character) }
        }
        return words.prefix(1).uppercased() + words.dropFirst()
    }

    /// "closed_won" → "Closed won".
    static func value(_ raw: String) -> String {
        let spaced = raw.replacingOccurrences(of: "_", with: " ")
        return spaced.prefix(1).uppercased() + spaced.dropFirst()
    }
}
