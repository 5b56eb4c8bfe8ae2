/// The day planner and territory coverage in the OpenAPI document.
enum FieldSalesDocumentation {
    static var operations: [APIOperation] {
        [
            APIOperation(
                method: "POST", path: "/api/v1/routes/plan",
                summary:
                    "Plans a day of visits to accounts you may see: the shortest order (exact up to 10 visits), arrival and leaving times, distances and travel times per leg, totals, and what the order as picked would cost. Accounts need a location; time windows are kept or the late visit is named",
                tag: "Field sales", access: .rowLevel, requestSchema: "DayRouteRequest", responseSchema: "DayRoute"),
            APIOperation(
                method: "POST", path: "/api/v1/routes/visits",
                summary:
                    "Plans the day as /routes/plan does (or times the order given with keepOrder) and saves one task per visit, due on arrival, all or none",
                tag: "Field sales", access: .rowLevel, requestSchema: "DayRouteRequest", successStatus: 201,
                responseSchema: "SavedVisits"),
            APIOperation(
                method: "POST", path: "/api/v1/accounts/{id}/check-in",
                summary:
                    "Records a visit to the account now, at the phone's position when given, and answers how far that is from the account's location (far beyond 500 m)",
                tag: "Field sales", access: .rowLevel, requestSchema: "CheckInRequest", successStatus: 201,
                responseSchema: "CheckIn"),
            APIOperation(
                method: "GET", path: "/api/v1/territories/coverage",
                summary:
                    "Per rep you may see: accounts owned, share visited in the last 30, 60 and 90 days, never visited, visits per day, kilometres per day, time with customers and travelling over the last 30 days; every account with its last visit; recommendations in words",
                tag: "Field sales", access: .rowLevel, responseSchema: "TerritoryCoverage"),
            APIOperation(
                method: "GET", path: "/api/v1/territories",
                summary:
                    "Territories drawn on the map: yours and your team's; managers see their people's, admins and viewers all",
                tag: "Field sales", access: .referenceData, responseSchema: "TerritoryList"),
            APIOperation(
                method: "POST", path: "/api/v1/territories",
                summary:
                    "Draws a territory (3 to 200 corners) for one rep or one team; managers only for the reps they manage, themselves and their own teams",
                tag: "Field sales", access: .referenceData, requestSchema: "TerritoryInput", successStatus: 201,
                responseSchema: "Territory"),
            APIOperation(
                method: "DELETE", path: "/api/v1/territories/{id}",
                summary: "Removes a territory; its accounts stay as they are",
                tag: "Field sales", access: .referenceData, successStatus: 204),
        ]
    }

    static var schemas: [(String, JSONValue)] {
        let integer: JSONValue = ["type": "integer"], number: JSONValue = ["type": "number"]
        let clock: JSONValue = ["type": "string", "pattern": "^[0-2]?[0-9]:[0-5][0-9]$"]
        let latitude: JSONValue = ["type": "number", "minimum": -90, "maximum": 90]
        let longitude: JSONValue = ["type": "number", "minimum": -180, "maximum": 180]
        let place: JSONValue = [
            "type": "object",
            "properties": ["name": APISchemas.string, "latitude": latitude, "longitude": longitude],
        ]
        let stop: JSONValue = [
            "type": "object",
            "properties": [
                "number": integer, "accountId": APISchemas.uuid, "name": APISchemas.string,
                "address": APISchemas.nullable(APISchemas.string), "latitude": latitude, "longitude": longitude,
                "arrivesAt": APISchemas.dateTime, "leavesAt": APISchemas.dateTime, "waitMinutes": integer,
                "lateMinutes": integer, "problem": APISchemas.nullable(APISchemas.string),
                "kilometresFromPrevious": number, "minutesFromPrevious": integer, "mapsLink": APISchemas.string,
            ],
        ]
        let route: JSONValue = [
            "type": "object",
            "properties": [
                "day": APISchemas.day,
                "travelMode": ["type": "string", "enum": ["car", "walking", "public_transport"]],
                "start": place, "end": ["oneOf": [place, ["type": "null"]]], "stops": ["type": "array", "items": stop],
                "totalKilometres": number, "travelMinutes": integer, "visitMinutes": integer,
                "finishesAt": APISchemas.dateTime, "pickedOrderKilometres": number, "pickedOrderMinutes": integer,
                "shortestPossible": APISchemas.boolean,
                "distancesFrom": ["type": "string", "enum": ["roads", "estimate"]],
            ],
        ]
        let rep: JSONValue = [
            "type": "object",
            "properties": [
                "repId": APISchemas.uuid, "name": APISchemas.string, "team": APISchemas.nullable(APISchemas.string),
                "accounts": integer, "visited30": integer, "visited60": integer, "visited90": integer,
                "neverVisited": integer, "coverage30": integer, "visitsLast30Days": integer, "visitDays": integer,
                "visitsPerDay": number, "kilometresPerDay": number, "customerMinutes": integer,
                "travelMinutes": integer, "drawnArea": APISchemas.boolean,
            ],
        ]
        let corner: JSONValue = [
            "type": "object", "required": ["latitude", "longitude"],
            "properties": ["latitude": latitude, "longitude": longitude],
        ]
        let corners: JSONValue = ["type": "array", "items": corner, "minItems": 3, "maxItems": 200]
        let territory: JSONValue = [
            "type": "object",
            "properties": [
                "id": APISchemas.uuid, "name": APISchemas.string, "repId": APISchemas.nullable(APISchemas.uuid),
                "teamId": APISchemas.nullable(APISchemas.uuid), "assignedTo": APISchemas.string, "corners": corners,
            ],
        ]
        let area: JSONValue = [
            "type": "object",
            "properties": [
                "id": APISchemas.uuid, "name": APISchemas.string, "assignedTo": APISchemas.string,
                "accounts": integer, "visited30": integer, "neverVisited": integer, "coverage30": integer,
                "neglectedWithDeals": integer, "corners": corners,
            ],
        ]
        let team: JSONValue = [
            "type": "object",
            "properties": [
                "name": APISchemas.string, "reps": integer, "accounts": integer, "visited30": integer,
                "neverVisited": integer, "coverage30": integer, "visitsLast30Days": integer,
                "customerMinutes": integer, "travelMinutes": integer,
            ],
        ]
        let account: JSONValue = [
            "type": "object",
            "properties": [
                "id": APISchemas.uuid, "name": APISchemas.string, "owner": APISchemas.string,
                "region": APISchemas.nullable(APISchemas.string), "latitude": APISchemas.nullable(number),
                "longitude": APISchemas.nullable(number), "lastVisit": APISchemas.nullable(APISchemas.dateTime),
                "daysSinceVisit": APISchemas.nullable(integer), "openDeals": integer,
                "status": ["type": "string", "enum": ["visited30", "visited90", "stale", "never"]],
            ],
        ]
        return [
            (
                "DayRouteRequest",
                [
                    "type": "object",
                    "required": ["accountIds"],
                    "properties": [
                        "accountIds": [
                            "type": "array", "items": APISchemas.uuid, "minItems": 1, "maxItems": 100,
                            "uniqueItems": true,
                        ],
                        "start": [
                            "type": ["object", "null"],
                            "description": "an account, or a latitude and longitude; the first account when absent",
                            "properties": [
                                "accountId": APISchemas.nullable(APISchemas.uuid),
                                "latitude": APISchemas.nullable(latitude), "longitude": APISchemas.nullable(longitude),
                            ],
                        ],
                        "returnToStart": APISchemas.nullable(APISchemas.boolean),
                        "day": APISchemas.nullable(APISchemas.day),
                        "departAt": APISchemas.nullable(clock),
                        "travelMode": [
                            "type": ["string", "null"], "enum": ["car", "walking", "public_transport", .null],
                        ],
                        "visitMinutes": ["type": ["integer", "null"], "minimum": 0, "maximum": 600],
                        "windows": [
                            "type": ["object", "null"],
                            "description": "time windows by account id",
                            "additionalProperties": [
                                "type": "object", "required": ["opens", "closes"],
                                "properties": ["opens": clock, "closes": clock],
                            ],
                        ],
                        "keepOrder": APISchemas.nullable(APISchemas.boolean),
                    ],
                ]
            ),
            ("DayRoute", route),
            ("Territory", territory),
            ("TerritoryList", ["type": "object", "properties": ["items": ["type": "array", "items": territory]]]),
            (
                "TerritoryInput",
                [
                    "type": "object",
                    "required": ["name", "corners"],
                    "description": "give exactly one of repId and teamId",
                    "properties": [
                        "name": ["type": "string", "minLength": 1, "maxLength": 80],
                        "repId": APISchemas.nullable(APISchemas.uuid), "teamId": APISchemas.nullable(APISchemas.uuid),
                        "corners": corners,
                    ],
                ]
            ),
            (
                "CheckInRequest",
                [
                    "type": "object",
                    "properties": [
                        "latitude": APISchemas.nullable(latitude), "longitude": APISchemas.nullable(longitude),
                        "note": ["type": ["string", "null"], "maxLength": 10_000],
                    ],
                ]
            ),
            (
                "CheckIn",
                [
                    "type": "object",
                    "properties": [
                        "activityId": APISchemas.uuid, "account": APISchemas.string,
                        "checkedInAt": APISchemas.dateTime, "distanceMetres": APISchemas.nullable(integer),
                        "far": APISchemas.boolean,
                    ],
                ]
            ),
            (
                "SavedVisits",
                [
                    "type": "object",
                    "properties": ["taskIds": ["type": "array", "items": APISchemas.uuid], "route": route],
                ]
            ),
            (
                "TerritoryCoverage",
                [
                    "type": "object",
                    "properties": [
                        "today": APISchemas.day, "reps": ["type": "array", "items": rep],
                        "teams": ["type": "array", "items": team],
                        "accounts": ["type": "array", "items": account],
                        "territories": ["type": "array", "items": area],
                        "recommendations": [
                            "type": "array",
                            "items": [
                                "type": "object",
                                "properties": ["text": APISchemas.string, "link": APISchemas.string],
                            ],
                        ],
                    ],
                ]
            ),
        ]
    }
}
