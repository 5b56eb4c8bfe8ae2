import Foundation
import NIOConcurrencyHelpers

/// Request counts and latency histograms by method, route and status, in Prometheus text form.
/// Per process: each app instance is scraped on its own.
final class RequestMetrics: Sendable {
    static let bucketBounds: [Double] = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]

    private struct Key: Hashable {
        let method: String
        let route: String
        let status: UInt
    }

    private struct Series {
        var count = 0
        var sum = 0.0
        var buckets = [Int](repeating: 0, count: RequestMetrics.bucketBounds.count)
    }

    private let series = NIOLockedValueBox<[Key: Series]>([:])

    func record(method: String, route: String, status: UInt, seconds: Double) {
        series.withLockedValue { all in
            var entry = all[Key(method: method, route: route, status: status)] ?? Series()
            entry.count += 1
            entry.sum += seconds
            for (index, bound) in Self.bucketBounds.enumerated() where seconds <= bound {
                entry.buckets[index] += 1
            }
            all[Key(method: method, route: route, status: status)] = entry
        }
    }

    func prometheusText() -> String {
        let snapshot = series.withLockedValue { $0 }.sorted {
            ($0.key.route, $0.key.method, $0.key.status) < ($1.key.route, $1.key.method, $1.key.status)
        }
        var lines = [
            "# HELP salespulse_http_requests_total HTTP requests served, by method, route and status.",
            "# TYPE salespulse_http_requests_total counter",
        ]
        for (key, entry) in snapshot {
            lines.append("salespulse_http_requests_total{\(labels(key))} \(entry.count)")
        }
        lines += [
            "# HELP salespulse_http_request_duration_seconds Time to answer HTTP requests.",
            "# TYPE salespulse_http_request_duration_seconds histogram",
        ]
        for (key, entry) in snapshot {
            for (index, bound) in Self.bucketBounds.enumerated() {
                lines.append(
                    "salespulse_http_request_duration_seconds_bucket{\(labels(key)),le=\"\(bound)\"} \(entry.buckets[index])"
                )
            }
            lines.append("salespulse_http_request_duration_seconds_bucket{\(labels(key)),le=\"+Inf\"} \(entry.count)")
            lines.append("salespulse_http_request_duration_seconds_sum{\(labels(key))} \(entry.sum)")
            lines.append("salespulse_http_request_duration_seconds_count{\(labels(key))} \(entry.count)")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private func labels(_ key: Key) -> String {
        "method=\"\(escape(key.method))\",route=\"\(escape(key.route))\",status=\"\(key.status)\""
    }

    private func escape(_ value: String) -> String {
        value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
    }
}
