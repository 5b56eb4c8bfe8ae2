import Foundation
import NIOConcurrencyHelpers
import Vapor

/// A small HTTP server on 127.0.0.1 speaking an outside service's API (a geocoder, a routing
/// server), recording what it was asked and when.
final class StandInServer: Sendable {
    struct Hit: Sendable {
        let path: String
        let query: String
        let at: Date
    }

    let app: Application
    private let hits = NIOLockedValueBox<[Hit]>([])

    /// `answer` gets the request's path and query and returns the status and JSON body.
    init(answer: @escaping @Sendable (String, String) -> (HTTPStatus, String)) async throws {
        app = try await Application.make(.testing)
        app.get("**") { [hits] req -> Response in
            let path = req.url.path, query = req.url.query ?? ""
            hits.withLockedValue { $0.append(Hit(path: path, query: query, at: Date())) }
            let (status, body) = answer(path, query.removingPercentEncoding ?? query)
            var headers = HTTPHeaders()
            headers.contentType = .json
            return Response(status: status, headers: headers, body: .init(string: body))
        }
        try await app.server.start(address: .hostname("127.0.0.1", port: 0))
    }

    var url: String { "http://127.0.0.1:\(app.http.server.shared.localAddress?.port ?? 0)" }
    var received: [Hit] { hits.withLockedValue { $0 } }

    func stop() async throws {
        await app.server.shutdown()
        try await app.asyncShutdown()
    }
}
