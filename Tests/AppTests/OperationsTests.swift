@testable import App
import SQLKit
import Testing
import Vapor
import VaporTesting

@Suite("Operations")
struct OperationsTests {
    @Test func healthChecksTheDatabase() async throws {
        try await withTestApp { app in
            let response = try await app.api(.GET, "/health")
            #expect(response.status == .ok)
            #expect(try response.json()["database"] as? String == "ok")
        }
    }

    @Test func metricsCountRequestsByRoutePattern() async throws {
        try await withTestApp { app in
            let admin = try await makeUser(app, email: "admin@example.com", role: "admin")
            let token = try await token(for: admin, app)
            _ = try await app.api(.GET, "/api/v1/users/\(try admin.requireID())", token: token)
            _ = try await app.api(.GET, "/api/v1/users/\(UUID())", token: token)
            let metrics = try await app.api(.GET, "/metrics")
            #expect(metrics.status == .ok)
            #expect(metrics.headers.contentType?.description.hasPrefix("text/plain") == true)
            #expect(
                metrics.text.contains(
                    #"salespulse_http_requests_total{method="GET",route="/api/v1/users/:userID",status="200"} 1"#))
            #expect(
                metrics.text.contains(
                    #"salespulse_http_requests_total{method="GET",route="/api/v1/users/:userID",status="404"} 1"#))
            #expect(
                metrics.text.contains(
                    #"salespulse_http_request_duration_seconds_count{method="GET",route="/api/v1/users/:userID",status="200"} 1"#
                ))
            #expect(metrics.text.contains("# TYPE salespulse_http_request_duration_seconds histogram"))
        }
    }

    @Test func responsesCarrySecurityHeaders() async throws {
        try await withTestApp { app in
            for path in ["/login", "/api/v1/me", "/nowhere"] {
                let response = try await app.testing().sendRequest(.GET, path)
                let csp = try #require(response.headers.first(name: "Content-Security-Policy"), "\(path)")
                #expect(
                    csp.contains("script-src 'self'") && !csp.contains("unsafe-inline")
                        && csp.contains("frame-ancestors 'none'"))
                #expect(response.headers.first(name: "X-Content-Type-Options") == "nosniff")
                #expect(response.headers.first(name: "Referrer-Policy") == "same-origin")
            }
        }
    }

    @Test func pagesCarryNoInlineScript() async throws {
        try await withTestApp { app in
            let page = try await app.testing().sendRequest(.GET, "/login").body.string
            #expect(!page.contains("<script>") && !page.contains("onclick=") && !page.contains("style=\""))
        }
    }

    @Test func secureCookiesWhenServedOverTLS() async throws {
        try await withTestApp({ $0.secureCookies = true }) { app in
            let response = try await app.testing().sendRequest(.GET, "/login")
            let cookie = try #require(response.headers[.setCookie].first)
            #expect(cookie.contains("Secure"))
        }
    }
}

@Suite("Database selection")
struct DatabaseSelectionTests {
    @Test func runsOnPostgreSQLExactlyWhenDatabaseURLIsSet() async throws {
        try await withTestApp { app in
            let dialect = app.db.sql.dialect.name
            let wantsPostgres = ProcessInfo.processInfo.environment["DATABASE_URL"].map { !$0.isEmpty } ?? false
            #expect(dialect == (wantsPostgres ? "postgresql" : "sqlite"))
        }
    }
}
