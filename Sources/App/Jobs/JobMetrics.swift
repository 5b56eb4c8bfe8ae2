import Foundation

/// The job queue in Prometheus text form: jobs per state, and per kind how many are due and
/// waiting and how long the oldest has waited.
enum JobMetrics {
    static func prometheusText(_ summary: JobSummary) -> String {
        var lines = ["# HELP salespulse_jobs Background jobs by state.", "# TYPE salespulse_jobs gauge"]
        for state in JobQueue.State.allCases {
            lines.append("salespulse_jobs{state=\"\(state.rawValue)\"} \(summary.byState[state.rawValue] ?? 0)")
        }
        lines += [
            "# HELP salespulse_job_queue_depth Jobs due and waiting for a worker, by kind.",
            "# TYPE salespulse_job_queue_depth gauge",
        ]
        lines += summary.waiting.map { "salespulse_job_queue_depth{kind=\"\($0.kind)\"} \($0.depth)" }
        lines += [
            "# HELP salespulse_job_oldest_wait_seconds How long the oldest due job of each kind has waited.",
            "# TYPE salespulse_job_oldest_wait_seconds gauge",
        ]
        lines += summary.waiting.map {
            "salespulse_job_oldest_wait_seconds{kind=\"\($0.kind)\"} \(String(format: "%.3f", $0.oldestAgeSeconds))"
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
