@testable import App
import Leaf
import LeafKit
import Testing
import Vapor

/// Templates are read and parsed once, in whatever environment the server runs.
@Suite struct ViewCacheTests {
    @Test func mailIsRenderedFromParsedTemplatesInDevelopmentToo() async throws {
        let app = try await Application.make(.development)
        useCachedViews(app)
        let renderer = app.view as? LeafRenderer
        #expect(renderer?.cache.isEnabled == true)
        try await app.asyncShutdown()
    }
}
