import Leaf
import LeafKit
import Vapor

/// Leaf, with every template read and parsed once. Leaf parses a template again at every
/// render in the development environment (the one `serve` runs in unless told otherwise) when
/// it renders outside a request, so every email a lead form or a job wrote paid for it; pages
/// already used the cache.
func useCachedViews(_ app: Application) {
    app.views.use { app in
        var userInfo = app.leaf.userInfo
        userInfo["application"] = app
        return LeafRenderer(
            configuration: app.leaf.configuration, tags: app.leaf.tags, cache: app.leaf.cache,
            sources: app.leaf.sources, eventLoop: app.eventLoopGroup.next(), userInfo: userInfo)
    }
}
