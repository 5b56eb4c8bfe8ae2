import Foundation
import SalesPulseCore
import SQLKit

/// Stage moves follow the workflow, the probability follows the stage unless set by hand,
/// and winning a deal records the sale with its line items.
struct OpportunityRules: RecordRules {
    func validate(_ change: inout RecordChange, context: RecordContext) async throws {
        let stage = OpportunityStage(rawValue: change[.stage].text ?? "") ?? .prospecting
        if let old = change.old, let from = OpportunityStage(rawValue: old[.stage].text ?? ""), from != stage {
            do {
                try OpportunityWorkflow.check(
                    from: from, to: stage, role: context.actor.role, lostReason: change[.lostReason].text)
            } catch {
                throw DomainError.invalid(
                    field: "stage",
                    "\(error.message) Allowed from \(from.rawValue): \(error.allowed.isEmpty ? "none" : error.allowed.joined(separator: ", "))."
                )
            }
        } else if change.isCreate, stage == .closedLost, (change[.lostReason].text ?? "").isEmpty {
            throw DomainError.invalid(field: "lostReason", "Give a lost reason when closing an opportunity as lost.")
        }
        if stage == .closedWon, change.isCreate || change.changed(.stage) {
            try await DealApprovals(context: context).checkMayWin(change)
        }
        // A probability counts as set by hand only when it differs from the stored one: an edit
        // form sends every field back, and a won deal must not keep its prospecting 10%.
        let typedProbability =
            change.sent.contains("probability") && change.changed(.probability) && !change[.probability].isNull
        if stage.isClosed || ((change.changed(.stage) || change[.probability].isNull) && !typedProbability) {
            change[.probability] = .int(Int64(stage.defaultProbability))
        }
        if change.changed(.stage) {
            change[.closedAt] = stage.isClosed ? .date(context.now) : .null
        }
    }

    func derived(_ record: Record, context: RecordContext) async throws -> [String: FieldValue] {
        try await LiveScore.columns(OpportunityScoring(), record, context: context)
    }

    func afterSave(id: UUID, _ change: RecordChange, context: RecordContext) async throws {
        guard change.changed(.stage) else { return }
        if !change.isCreate {
            try await OutboundWebhooks.emit(.dealStageChanged, resource: .opportunities, id: id, context: context)
        }
        if let stage = OpportunityStage(rawValue: change[.stage].text ?? ""), stage.isClosed {
            try await RecordEvents.dealClosed(id, won: stage == .closedWon, context: context)
            try await OutboundWebhooks.emit(
                stage == .closedWon ? .dealWon : .dealLost, resource: .opportunities, id: id, context: context)
        }
        let wasWon = change.old?[.stage].text == OpportunityStage.closedWon.rawValue
        if change[.stage].text == OpportunityStage.closedWon.rawValue {
            try await recordSale(opportunityID: id, change, context: context)
        } else if wasWon {
            // Reopening a won deal takes its sale back out of the numbers.
            let sales = context.store(.sales)
            let rows = try await context.sql.select().column("*").from("sales").where(
                "opportunity_id", .equal, SQLBind(id)
            ).all()
            for row in rows { try await sales.delete(try sales.decode(row), cascade: true, context: context) }
        }
    }

    /// The lead it was converted from no longer points at it.
    func beforeDelete(_ record: Record, cascade: Bool, context: RecordContext) async throws {
        let leads = context.store(.leads)
        let rows = try await context.sql.select().column("*").from("leads")
            .where("converted_opportunity_id", .equal, SQLBind(record.id)).all()
        for row in rows {
            try await leads.clearReference("convertedOpportunityId", of: try leads.decode(row), context: context)
        }
    }

    private func recordSale(opportunityID: UUID, _ change: RecordChange, context: RecordContext) async throws {
        let lineRows = try await context.sql.select().column("*").from("opportunity_lines")
            .where("opportunity_id", .equal, SQLBind(opportunityID)).all()
        let lines = try lineRows.map { try context.store(.opportunityLines).decode($0) }
        let cost = lines.reduce(Int64(0)) { $0 + ($1[.unitCost].int ?? 0) * ($1[.quantity].int ?? 1) }
        let linesTotal = lines.reduce(Int64(0)) { $0 + ($1[.unitPrice].int ?? 0) * ($1[.quantity].int ?? 1) }
        let amount = change[.amount].int.flatMap { $0 > 0 ? $0 : nil } ?? linesTotal
        let sale = try await context.store(.sales).create(
            values: [
                "opportunityId": .uuid(opportunityID), "accountId": change[.accountId], "repId": change[.ownerId],
                "soldOn": .text(context.today), "amount": .int(amount), "cost": .int(cost),
                "currency": change[.currency],
            ], sent: [], context: context)
        for line in lines {
            _ = try await context.store(.saleLines).create(
                values: [
                    "saleId": .uuid(sale.id), "productId": line[.productId], "quantity": line[.quantity],
                    "unitPrice": line[.unitPrice], "unitCost": line[.unitCost],
                ], sent: [], context: context)
        }
    }
}

/// Line items take the product's price and cost unless given. On a deal, the lines drive its
/// amount (S2): every added, changed or removed line sets the deal's amount to their total.
struct LineItemRules: RecordRules {
    let parentTable: String
    let parentField: String

    func validate(_ change: inout RecordChange, context: RecordContext) async throws {
        guard let product = change[.productId].uuid,
            change[.unitPrice].isNull || change[.unitCost].isNull,
            let row = try await context.store(.products).find(product)
        else { return }
        if change[.unitPrice].isNull { change[.unitPrice] = row[.price] }
        if change[.unitCost].isNull { change[.unitCost] = row[.cost] }
    }

    func afterSave(id: UUID, _ change: RecordChange, context: RecordContext) async throws {
        try await syncDealAmount(change[field: parentField].uuid, context: context)
        if let old = change.old?[field: parentField].uuid, old != change[field: parentField].uuid {
            try await syncDealAmount(old, context: context)
        }
    }

    func afterDelete(_ record: Record, context: RecordContext) async throws {
        try await syncDealAmount(record[field: parentField].uuid, context: context)
    }

    private func syncDealAmount(_ dealID: UUID?, context: RecordContext) async throws {
        guard parentTable == "opportunities", let dealID,
            let deal = try await context.store(.opportunities).find(dealID),
            !(OpportunityStage(rawValue: deal[.stage].text ?? "")?.isClosed ?? false)
        else { return }
        let rows = try await context.sql.select().column("quantity").column("unit_price").from("opportunity_lines")
            .where("opportunity_id", .equal, SQLBind(dealID)).all()
        guard !rows.isEmpty else { return }
        let total = try rows.reduce(Int64(0)) {
            $0 + (try $1.decode(column: "quantity", as: Int64.self))
                * (try $1.decode(column: "unit_price", as: Int64.self))
        }
        if deal[.amount].int != total {
            try await context.store(.opportunities).apply(["amount": .int(total)], to: deal, context: context)
        }
    }
}

/// Direct sales default to today and to the recording rep.
struct SaleRules: RecordRules {
    func validate(_ change: inout RecordChange, context: RecordContext) async throws {
        if change[.soldOn].isNull { change[.soldOn] = .text(context.today) }
    }
}
