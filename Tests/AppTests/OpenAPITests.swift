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
                let path = "/" + route.path.map { component -> String in
                    if case .parameter(let name) = component { return "{\(name)}" }
                    return component.description
                }.joined(separator: "/")
                registered.insert("\(route.method.rawValue) \(path)")
            }
            #expect(registered.subtracting(documented).isEmpty, "undocumented: \(registered.subtracting(documented).sorted())")
            #expect(documented.subtracting(registered).isEmpty, "documented but missing: \(documented.subtracting(registered).sorted())")
            let schemas = try #require((document["components"] as? [String: Any])?["schemas"] as? [String: Any])
            let text = response.text
            for match in text.matches(of: /#\/components\/schemas\/(\w+)/) {
                #expect(schemas[String(match.1)] != nil, "missing schema \(match.1)")
            }
        }
    }
}
