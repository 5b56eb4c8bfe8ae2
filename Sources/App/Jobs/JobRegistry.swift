import Vapor

extension Application {
    /// Every kind of background job, registered before any worker starts.
    func registerJobHandlers() {
        Outbox.register(self)
        Reminders.register(self)
        RecordEvents.register(self)
        Maintenance.register(self)
        NightlyScoring.register(self)
        WeeklyReportJob.register(self)
        PingJob.register(self)
        ApprovalNotices.register(self)
        ImportJob.register(self)
        ImportAssignments.register(self)
        BackupJob.register(self)
        RetentionJob.register(self)
        OutboundWebhooks.register(self)
        GeocodeJob.register(self)
    }
}
