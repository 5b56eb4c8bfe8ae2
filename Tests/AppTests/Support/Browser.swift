@testable import App
import Foundation
import Testing
import Vapor
import VaporTesting

/// A person at a browser: keeps cookies between requests and fills in forms with the CSRF
/// token the last page carried.
final class Browser {
    let app: Application
    private(set) var cookies: [String: String] = [:]
    private(set) var lastPage = ""

    init(_ app: Application) { self.app = app }

    @discardableResult
    func get(_ path: String) async throws -> TestingHTTPResponse {
        let response = try await app.testing().sendRequest(.GET, path, headers: cookieHeaders())
        remember(response)
        return response
    }

    /// Posts a form; the CSRF token from the last page is added unless `csrf` says otherwise.
    @discardableResult
    func post(_ path: String, _ fields: [String: String], csrf: String? = nil) async throws -> TestingHTTPResponse {
        var fields = fields
        if fields[CSRF.formField] == nil { fields[CSRF.formField] = csrf ?? csrfToken() }
        let body = fields.map { "\(encode($0.key))=\(encode($0.value))" }.joined(separator: "&")
        var headers = cookieHeaders()
        headers.contentType = .urlEncodedForm
        let response = try await app.testing().sendRequest(
            .POST, path, headers: headers, body: ByteBuffer(string: body))
        remember(response)
        return response
    }

    /// Signs in through the login page.
    @discardableResult
    func signIn(_ email: String, password: String = testPassword) async throws -> TestingHTTPResponse {
        try await get("/login")
        return try await post("/login", ["email": email, "password": password])
    }

    /// The token of the last page that carried one: an error page without forms does not make
    /// the browser forget it, as a real browser's open tab would not.
    func csrfToken() -> String {
        lastToken
    }

    private var lastToken = ""

    private static func token(in page: String) -> String? {
        guard let range = page.range(of: #"name="_csrf" value="([^"]+)""#, options: .regularExpression) else {
            return nil
        }
        return String(String(page[range]).split(separator: "\"")[3])
    }

    var sessionCookie: String? { cookies["salespulse_session"] }

    private func cookieHeaders() -> HTTPHeaders {
        var headers = HTTPHeaders()
        if !cookies.isEmpty {
            headers.add(name: .cookie, value: cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; "))
        }
        return headers
    }

    private func remember(_ response: TestingHTTPResponse) {
        for header in response.headers[.setCookie] {
            let pair = header.split(separator: ";")[0].split(separator: "=", maxSplits: 1)
            guard pair.count == 2 else { continue }
            let name = String(pair[0]).trimmingCharacters(in: .whitespaces)
            if header.lowercased().contains("expires=thu, 01 jan 1970") || pair[1].isEmpty {
                cookies[name] = nil
            } else {
                cookies[name] = String(pair[1])
            }
        }
        if response.headers.contentType == .html {
            lastPage = response.body.string
            if let token = Self.token(in: lastPage) { lastToken = token }
        }
    }

    private func encode(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }
}
