import Vapor

/// The table of contents: every route group and the guard in front of it.
func routes(_ app: Application) throws {
    try app.register(collection: OperationsController())

    // Pages anyone may open.
    try app.register(collection: AuthController())

    // Pages for signed-in users.
    let pages = app.grouped(RequireSignedInPage())
    try pages.register(collection: HomeController())
    try pages.register(collection: AccountController())
    try pages.register(collection: PreferencesController())
    try pages.register(collection: AdminUsersController())
    try pages.register(collection: AdminTeamsController())
    try pages.register(collection: AdminSettingsController())
    try pages.register(collection: WorkspaceController())
    try pages.register(collection: WorkItemsController())
    try pages.register(collection: CalendarController())
    try pages.register(collection: DealPagesController())
    try pages.register(collection: DealApprovalPagesController())
    try pages.register(collection: PerformancePagesController())
    try pages.register(collection: DashboardPagesController())
    try pages.register(collection: ForecastPagesController())
    try pages.register(collection: InsightsPagesController())
    try pages.register(collection: ReportPagesController())
    try pages.register(collection: QuestionPagesController())
    try pages.register(collection: NotificationsController())
    try pages.register(collection: AdminJobsController())
    try pages.register(collection: AdminBackupsController())
    try pages.register(collection: AdminPrivacyController())
    try pages.register(collection: AdminIntakeController())
    try pages.register(collection: AdminWebhooksController())
    try pages.register(collection: ImportPagesController())
    try pages.register(collection: MergePagesController())
    try pages.register(collection: SchoolPagesController())
    try pages.register(collection: RoutePagesController())
    try pages.register(collection: TerritoryPagesController())
    for page in RecordPageSpec.all {
        if let board = page.board { try pages.register(collection: BoardController(page: page, board: board)) }
        try pages.register(collection: RecordPagesController(page: page))
    }

    // Lead forms on landing pages: the form's key in the address is its identity.
    try app.register(collection: IntakeController())
    try app.register(collection: ChannelWebhookController())

    // The private calendar feed: calendar apps carry no session; the secret URL is the key.
    app.get("calendar", ":token", use: CalendarController.feed)

    // JSON API.
    let api = app.grouped("api", "v1")
    try api.register(collection: OpenAPIController())
    try api.register(collection: TokensAPIController())
    let signedInAPI = api.grouped(RequireAPIUser())
    try signedInAPI.register(collection: MeAPIController())
    try signedInAPI.register(collection: UsersAPIController())
    try signedInAPI.register(collection: TeamsAPIController())
    try signedInAPI.register(collection: SettingsAPIController())
    for spec in RecordCatalog.all {
        try signedInAPI.register(collection: RecordController(spec: spec))
    }
    try signedInAPI.register(collection: LeadActionsController())
    try signedInAPI.register(collection: DealApprovalsAPIController())
    try signedInAPI.register(collection: AuditController())
    try signedInAPI.register(collection: ScoringAPIController())
    try signedInAPI.register(collection: AnalyticsAPIController())
    try signedInAPI.register(collection: ForecastAPIController())
    try signedInAPI.register(collection: InsightsAPIController())
    try signedInAPI.register(collection: SalesReportAPIController())
    try signedInAPI.register(collection: SavedReportsAPIController())
    try signedInAPI.register(collection: QuestionsAPIController())
    try signedInAPI.register(collection: NotificationsAPIController())
    try signedInAPI.register(collection: AdminJobsAPIController())
    try signedInAPI.register(collection: BackupsAPIController())
    try signedInAPI.register(collection: PrivacyAPIController())
    try signedInAPI.register(collection: IntakeAPIController())
    try signedInAPI.register(collection: WebhooksAPIController())
    try signedInAPI.register(collection: ImportsAPIController())
    try signedInAPI.register(collection: MergesAPIController())
    try signedInAPI.register(collection: SchoolAPIController())
    try signedInAPI.register(collection: RoutesAPIController())
}
