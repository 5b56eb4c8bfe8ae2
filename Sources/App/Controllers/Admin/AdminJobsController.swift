import Foundation
import SalesPulseCore
import Vapor

/// /admin/jobs: what the background workers are doing, what failed and why, with retry and
/// cancel; /admin/mail: the dev mailbox, every email the app sent while no SMTP server is set.
struct AdminJobsController: RouteCollection {
    struct Row: Encodable {
        let id: String
        let kind: String
        let state: String
        let stateLabel: String
        let attempts: String
        let due: String
        let error: String?
        let canRetry: Bool
        let canCancel: Bool
    }

    struct Count: Encodable {
        let state: String
        let label: String
        let count: Int
        let current: Bool
    }

    struct JobsPage: Encodable {
        let title = "Background jobs"
        let nav: Navigation
        let counts: [Count]
        let rows: [Row]
        let notice: String?
    }

    struct MailRow: Encodable {
        let file: String
        let to: String
        let subject: String
        let when: String
    }

    struct MailPage: Encodable {
        let title = "Sent mail"
        let nav: Navigation
        let usesSMTP: Bool
        let rows: [MailRow]
        let opened: MailRow?
        let openedText: String?
    }

    func boot(routes: any RoutesBuilder) throws {
        let jobs = routes.grouped("admin", "jobs")
        jobs.get(use: list)
        jobs.post(":jobID", "retry", use: retry)
        jobs.post(":jobID", "cancel", use: cancel)
        routes.get("admin", "mail", use: mail)
        routes.get("admin", "mail", ":file", use: mail)
    }

    static func label(_ state: String) -> String {
        ["queued": "Waiting", "running": "Running", "done": "Done", "failed": "Failed", "cancelled": "Cancelled"][state]
            ?? state
    }

    static func kindLabel(_ kind: String) -> String {
        [
            Outbox.sendKind: "Send an email", Reminders.scanKind: "Check reminders",
            NightlyScoring.jobKind: "Retrain and rescore",
            Maintenance.rollupCheckKind: "Check daily roll-ups", Maintenance.cleanUpKind: "Clean up",
            RecordEvents.leadAssignedKind: "Tell a rep about a lead",
            RecordEvents.dealClosedKind: "Tell the team about a closed deal",
            RecordEvents.meetingInvitationKind: "Send a meeting invitation", BackupRuns.runKind: "Back up the company",
            BackupJob.scheduleKind: "Check whether the daily backup is due",
        ][kind] ?? kind
    }

    @Sendable func list(req: Request) async throws -> View {
        try await req.authorize(.read, .jobs)
        let state = req.query[String.self, at: "state"].flatMap(JobQueue.State.init(rawValue:))
        let queue = req.application.jobs
        let summary = try await queue.summary(now: req.now)
        let jobs = try await queue.list(state: state, limit: 200)
        let counts = JobQueue.State.allCases.map {
            Count(
                state: $0.rawValue, label: Self.label($0.rawValue), count: summary.byState[$0.rawValue] ?? 0,
                current: $0 == state)
        }
        let rows = jobs.map { job in
            Row(
                id: job.id.uuidString, kind: Self.kindLabel(job.kind), state: job.state,
                stateLabel: Self.label(job.state),
                attempts: "\(job.attempts) of \(job.maxAttempts)",
                due: PageDate.format(Date(milliseconds: job.finishedAt ?? job.runAt)),
                error: job.lastError, canRetry: job.state == "failed" || job.state == "cancelled",
                canCancel: job.state == "queued")
        }
        let notice = req.query[String.self, at: "done"].map {
            $0 == "retry" ? "The job will run again shortly." : "The job is cancelled."
        }
        return try await req.view.render(
            "admin/jobs", JobsPage(nav: try req.navigation(), counts: counts, rows: rows, notice: notice))
    }

    @Sendable func retry(req: Request) async throws -> Response {
        try await req.authorize(.update, .jobs)
        guard let id = req.parameters.get("jobID", as: UUID.self),
            try await req.application.jobs.retry(id, now: req.now)
        else {
            throw DomainError.notFound("No failed or cancelled job with that id.")
        }
        return req.redirect(to: "/admin/jobs?done=retry")
    }

    @Sendable func cancel(req: Request) async throws -> Response {
        try await req.authorize(.update, .jobs)
        guard let id = req.parameters.get("jobID", as: UUID.self),
            try await req.application.jobs.cancel(id, now: req.now)
        else {
            throw DomainError.notFound("No waiting job with that id.")
        }
        return req.redirect(to: "/admin/jobs?done=cancel")
    }

    @Sendable func mail(req: Request) async throws -> View {
        try await req.authorize(.read, .jobs)
        let mailbox = req.application.devMailbox
        let entries = try mailbox?.entries() ?? []
        let rows = entries.map {
            MailRow(file: $0.file, to: $0.to, subject: $0.subject, when: PageDate.format($0.date))
        }
        var opened: MailRow?, text: String?
        if let file = req.parameters.get("file") {
            guard let row = rows.first(where: { $0.file == file }), let message = try mailbox?.message(named: file)
            else {
                throw DomainError.notFound("No such email.")
            }
            opened = row
            text = MailHeaderText.plainText(of: message)
        }
        return try await req.view.render(
            "admin/mail",
            MailPage(nav: try req.navigation(), usesSMTP: mailbox == nil, rows: rows, opened: opened, openedText: text))
    }
}

/// /api/v1/admin/jobs: the same for scripts and monitoring.
struct AdminJobsAPIController: RouteCollection {
    struct Item: Content {
        let id: UUID
        let kind: String
        let state: String
        let attempts: Int
        let maxAttempts: Int
        let runAt: Date
        let finishedAt: Date?
        let lastError: String?
        let uniqueKey: String?

        init(_ job: JobRow) {
            id = job.id
            kind = job.kind
            state = job.state
            attempts = job.attempts
            maxAttempts = job.maxAttempts
            runAt = Date(milliseconds: job.runAt)
            finishedAt = job.finishedAt.map(Date.init(milliseconds:))
            lastError = job.lastError
            uniqueKey = job.uniqueKey
        }
    }

    struct Listing: Content {
        let items: [Item]
        let nextCursor: String?
        let counts: [String: Int]
    }

    func boot(routes: any RoutesBuilder) throws {
        let jobs = routes.grouped("admin", "jobs")
        jobs.get(use: list)
        jobs.post(":jobID", "retry", use: retry)
        jobs.post(":jobID", "cancel", use: cancel)
    }

    @Sendable func list(req: Request) async throws -> Listing {
        try await req.authorize(.read, .jobs)
        let raw = req.query[String.self, at: "state"] ?? ""
        guard raw.isEmpty || JobQueue.State(rawValue: raw) != nil else {
            throw DomainError.invalid(
                field: "state", "Choose a state: \(JobQueue.State.allCases.map(\.rawValue).joined(separator: ", ")).")
        }
        let queue = req.application.jobs
        let jobs = try await queue.list(state: JobQueue.State(rawValue: raw), limit: 200)
        let summary = try await queue.summary(now: req.now)
        return Listing(items: jobs.map(Item.init), nextCursor: nil, counts: summary.byState)
    }

    @Sendable func retry(req: Request) async throws -> Item {
        try await req.authorize(.update, .jobs)
        guard let id = req.parameters.get("jobID", as: UUID.self),
            try await req.application.jobs.retry(id, now: req.now),
            let job = try await req.application.jobs.find(id)
        else {
            throw DomainError.notFound("No failed or cancelled job with that id.")
        }
        return Item(job)
    }

    @Sendable func cancel(req: Request) async throws -> Item {
        try await req.authorize(.update, .jobs)
        guard let id = req.parameters.get("jobID", as: UUID.self),
            try await req.application.jobs.cancel(id, now: req.now),
            let job = try await req.application.jobs.find(id)
        else {
            throw DomainError.notFound("No waiting job with that id.")
        }
        return Item(job)
    }
}
