import Vapor

/// The methods the routes answer at a request's path, so a request with another method learns
/// it came to the right place the wrong way (405 with Allow) instead of "not found".
enum AllowedMethods {
    /// The methods of the most specific routes at the path: `/leads/export` is a named address
    /// taking GET, though `/leads/:id` would also match it.
    static func at(_ request: Request) -> [HTTPMethod] {
        let segments = request.url.path.split(separator: "/").map(String.init)
        let matching = request.application.routes.all.filter { matches($0.path, segments) }
        let named = matching.map { constants($0.path) }.max() ?? 0
        let methods = matching.filter { constants($0.path) == named }.map(\.method)
        return Array(Set(methods.map(\.rawValue))).sorted().map { HTTPMethod(rawValue: $0) }
    }

    private static func constants(_ path: [PathComponent]) -> Int {
        path.filter { if case .constant = $0 { true } else { false } }.count
    }

    /// A named address (`/leads/duplicates`) that a route with a parameter in its place also
    /// matched under this method (`PATCH /leads/:id`): the methods the named address takes, or
    /// none when the path names no such address.
    static func atNamedAddress(_ request: Request, matched route: Route) -> [HTTPMethod] {
        let segments = request.url.path.split(separator: "/").map(String.init)
        let named = request.application.routes.all.filter {
            matches($0.path, segments) && constants($0.path) > constants(route.path)
        }
        guard !named.isEmpty, !named.contains(where: { $0.method == request.method }) else { return [] }
        return Array(Set(named.map(\.method.rawValue))).sorted().map { HTTPMethod(rawValue: $0) }
    }

    static func matches(_ pattern: [PathComponent], _ segments: [String]) -> Bool {
        for (index, component) in pattern.enumerated() {
            switch component {
            case .catchall: return segments.count > index
            case .constant(let text): guard index < segments.count, segments[index] == text else { return false }
            case .parameter, .anything: guard index < segments.count else { return false }
            }
        }
        return pattern.count == segments.count
    }
}
