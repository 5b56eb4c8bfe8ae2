/// The education centre's views in the OpenAPI document; its records are documented with the
/// other record types.
enum SchoolDocumentation {
    static var operations: [APIOperation] {
        [
            APIOperation(
                method: "GET", path: "/api/v1/school/groups",
                summary:
                    "Running and planned groups with occupancy, free seats and colour band; counts of full, nearly full and empty groups, trial students and expected enrolments; room usage this week; recommendations in words",
                tag: "Education", access: .referenceData, responseSchema: "SchoolGroups"),
            APIOperation(
                method: "GET", path: "/api/v1/school/timetable",
                summary:
                    "A week of group lessons per room or per teacher, with trial students per lesson, closed days and each room's free time",
                tag: "Education", access: .referenceData, responseSchema: "Timetable",
                parameters: [
                    APISchemas.query(
                        "week", "any day of the week wanted; this week when absent", schema: APISchemas.day),
                    APISchemas.query(
                        "by", "rows per room or per teacher",
                        schema: ["type": "string", "enum": ["room", "teacher"], "default": "room"]),
                ]),
            APIOperation(
                method: "GET", path: "/api/v1/school/trials",
                summary:
                    "Trial lessons between two days that you may see, with lead and group by name, and whether each is today, overdue (still scheduled after it ended) and the hours until it starts",
                tag: "Education", access: .rowLevel, responseSchema: "TrialAgenda",
                parameters: [
                    APISchemas.query("from", "first lesson day; today when absent", schema: APISchemas.day),
                    APISchemas.query("to", "last lesson day; two weeks on when absent", schema: APISchemas.day),
                ]),
        ]
    }

    static var schemas: [(String, JSONValue)] {
        let integer: JSONValue = ["type": "integer"]
        let group: JSONValue = [
            "type": "object",
            "properties": [
                "id": APISchemas.uuid, "name": APISchemas.string, "course": APISchemas.string,
                "room": APISchemas.string,
                "teacher": ["type": ["string", "null"]], "when": APISchemas.string, "firstDay": APISchemas.day,
                "lastDay": APISchemas.day,
                "students": integer, "capacity": integer, "percent": integer, "freeSeats": integer,
                "full": APISchemas.boolean,
                "band": ["type": "string", "enum": ["green", "orange", "red"]], "trialStudents": integer,
                "status": APISchemas.string,
            ],
        ]
        let block: JSONValue = [
            "type": "object",
            "properties": [
                "groupID": APISchemas.uuid, "time": APISchemas.string, "group": APISchemas.string,
                "detail": APISchemas.string,
                "students": integer, "capacity": integer, "band": APISchemas.string, "trials": integer,
                "day": APISchemas.day,
            ],
        ]
        return [
            (
                "SchoolGroups",
                [
                    "type": "object",
                    "properties": [
                        "today": APISchemas.day, "upcomingFrom": APISchemas.dateTime, "weekStart": APISchemas.day,
                        "weekDays": ["type": "array", "items": APISchemas.string],
                        "groups": ["type": "array", "items": group],
                        "rooms": [
                            "type": "array",
                            "items": [
                                "type": "object",
                                "properties": [
                                    "id": APISchemas.uuid, "name": APISchemas.string,
                                    "days": [
                                        "type": "array",
                                        "items": [
                                            "type": "object",
                                            "properties": ["day": APISchemas.day, "percent": integer],
                                        ],
                                    ], "week": integer,
                                ],
                            ],
                        ],
                        "totals": [
                            "type": "object",
                            "properties": [
                                "groups": integer, "full": integer, "nearlyFull": integer, "empty": integer,
                                "students": integer, "seats": integer,
                                "trialStudents": integer, "trialToEnrolmentPercent": ["type": ["integer", "null"]],
                                "expectedEnrolments": integer,
                            ],
                        ],
                        "advice": ["type": "array", "items": APISchemas.string],
                    ],
                ]
            ),
            (
                "TrialAgenda",
                [
                    "type": "object",
                    "properties": [
                        "from": APISchemas.day, "to": APISchemas.day,
                        "items": [
                            "type": "array",
                            "items": [
                                "type": "object",
                                "properties": [
                                    "id": APISchemas.uuid, "leadId": APISchemas.uuid, "lead": APISchemas.string,
                                    "groupId": APISchemas.uuid, "group": APISchemas.string,
                                    "ownerId": APISchemas.uuid, "lessonDay": APISchemas.day,
                                    "startsAt": APISchemas.dateTime, "endsAt": APISchemas.dateTime,
                                    "status": APISchemas.string, "result": APISchemas.string,
                                    "isToday": APISchemas.boolean, "isOverdue": APISchemas.boolean,
                                    "hoursUntil": integer,
                                ],
                            ],
                        ],
                    ],
                ]
            ),
            (
                "Timetable",
                [
                    "type": "object",
                    "properties": [
                        "by": APISchemas.string, "title": APISchemas.string, "weekStart": APISchemas.day,
                        "previousWeek": APISchemas.day, "nextWeek": APISchemas.day,
                        "days": [
                            "type": "array",
                            "items": [
                                "type": "object",
                                "properties": [
                                    "day": APISchemas.day, "words": APISchemas.string, "isToday": APISchemas.boolean,
                                ],
                            ],
                        ],
                        "rows": [
                            "type": "array",
                            "items": [
                                "type": "object",
                                "properties": [
                                    "name": APISchemas.string,
                                    "cells": [
                                        "type": "array",
                                        "items": [
                                            "type": "object",
                                            "properties": [
                                                "day": APISchemas.day, "closed": ["type": ["string", "null"]],
                                                "free": ["type": ["string", "null"]],
                                                "blocks": ["type": "array", "items": block],
                                            ],
                                        ],
                                    ],
                                ],
                            ],
                        ],
                    ],
                ]
            ),
        ]
    }
}
