@testable import App
import Testing
import Vapor
import VaporTesting

@Suite("OpenAPI document")
struct OpenAPITests {
    @Test func everyAPIRouteIsDocumentedAndNothingElse() async throws {
        try await withTestApp { app in
            let response = try await app.api(.GET, "/api/v1/openapi.json")
            #expect(response.status == .ok)
            let document = try response.json()
            #expect(document["openapi"] as? String == "3.1.0")
            let paths = try #require(document["paths"] as? [String: [String: Any]])
            var documented = Set<String>()
            for (path, operations) in paths {
                for method in operations.keys { documented.insert("\(method.uppercased()) \(path)") }
            }
            var registered = Set<String>()
            for route in app.routes.all where route.path.first?.description == "api" {
                let path =
                    "/"
                    + route.path.map { component -> String in
                        if case .parameter(let name) = component { return "{\(name)}" }
                        return component.description
                    }.joined(separator: "/")
                registered.insert("\(route.method.rawValue) \(path)")
            }
            #expect(
                registered.subtracting(documented).isEmpty,
                "undocumented: \(registered.subtracting(documented).sorted())")
            #expect(
                documented.subtracting(registered).isEmpty,
                "documented but missing: \(documented.subtracting(registered).sorted())")
            let schemas = try #require((document["components"] as? [String: Any])?["schemas"] as? [String: Any])
            let text = response.text
            for match in text.matches(of: /#\/components\/schemas\/(\w+)/) {
                #expect(schemas[String(match.1)] != nil, "missing schema \(match.1)")
            }
        }
    }

    @Test func parametersAndAnswersAreStatedExactly() async throws {
        try await withTestApp { app in
            let document = try await app.api(.GET, "/api/v1/openapi.json").json()
            let paths = try #require(document["paths"] as? [String: [String: [String: Any]]])
            let list = try #require(paths["/api/v1/leads"]?["get"])
            let answers = Set((list["responses"] as? [String: Any] ?? [:]).keys)
            #expect(answers.isSuperset(of: ["200", "400", "401", "403", "422", "503"]), "\(answers.sorted())")
            let parameters = try #require(list["parameters"] as? [[String: Any]])
            func schema(_ name: String) -> [String: Any]? {
                parameters.first { $0["name"] as? String == name }?["schema"] as? [String: Any]
            }
            #expect((schema("sort")?["enum"] as? [String])?.contains("-createdAt") == true)
            #expect(schema("team")?["format"] as? String == "uuid" && schema("status")?["enum"] != nil)
            #expect(schema("limit")?["maximum"] as? Int == 500 && schema("budgetFrom")?["type"] as? String == "number")
            #expect(
                parameters.allSatisfy { $0["allowEmptyValue"] as? Bool == true }, "an empty parameter means not given")
            #expect(
                paths["/api/v1/accounts/{id}"]?["delete"]?["responses"].flatMap { ($0 as? [String: Any])?["409"] }
                    != nil, "an account with dependents is a conflict")
            let schemas = try #require(
                (document["components"] as? [String: Any])?["schemas"] as? [String: [String: Any]])
            #expect(
                schemas["LeadNew"]?["required"] as? [String] == ["name"],
                "creating a lead needs its name; the owner defaults to you")
            let name = (schemas["LeadInput"]?["properties"] as? [String: [String: Any]])?["name"]
            #expect(
                name?["type"] as? String == "string" && name?["minLength"] as? Int == 1,
                "a required field cannot be cleared")
        }
    }
}
