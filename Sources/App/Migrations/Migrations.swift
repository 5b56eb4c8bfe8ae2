import Fluent
import Vapor

extension Application {
    /// Every migration, in the order it must run. New migrations go at the end.
    func registerMigrations() {
        migrations.add(SessionRecord.migration)
        migrations.add(CreateTeam())
        migrations.add(CreateUser())
        migrations.add(CreateAPIToken())
        migrations.add(CreatePasswordResetToken())
        migrations.add(CreateLoginThrottle())
        migrations.add(CreateReferenceData())
        migrations.add(CreateProduct())
        migrations.add(CreateCustomField())
        migrations.add(CreateAccount())
        migrations.add(CreateContact())
        migrations.add(CreateLead())
        migrations.add(CreateOpportunity())
        migrations.add(CreateSale())
        migrations.add(CreateWork())
        migrations.add(CreateAuditEntry())
        migrations.add(UpdateUserAddCalendarToken())
        migrations.add(CreateMLModel())
        migrations.add(CreateMarketingSpend())
        migrations.add(CreateDailyRollups())
        migrations.add(CreateAnalyticsIndexes())
        migrations.add(AddFactDimensions())
        migrations.add(CreateRollupIndexes())
        migrations.add(CreateCompanySettings())
        migrations.add(CreateWordSearch())
        migrations.add(UpdateUserAddTimeZone())
        migrations.add(CreateUserPreferences())
        migrations.add(CreateJobs())
        migrations.add(UpdateJobsAddStartedAt())
        migrations.add(CreateDealApprovals())
        migrations.add(CreateWebSessions())
        migrations.add(CreateImports())
        migrations.add(CreateMerges())
        migrations.add(CreateBackupRuns())
        migrations.add(UpdateBackupRunsAddKind())
        migrations.add(CreateIntake())
    }
}
