/// One documented /api/v1 operation. `path` uses OpenAPI's {name} placeholders.
struct APIOperation: Sendable {
    enum Access: String, Sendable {
        case publicAccess = "none"
        case signedIn = "any signed-in user"
        case admin = "admin"
        case adminOrManager = "admin; managers read their team"
        case rowLevel =
            "reps: rows they own or are assigned; managers: their team and reports; viewers: read only; admins: all. Rows you may not see answer 404"
        case referenceData = "everyone reads; managers and admins write"
        case fieldDefinition = "everyone reads; admins write"
        case models = "everyone reads; managers and admins train and activate"
        case privacy = "admins, and the roles an admin allows under Personal data"
        case approvers = "managers of the deal's owner or team, and admins; reps who see the deal get 403, others 404"
    }

    let method: String
    let path: String
    let summary: String
    let tag: String
    let access: Access
    var requestSchema: String?
    var successStatus = 200
    var responseSchema: String?
    var parameters: [JSONValue] = []
    /// A request body that is a file (CSV or XLSX bytes) rather than JSON.
    var fileUpload = false
    /// The success body's media types when it is not JSON (a CSV or XLSX download).
    var responseMediaTypes: [String] = []
    /// Statuses beyond the ones every operation of its kind can answer (`errorStatuses`).
    var extraStatuses: [Int] = []

    static let xlsxMediaType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

    func toJSON() -> JSONValue {
        var responses: [(String, JSONValue)] = []
        // A JSON body among file types (a JSON or PDF export) is an object, the rest are bytes.
        let body = { (type: String) -> JSONValue in
            type == "application/json"
                ? ["schema": responseSchema.map(ref) ?? ["type": "object"]] : ["schema": APISchemas.string]
        }
        let success: JSONValue =
            !responseMediaTypes.isEmpty
            ? ["description": "Success", "content": .object(responseMediaTypes.map { ($0, body($0)) })]
            : responseSchema.map { schema in
                ["description": "Success", "content": ["application/json": ["schema": ref(schema)]]]
            } ?? ["description": "Success, no body"]
        responses.append((String(successStatus), success))
        let error: JSONValue = ["description": "Error", "content": ["application/json": ["schema": ref("Error")]]]
        for status in errorStatuses {
            responses.append((String(status), error))
        }
        var pairs: [(String, JSONValue)] = [
            ("summary", .string(summary)),
            ("tags", [.string(tag)]),
            ("description", .string("Who may call it: \(access.rawValue).")),
            ("operationId", .string(operationID)),
        ]
        let pathParameters: [JSONValue] = path.split(separator: "/").filter { $0.hasPrefix("{") }.map {
            part -> JSONValue in
            let name = String(part.dropFirst().dropLast())
            let schema: JSONValue =
                name == "id" || name.hasSuffix("ID")
                ? ["type": "string", "format": "uuid"]
                : name == "version" ? ["type": "integer"] : ["type": "string"]
            return ["name": .string(name), "in": "path", "required": true, "schema": schema]
        }
        if !(pathParameters + parameters).isEmpty { pairs.append(("parameters", .array(pathParameters + parameters))) }
        if fileUpload {
            let file: JSONValue = ["schema": ["type": "string", "format": "binary"]]
            pairs.append(
                ("requestBody", ["required": false, "content": ["text/csv": file, "application/octet-stream": file]]))
        } else if let requestSchema {
            pairs.append(
                ("requestBody", ["required": true, "content": ["application/json": ["schema": ref(requestSchema)]]]))
        }
        pairs.append(("responses", .object(responses)))
        if access == .publicAccess { pairs.append(("security", [])) }
        return .object(pairs)
    }

    /// Every error this operation can answer: bad input (400, or 422 naming the field), the
    /// sign-in and role refusals, a record it cannot find, a write that conflicts with what is
    /// stored (a duplicate, or dependents that keep a row from being deleted), and 503 when the
    /// database is too busy to take the request.
    private var errorStatuses: [Int] {
        var statuses = [400]
        if access != .publicAccess { statuses += [401, 403] }
        if path.contains("{") { statuses.append(404) }
        if requestSchema != nil || method == "DELETE" || (method == "POST" && path.contains("{")) {
            statuses.append(409)
        }
        if requestSchema != nil || fileUpload { statuses += [413, 415] }
        if requestSchema != nil || !parameters.isEmpty || path.contains("{") { statuses.append(422) }
        statuses.append(503)
        return Array(Set(statuses + extraStatuses)).sorted()
    }

    private var operationID: String {
        let words = path.split(separator: "/").dropFirst(2).map { part in
            part.hasPrefix("{")
                ? "By" + part.dropFirst().dropLast().prefix(1).uppercased() + part.dropFirst(2).dropLast()
                : part.capitalized
        }
        return method.lowercased() + words.joined().replacingOccurrences(of: "-", with: "")
    }

    private func ref(_ schema: String) -> JSONValue { ["$ref": .string("#/components/schemas/\(schema)")] }
}
