/// A record field's API name as the code reads it: `record[.ownerId]`. Every key is declared
/// once below and a test finds each in a record spec, so a misspelt name fails the build or that
/// test instead of reading as an empty field. Names that arrive at run time (a spec's fields, a
/// request) go through `record[field:]`.
struct FieldName: Hashable, Sendable, RawRepresentable {
    let rawValue: String
}

extension FieldName {
    static let accountId = FieldName(rawValue: "accountId")
    static let address = FieldName(rawValue: "address")
    static let amount = FieldName(rawValue: "amount")
    static let authority = FieldName(rawValue: "authority")
    static let budget = FieldName(rawValue: "budget")
    static let capacity = FieldName(rawValue: "capacity")
    static let choices = FieldName(rawValue: "choices")
    static let closedAt = FieldName(rawValue: "closedAt")
    static let company = FieldName(rawValue: "company")
    static let competitors = FieldName(rawValue: "competitors")
    static let completedAt = FieldName(rawValue: "completedAt")
    static let contactId = FieldName(rawValue: "contactId")
    static let convertedAccountId = FieldName(rawValue: "convertedAccountId")
    static let convertedContactId = FieldName(rawValue: "convertedContactId")
    static let cost = FieldName(rawValue: "cost")
    static let courseId = FieldName(rawValue: "courseId")
    static let currency = FieldName(rawValue: "currency")
    static let customFields = FieldName(rawValue: "customFields")
    static let day = FieldName(rawValue: "day")
    static let days = FieldName(rawValue: "days")
    static let dueAt = FieldName(rawValue: "dueAt")
    static let durationMinutes = FieldName(rawValue: "durationMinutes")
    static let email = FieldName(rawValue: "email")
    static let endTime = FieldName(rawValue: "endTime")
    static let endsAt = FieldName(rawValue: "endsAt")
    static let engagement = FieldName(rawValue: "engagement")
    static let enrolmentId = FieldName(rawValue: "enrolmentId")
    static let expectedCloseDate = FieldName(rawValue: "expectedCloseDate")
    static let firstDay = FieldName(rawValue: "firstDay")
    static let followUpAt = FieldName(rawValue: "followUpAt")
    static let followUpNote = FieldName(rawValue: "followUpNote")
    static let groupId = FieldName(rawValue: "groupId")
    static let industry = FieldName(rawValue: "industry")
    static let interactionCount = FieldName(rawValue: "interactionCount")
    static let isPrimary = FieldName(rawValue: "isPrimary")
    static let lastDay = FieldName(rawValue: "lastDay")
    static let lastInteractionAt = FieldName(rawValue: "lastInteractionAt")
    static let latitude = FieldName(rawValue: "latitude")
    static let leadId = FieldName(rawValue: "leadId")
    static let lessonDay = FieldName(rawValue: "lessonDay")
    static let longitude = FieldName(rawValue: "longitude")
    static let lostReason = FieldName(rawValue: "lostReason")
    static let mobile = FieldName(rawValue: "mobile")
    static let name = FieldName(rawValue: "name")
    static let need = FieldName(rawValue: "need")
    static let notes = FieldName(rawValue: "notes")
    static let occurredAt = FieldName(rawValue: "occurredAt")
    static let opportunityId = FieldName(rawValue: "opportunityId")
    static let outcome = FieldName(rawValue: "outcome")
    static let ownerId = FieldName(rawValue: "ownerId")
    static let parentId = FieldName(rawValue: "parentId")
    static let phone = FieldName(rawValue: "phone")
    static let price = FieldName(rawValue: "price")
    static let primaryContactId = FieldName(rawValue: "primaryContactId")
    static let probability = FieldName(rawValue: "probability")
    static let productId = FieldName(rawValue: "productId")
    static let quantity = FieldName(rawValue: "quantity")
    static let regionId = FieldName(rawValue: "regionId")
    static let reminderOffsets = FieldName(rawValue: "reminderOffsets")
    static let reportsToId = FieldName(rawValue: "reportsToId")
    static let required = FieldName(rawValue: "required")
    static let requirements = FieldName(rawValue: "requirements")
    static let result = FieldName(rawValue: "result")
    static let risks = FieldName(rawValue: "risks")
    static let roomId = FieldName(rawValue: "roomId")
    static let score = FieldName(rawValue: "score")
    static let scoreFactors = FieldName(rawValue: "scoreFactors")
    static let segmentId = FieldName(rawValue: "segmentId")
    static let snoozedUntil = FieldName(rawValue: "snoozedUntil")
    static let soldOn = FieldName(rawValue: "soldOn")
    static let source = FieldName(rawValue: "source")
    static let stage = FieldName(rawValue: "stage")
    static let startTime = FieldName(rawValue: "startTime")
    static let startsAt = FieldName(rawValue: "startsAt")
    static let startsOn = FieldName(rawValue: "startsOn")
    static let status = FieldName(rawValue: "status")
    static let students = FieldName(rawValue: "students")
    static let subject = FieldName(rawValue: "subject")
    static let teacherId = FieldName(rawValue: "teacherId")
    static let teacherName = FieldName(rawValue: "teacherName")
    static let timeline = FieldName(rawValue: "timeline")
    static let title = FieldName(rawValue: "title")
    static let type = FieldName(rawValue: "type")
    static let unitCost = FieldName(rawValue: "unitCost")
    static let unitPrice = FieldName(rawValue: "unitPrice")
    static let userId = FieldName(rawValue: "userId")
    static let winProbability = FieldName(rawValue: "winProbability")

    /// Every key above, for the test that finds each in a spec.
    static let declared: [FieldName] = [
        .accountId,
        .address,
        .amount,
        .authority,
        .budget,
        .capacity,
        .choices,
        .closedAt,
        .company,
        .competitors,
        .completedAt,
        .contactId,
        .convertedAccountId,
        .convertedContactId,
        .cost,
        .courseId,
        .currency,
        .customFields,
        .day,
        .days,
        .dueAt,
        .durationMinutes,
        .email,
        .endTime,
        .endsAt,
        .engagement,
        .enrolmentId,
        .expectedCloseDate,
        .firstDay,
        .followUpAt,
        .followUpNote,
        .groupId,
        .industry,
        .interactionCount,
        .isPrimary,
        .lastDay,
        .lastInteractionAt,
        .latitude,
        .leadId,
        .lessonDay,
        .longitude,
        .lostReason,
        .mobile,
        .name,
        .need,
        .notes,
        .occurredAt,
        .opportunityId,
        .outcome,
        .ownerId,
        .parentId,
        .phone,
        .price,
        .primaryContactId,
        .probability,
        .productId,
        .quantity,
        .regionId,
        .reminderOffsets,
        .reportsToId,
        .required,
        .requirements,
        .result,
        .risks,
        .roomId,
        .score,
        .scoreFactors,
        .segmentId,
        .snoozedUntil,
        .soldOn,
        .source,
        .stage,
        .startTime,
        .startsAt,
        .startsOn,
        .status,
        .students,
        .subject,
        .teacherId,
        .teacherName,
        .timeline,
        .title,
        .type,
        .unitCost,
        .unitPrice,
        .userId,
        .winProbability,
    ]
}
