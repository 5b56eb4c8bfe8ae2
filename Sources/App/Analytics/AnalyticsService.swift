import Foundation
import SalesPulseCore
import SQLKit
import Vapor

/// The front of the KPI engine for one request: the viewer's scope, refusals for filters
/// that name people the viewer may not see, and the figures.
struct AnalyticsService: Sendable {
    let db: any SQLDatabase
    let actor: Actor
    let now: Date

    init(req: Request) async throws {
        db = req.db.sql
        actor = try await req.actor()
        now = req.now
    }

    /// For work done outside a request: commands and scheduled jobs, as one user.
    init(db: any SQLDatabase, actor: Actor, now: Date) {
        self.db = db
        self.actor = actor
        self.now = now
    }

    func scope(_ filter: AnalyticsFilter) throws -> FactScope {
        if let rep = filter.repID, let visible = AccessPolicy.visibleOwnerIDs(actor), !visible.contains(rep) {
            throw DomainError.notFound("No such rep in your team.")
        }
        return FactScope(filter: filter, actor: actor)
    }

    func kpis(_ filter: AnalyticsFilter, currentState: Bool = true) async throws -> KPISet {
        try await KPIQueries(db: db, scope: try scope(filter), now: now).kpis(currentState: currentState)
    }

    func rollupTotals(_ filter: AnalyticsFilter) async throws -> [UUID: [String: Int]] {
        try await DailyRollupQuery(sql: db, scope: try scope(filter)).repTotals()
    }

    /// Daily roll-up rows for the filter's days, within the viewer's scope.
    func rollups(_ kind: DailyRollupQuery.Kind, _ filter: AnalyticsFilter) async throws -> [[String: Any]] {
        try await DailyRollupQuery(sql: db, scope: try scope(filter)).rows(kind)
    }

    func stalledDealCount(_ filter: AnalyticsFilter) async throws -> Int {
        try await KPIQueries(db: db, scope: try scope(filter), now: now).stalledDealCount()
    }

    func stalledDeals(_ filter: AnalyticsFilter, limit: Int = 25) async throws -> [KPIQueries.StalledDeal] {
        try await KPIQueries(db: db, scope: try scope(filter), now: now).stalledDeals(limit: limit)
    }

    func sourceMonths(_ filter: AnalyticsFilter) async throws -> [String: [String: SourceMonthQuery.Cell]] {
        try await SourceMonthQuery(sql: AnalyticsSQL(db: db), scope: try scope(filter)).cells()
    }

    /// Enrolments in the period per lead source.
    func enrolmentsBySource(_ filter: AnalyticsFilter) async throws -> [String: Int] {
        try await EnrolmentSourceQuery(sql: AnalyticsSQL(db: db), scope: try scope(filter)).counts()
    }

    func scopeIncludesCompanyCosts(_ filter: AnalyticsFilter) -> Bool {
        FactScope(filter: filter, actor: actor).includesCompanyCosts
    }

    func series(
        _ metric: SeriesQuery.Metric, by grouping: SeriesQuery.Grouping, _ filter: AnalyticsFilter
    ) async throws -> [SeriesQuery.Point] {
        try await SeriesQuery(metric: metric, grouping: grouping, sql: AnalyticsSQL(db: db), scope: try scope(filter))
            .points()
    }
}

extension KPISet {
    /// camelCase JSON with explicit nulls for figures that have no data.
    var json: [String: Any] {
        func value(_ number: Double?) -> Any { number ?? NSNull() }
        return [
            "revenue": revenue, "salesCount": salesCount, "averageDealSize": value(averageDealSize),
            "winRate": value(winRate),
            "leadConversionRate": value(leadConversionRate), "qualificationRate": value(qualificationRate),
            "customerAcquisitionCost": value(customerAcquisitionCost), "profitMargin": value(profitMargin),
            "pipelineValue": pipelineValue, "weightedPipeline": weightedPipeline, "openDeals": openDeals,
            "salesCycleDays": value(salesCycleDays), "newLeads": newLeads, "leadVelocity": value(leadVelocity),
            "newCustomers": newCustomers, "overdueFollowUps": overdueFollowUps, "stalledDeals": stalledDeals,
        ]
    }
}
