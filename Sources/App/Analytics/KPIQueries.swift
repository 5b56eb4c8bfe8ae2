import Foundation
import SalesPulseCore
import SQLKit

/// Computes the S6 figures with one aggregate query per fact table; no rows are loaded.
struct KPIQueries: Sendable {
    /// A deal with no change and no activity for this long is stalled.
    static let stalledAfterDays = 30
    static let openStages = [OpportunityStage.prospecting, .qualification, .proposal, .negotiation].map(\.rawValue)
    static let openLeadStatuses = [LeadStatus.new, .contacted, .qualified].map(\.rawValue)

    let sql: AnalyticsSQL
    let scope: FactScope
    let now: Date

    init(db: any SQLDatabase, scope: FactScope, now: Date) {
        sql = AnalyticsSQL(db: db)
        self.scope = scope
        self.now = now
    }

    /// `currentState`: also the figures that describe today rather than the period (open
    /// pipeline, stalled deals, overdue follow-ups); a previous period skips them.
    func kpis(currentState: Bool = true) async throws -> KPISet {
        var inputs = KPISet.Inputs()
        try await addSales(&inputs)
        try await addClosedDeals(&inputs)
        try await addLeads(&inputs, currentState: currentState)
        if currentState { try await addPipeline(&inputs) }
        if scope.includesCompanyCosts {
            let spend = try await sql.first(
                "SELECT COUNT(*) AS \(ident: "n"), \(AnalyticsSQL.sum("\(ident: "spend")")) AS \(ident: "spend") FROM \(ident: "marketing_spend")\(scope.marketingSpend().whereClause)"
            )
            // No spend recorded is "unknown", not "free".
            if try spend.decode(column: "n", as: Int.self) > 0 {
                inputs.marketingSpendCents = try spend.decode(column: "spend", as: Int64.self)
            }
        }
        return KPISet(inputs)
    }

    private func addSales(_ inputs: inout KPISet.Inputs) async throws {
        let totals = try await sql.first(
            "SELECT COUNT(*) AS \(ident: "n"), \(AnalyticsSQL.sum("\(ident: "amount")")) AS \(ident: "revenue"), \(AnalyticsSQL.sum("\(ident: "cost")")) AS \(ident: "cost"), \(AnalyticsSQL.sum("CASE WHEN \(ident: "cost") > 0 THEN \(ident: "amount") ELSE 0 END")) AS \(ident: "costed") FROM \(ident: "sales")\(scope.sales().whereClause)"
        )
        inputs.salesCount = try totals.decode(column: "n", as: Int.self)
        inputs.revenueCents = try totals.decode(column: "revenue", as: Int64.self)
        inputs.costCents = try totals.decode(column: "cost", as: Int64.self)
        inputs.costedRevenueCents = try totals.decode(column: "costed", as: Int64.self)
        if scope.filter.productCategoryID != nil {
            // Under a category filter revenue and cost are those of the category's lines only.
            let lines = try await sql.first(
                "SELECT \(AnalyticsSQL.sum("\(ident: "sale_lines").\(ident: "quantity") * \(ident: "sale_lines").\(ident: "unit_price")")) AS \(ident: "revenue"), \(AnalyticsSQL.sum("\(ident: "sale_lines").\(ident: "quantity") * \(ident: "sale_lines").\(ident: "unit_cost")")) AS \(ident: "cost"), \(AnalyticsSQL.sum("CASE WHEN \(ident: "sale_lines").\(ident: "unit_cost") > 0 THEN \(ident: "sale_lines").\(ident: "quantity") * \(ident: "sale_lines").\(ident: "unit_price") ELSE 0 END")) AS \(ident: "costed") FROM \(ident: "sale_lines") JOIN \(ident: "sales") ON \(ident: "sales").\(ident: "id") = \(ident: "sale_lines").\(ident: "sale_id")\((scope.sales(byLine: true) + scope.saleLines()).whereClause)"
            )
            inputs.revenueCents = try lines.decode(column: "revenue", as: Int64.self)
            inputs.costCents = try lines.decode(column: "cost", as: Int64.self)
            inputs.costedRevenueCents = try lines.decode(column: "costed", as: Int64.self)
        }
        // A new customer is an account whose first sale ever falls in the period and which
        // bought within the filters then: an old customer buying through a new channel is not new.
        let earlierSale: SQLQueryString =
            "SELECT 1 FROM \(ident: "sales") \(ident: "earlier") WHERE \(ident: "earlier").\(ident: "account_id") = \(ident: "sales").\(ident: "account_id") AND \(ident: "earlier").\(ident: "sold_on") < \(bind: scope.filter.from.text)"
        let conditions =
            scope.sales() + ["\(ident: "sales").\(ident: "account_id") IS NOT NULL", "NOT EXISTS (\(earlierSale))"]
        let firsts = try await sql.first(
            "SELECT COUNT(DISTINCT \(ident: "sales").\(ident: "account_id")) AS \(ident: "n") FROM \(ident: "sales")\(conditions.whereClause)"
        )
        inputs.newCustomers = try firsts.decode(column: "n", as: Int.self)
    }

    private func addClosedDeals(_ inputs: inout KPISet.Inputs) async throws {
        let won: SQLQueryString =
            "\(ident: "opportunities").\(ident: "stage") = \(bind: OpportunityStage.closedWon.rawValue)"
        let lost: SQLQueryString =
            "\(ident: "opportunities").\(ident: "stage") = \(bind: OpportunityStage.closedLost.rawValue)"
        let row = try await sql.first(
            "SELECT \(AnalyticsSQL.count(when: won)) AS \(ident: "won"), \(AnalyticsSQL.count(when: lost)) AS \(ident: "lost"), CAST(COALESCE(SUM(CASE WHEN \(won) THEN \(sql.secondsBetween("opportunities", "created_at", "closed_at")) ELSE 0 END), 0) AS DOUBLE PRECISION) AS \(ident: "cycle") FROM \(ident: "opportunities")\(scope.opportunities(closed: true).whereClause)"
        )
        inputs.dealsWon = try row.decode(column: "won", as: Int.self)
        inputs.dealsLost = try row.decode(column: "lost", as: Int.self)
        inputs.wonCycleDaysTotal = try row.decode(column: "cycle", as: Double.self) / 86_400
    }

    private func addLeads(_ inputs: inout KPISet.Inputs, currentState: Bool) async throws {
        let status: SQLQueryString = "\(ident: "leads").\(ident: "status")"
        let row = try await sql.first(
            "SELECT COUNT(*) AS \(ident: "n"), \(AnalyticsSQL.count(when: "\(status) IN \(AnalyticsSQL.inList([LeadStatus.qualified.rawValue, LeadStatus.converted.rawValue]))")) AS \(ident: "qualified"), \(AnalyticsSQL.count(when: "\(status) = \(bind: LeadStatus.converted.rawValue)")) AS \(ident: "converted") FROM \(ident: "leads")\(scope.leads().whereClause)"
        )
        inputs.leadsCreated = try row.decode(column: "n", as: Int.self)
        inputs.leadsQualified = try row.decode(column: "qualified", as: Int.self)
        inputs.leadsConverted = try row.decode(column: "converted", as: Int.self)
        let previous = FactScope(filter: scope.filter.previous, visibleOwners: scope.visibleOwners)
        inputs.leadsCreatedPreviousPeriod = try await sql.first(
            "SELECT COUNT(*) AS \(ident: "n") FROM \(ident: "leads")\(previous.leads().whereClause)"
        )
        .decode(column: "n", as: Int.self)
        guard currentState else { return }
        let overdue =
            scope.leads(created: false) + [
                "\(ident: "leads").\(ident: "follow_up_at") < \(bind: now)",
                "\(status) IN \(AnalyticsSQL.inList(Self.openLeadStatuses))",
            ]
        inputs.overdueFollowUps = try await sql.first(
            "SELECT COUNT(*) AS \(ident: "n") FROM \(ident: "leads")\(overdue.whereClause)"
        ).decode(column: "n", as: Int.self)
    }

    private func addPipeline(_ inputs: inout KPISet.Inputs) async throws {
        let open =
            scope.opportunities() + [
                "\(ident: "opportunities").\(ident: "stage") IN \(AnalyticsSQL.inList(Self.openStages))"
            ]
        let row = try await sql.first(
            "SELECT COUNT(*) AS \(ident: "n"), \(AnalyticsSQL.sum("\(ident: "amount")")) AS \(ident: "value"), \(AnalyticsSQL.sum("\(ident: "amount") * \(ident: "probability")")) AS \(ident: "weighted") FROM \(ident: "opportunities")\(open.whereClause)"
        )
        inputs.openDeals = try row.decode(column: "n", as: Int.self)
        inputs.pipelineCents = try row.decode(column: "value", as: Int64.self)
        inputs.weightedPipelineCents = try row.decode(column: "weighted", as: Int64.self) / 100
        inputs.stalledDeals = try await stalledDealCount()
    }

    /// Open deals with no update and no activity since the cut-off.
    func stalledDealCount() async throws -> Int {
        let open =
            scope.opportunities() + [
                "\(ident: "opportunities").\(ident: "stage") IN \(AnalyticsSQL.inList(Self.openStages))"
            ]
        return try await sql.first(
            "SELECT COUNT(*) AS \(ident: "n") FROM \(ident: "opportunities")\((open + stalled()).whereClause)"
        ).decode(column: "n", as: Int.self)
    }

    struct StalledDeal: Sendable {
        let id: UUID
        let name: String
        let stage: String
        let amountCents: Int64
        let ownerName: String?
        let updatedAt: Date
    }

    /// The largest stalled deals, for the pipeline dashboard's list.
    func stalledDeals(limit: Int) async throws -> [StalledDeal] {
        let conditions =
            scope.opportunities() + [
                "\(ident: "opportunities").\(ident: "stage") IN \(AnalyticsSQL.inList(Self.openStages))"
            ] + stalled()
        return try await sql.rows(
            "SELECT \(ident: "opportunities").\(ident: "id"), \(ident: "opportunities").\(ident: "name"), \(ident: "stage"), \(ident: "amount"), \(ident: "opportunities").\(ident: "updated_at"), \(ident: "users").\(ident: "name") AS \(ident: "owner_name") FROM \(ident: "opportunities") LEFT JOIN \(ident: "users") ON \(ident: "users").\(ident: "id") = \(ident: "opportunities").\(ident: "owner_id")\(conditions.whereClause) ORDER BY \(ident: "amount") DESC LIMIT \(literal: limit)"
        ).map { row in
            StalledDeal(
                id: try row.decode(column: "id", as: UUID.self), name: try row.decode(column: "name", as: String.self),
                stage: try row.decode(column: "stage", as: String.self),
                amountCents: try row.decode(column: "amount", as: Int64.self),
                ownerName: try row.decode(column: "owner_name", as: String?.self),
                updatedAt: try row.decode(column: "updated_at", as: Date.self))
        }
    }

    /// No update and no activity on the deal since the cut-off.
    func stalled() -> [SQLQueryString] { Self.stalled(now: now) }

    static func stalled(now: Date) -> [SQLQueryString] {
        let cutoff = now.addingTimeInterval(-Double(Self.stalledAfterDays) * 86_400)
        return [
            "\(ident: "opportunities").\(ident: "updated_at") < \(bind: cutoff)",
            "NOT EXISTS (SELECT 1 FROM \(ident: "activities") WHERE \(ident: "activities").\(ident: "opportunity_id") = \(ident: "opportunities").\(ident: "id") AND \(ident: "activities").\(ident: "occurred_at") >= \(bind: cutoff))",
        ]
    }
}
