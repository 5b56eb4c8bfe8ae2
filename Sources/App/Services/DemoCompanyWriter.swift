import SalesML
import Fluent
import Foundation
import SalesPulseCore
import SQLKit

/// Writes the demo company's CRM history (reference data, leads, activities, accounts,
/// contacts, deals, sales, tasks, notes) in bulk, in one transaction per chunk of leads.
struct DemoCompanyWriter {
    let db: any Database
    let generator: DemoCompanyGenerator
    let repIDs: [UUID]
    let logger: Logger

    struct Counts: Sendable {
        var leads = 0, activities = 0, accounts = 0, opportunities = 0, sales = 0, tasks = 0
    }

    func write(leadCount: Int, chunk: Int = 20_000) async throws -> Counts {
        try await db.withConnection { connection in
            // Bulk loading: one connection, commits that need not wait for the disk. A crash
            // mid-load loses only demo rows, which are loaded again from the same seed. SQLite's
            // writes already commit without waiting (`SQLiteWriter`).
            let sql = connection.sql
            if sql.dialect.name == "postgresql" { try await sql.raw("SET synchronous_commit = off").run() }
            try await connection.writeTransaction { tx in try await tx.sql.prepareForBulkWrites() }
            let reference = try await writeReferenceData(on: sql)
            let deferred = try await DeferredIndexes.setAside(on: Tables().inOrder.map(\.table), in: sql)
            var counts = Counts()
            do {
                var start = 0
                while start < leadCount {
                    let end = min(start + chunk, leadCount)
                    let tables = Tables()
                    for index in start..<end {
                        write(generator.bundle(at: index), reference: reference, tables: tables, counts: &counts)
                    }
                    try await connection.writeTransaction { tx in
                        try await tables.flush(on: tx.sql)
                    }
                    start = end
                    if leadCount >= 100_000, start % 100_000 == 0 {
                        logger.notice("Demo data: \(start) of \(leadCount) leads written")
                    }
                }
            } catch {
                try await deferred.rebuild(in: sql)
                throw error
            }
            if leadCount >= 100_000 { logger.notice("Demo data: building \(deferred.indexes.count) indexes") }
            try await deferred.rebuild(in: sql)
            try await sql.refreshPlannerStatistics()
            return counts
        }
    }

    private struct Reference {
        let regions: [UUID]
        let segments: [UUID]
        let products: [(id: UUID, price: Int64, cost: Int64)]
    }

    /// Rows of one chunk, held until the chunk is written; used by one task at a time.
    private final class Tables: @unchecked Sendable {
        let leads = BulkInserter(
            table: "leads",
            columns: [
                "id", "created_at", "updated_at", "name", "company", "email", "phone", "source", "status",
                "lost_reason", "budget",
                "authority", "need", "timeline", "owner_id", "engagement", "interaction_count", "last_interaction_type",
                "last_interaction_at", "follow_up_at", "region_id", "segment_id", "product_interest",
                "converted_account_id",
                "converted_contact_id", "converted_opportunity_id", "converted_at",
            ])
        let activities = BulkInserter(
            table: "activities",
            columns: [
                "id", "created_at", "updated_at", "type", "subject", "outcome", "occurred_at", "duration_minutes",
                "user_id", "lead_id",
                "account_id", "opportunity_id",
            ])
        let accounts = BulkInserter(
            table: "accounts",
            columns: [
                "id", "created_at", "updated_at", "name", "type", "industry", "segment_id", "region_id", "owner_id",
                "phone", "address", "latitude", "longitude",
            ])
        let contacts = BulkInserter(
            table: "contacts",
            columns: [
                "id", "created_at", "updated_at", "account_id", "name", "role", "email", "phone", "is_primary",
                "owner_id",
            ])
        let opportunities = BulkInserter(
            table: "opportunities",
            columns: [
                "id", "created_at", "updated_at", "account_id", "primary_contact_id", "name", "stage", "probability",
                "amount",
                "currency", "expected_close_date", "owner_id", "lost_reason", "lead_id", "closed_at", "region_id",
                "segment_id", "lead_source",
            ])
        let opportunityLines = BulkInserter(
            table: "opportunity_lines",
            columns: [
                "id", "created_at", "updated_at", "opportunity_id", "product_id", "quantity", "unit_price", "unit_cost",
            ])
        let sales = BulkInserter(
            table: "sales",
            columns: [
                "id", "created_at", "updated_at", "opportunity_id", "account_id", "rep_id", "sold_on", "amount", "cost",
                "currency",
                "region_id", "segment_id", "lead_source",
            ])
        let saleLines = BulkInserter(
            table: "sale_lines",
            columns: [
                "id", "created_at", "updated_at", "sale_id", "product_id", "quantity", "unit_price", "unit_cost",
            ])
        let tasks = BulkInserter(
            table: "tasks",
            columns: [
                "id", "created_at", "updated_at", "title", "type", "priority", "due_at", "assignee_id", "status",
                "lead_id",
            ])

        /// Parents before children, so foreign keys hold at every statement.
        var inOrder: [BulkInserter] {
            [accounts, contacts, leads, opportunities, opportunityLines, sales, saleLines, activities, tasks]
        }

        func flush(on sql: any SQLDatabase) async throws {
            for table in inOrder { try await table.flush(on: sql) }
        }
    }

    private func write(_ bundle: DemoLeadBundle, reference: Reference, tables: Tables, counts: inout Counts) {
        let lead = bundle.lead
        let owner = FieldValue.uuid(repIDs[lead.ownerIndex % repIDs.count])
        let last = bundle.activities.last
        if let conversion = bundle.conversion {
            writeConversion(conversion, lead: lead, owner: owner, reference: reference, tables: tables, counts: &counts)
        }
        let conversion = bundle.conversion
        tables.leads.add([
            .uuid(lead.id), .date(lead.createdAt), .date(last?.occurredAt ?? lead.createdAt), .text(lead.name),
            .text(lead.company),
            .text(lead.email), .text(lead.phone), .text(lead.source.rawValue), .text(lead.status.rawValue),
            text(lead.lostReason),
            lead.budgetCents.map { .int($0) } ?? .null, .bool(lead.authority), .text(lead.need), .text(lead.timeline),
            owner,
            .text(EngagementLevel.from(interactions: bundle.activities.count).rawValue),
            .int(Int64(bundle.activities.count)),
            last.map { .text($0.type.rawValue) } ?? .null, last.map { .date($0.occurredAt) } ?? .null,
            lead.followUpAt.map { .date($0) } ?? .null,
            .uuid(reference.regions[lead.regionIndex % reference.regions.count]),
            .uuid(reference.segments[lead.segmentIndex % reference.segments.count]), .text(lead.productInterest),
            conversion.map { .uuid($0.accountID) } ?? .null, conversion.map { .uuid($0.contactID) } ?? .null,
            conversion.map { .uuid($0.opportunityID) } ?? .null, conversion.map { .date($0.convertedAt) } ?? .null,
        ])
        counts.leads += 1
        for activity in bundle.activities {
            tables.activities.add([
                .uuid(activity.id), .date(activity.occurredAt), .date(activity.occurredAt),
                .text(activity.type.rawValue),
                .text(activity.subject), text(activity.outcome), .date(activity.occurredAt),
                .int(Int64(activity.durationMinutes)), owner, .uuid(lead.id),
                conversion.map { .uuid($0.accountID) } ?? .null, conversion.map { .uuid($0.opportunityID) } ?? .null,
            ])
            counts.activities += 1
        }
        if let followUp = lead.followUpAt, lead.status.isOpen {
            tables.tasks.add([
                .uuid(UUID(uuid: lead.id.uuid)), .date(lead.createdAt), .date(lead.createdAt),
                .text("Follow up with \(lead.name)"),
                .text(TaskType.followUp.rawValue), .text(TaskPriority.normal.rawValue), .date(followUp), owner,
                .text(TaskStatus.open.rawValue), .uuid(lead.id),
            ])
            counts.tasks += 1
        }
    }

    private func writeConversion(
        _ conversion: DemoConversion, lead: DemoLead, owner: FieldValue, reference: Reference,
        tables: Tables, counts: inout Counts
    ) {
        let at = FieldValue.date(conversion.convertedAt)
        let region = FieldValue.uuid(reference.regions[lead.regionIndex % reference.regions.count])
        let segment = FieldValue.uuid(reference.segments[lead.segmentIndex % reference.segments.count])
        // The copies FactDimensions keeps: the account's region and segment, the lead's source.
        let dimensions = [region, segment, FieldValue.text(lead.source.rawValue)]
        let place = DemoPlaces.place(of: conversion.accountID, repIndex: lead.ownerIndex)
        tables.accounts.add([
            .uuid(conversion.accountID), at, at, .text(lead.company), .text(AccountType.customer.rawValue),
            .text(conversion.industry),
            segment, region, owner, .text(lead.phone), .text(place.address),
            .int(Int64((place.latitude * 1_000_000).rounded())), .int(Int64((place.longitude * 1_000_000).rounded())),
        ])
        tables.contacts.add([
            .uuid(conversion.contactID), at, at, .uuid(conversion.accountID), .text(lead.name),
            .text(ContactRole.decisionMaker.rawValue),
            .text(lead.email), .text(lead.phone), .bool(true), owner,
        ])
        let closed = conversion.closedAt.map { FieldValue.date($0) } ?? .null
        tables.opportunities.add(
            [
                .uuid(conversion.opportunityID), at, conversion.closedAt.map { .date($0) } ?? at,
                .uuid(conversion.accountID),
                .uuid(conversion.contactID), .text("\(lead.company) – \(lead.productInterest)"),
                .text(conversion.stage.rawValue),
                .int(Int64(conversion.stage.defaultProbability)), .int(conversion.amountCents), .text("USD"),
                .text(Self.day(conversion.expectedClose)), owner,
                text(conversion.lostReason), .uuid(lead.id), closed,
            ] + dimensions)
        counts.accounts += 1
        counts.opportunities += 1
        var cost: Int64 = 0
        for line in conversion.lines {
            let product = reference.products[line.productIndex % reference.products.count]
            cost += product.cost * Int64(line.quantity)
            tables.opportunityLines.add([
                .uuid(line.id), at, at, .uuid(conversion.opportunityID), .uuid(product.id), .int(Int64(line.quantity)),
                .int(product.price), .int(product.cost),
            ])
        }
        guard let saleID = conversion.saleID, let closedAt = conversion.closedAt else { return }
        tables.sales.add(
            [
                .uuid(saleID), .date(closedAt), .date(closedAt), .uuid(conversion.opportunityID),
                .uuid(conversion.accountID), owner,
                .text(Self.day(closedAt)), .int(conversion.amountCents), .int(cost), .text("USD"),
            ] + dimensions)
        for (line, id) in zip(conversion.lines, conversion.saleLineIDs) {
            let product = reference.products[line.productIndex % reference.products.count]
            tables.saleLines.add([
                .uuid(id), .date(closedAt), .date(closedAt), .uuid(saleID), .uuid(product.id),
                .int(Int64(line.quantity)),
                .int(product.price), .int(product.cost),
            ])
        }
        counts.sales += 1
    }

    private func writeReferenceData(on sql: any SQLDatabase) async throws -> Reference {
        var random = SeededRandom(seed: generator.seed ^ 0x5EED)
        func ids(_ table: String, _ names: [String]) async throws -> [UUID] {
            var result: [UUID] = []
            for name in names {
                if let row = try await sql.select().column("id").from(table).where("name", .equal, SQLBind(name))
                    .first()
                {
                    result.append(try row.decode(column: "id", as: UUID.self))
                    continue
                }
                let id = UUID(uuid: Self.bytes(&random))
                try await sql.insert(into: table).columns("id", "created_at", "updated_at", "name")
                    .values(SQLBind(id), SQLBind(generator.asOf), SQLBind(generator.asOf), SQLBind(name)).run()
                result.append(id)
            }
            return result
        }
        let regions = try await ids("regions", DemoCatalog.regions)
        let segments = try await ids("segments", DemoCatalog.segments)
        let categories = try await ids("product_categories", DemoCatalog.categories)
        var products: [(UUID, Int64, Int64)] = []
        for product in DemoCatalog.products {
            if let row = try await sql.select().column("id").from("products").where(
                "name", .equal, SQLBind(product.name)
            ).first() {
                products.append((try row.decode(column: "id", as: UUID.self), product.priceCents, product.costCents))
                continue
            }
            let id = UUID(uuid: Self.bytes(&random))
            let category = categories[DemoCatalog.categories.firstIndex(of: product.category) ?? 0]
            try await sql.insert(into: "products").columns(
                "id", "created_at", "updated_at", "name", "category_id", "price", "cost", "is_active"
            )
            .values(
                SQLBind(id), SQLBind(generator.asOf), SQLBind(generator.asOf), SQLBind(product.name), SQLBind(category),
                SQLBind(product.priceCents), SQLBind(product.costCents), SQLBind(true)
            ).run()
            products.append((id, product.priceCents, product.costCents))
        }
        return Reference(
            regions: regions, segments: segments, products: products.map { (id: $0.0, price: $0.1, cost: $0.2) })
    }

    private func text(_ value: String?) -> FieldValue { value.map { .text($0) } ?? .null }

    static func day(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", parts.year!, parts.month!, parts.day!)
    }

    private static func bytes(_ random: inout SeededRandom) -> uuid_t {
        let high = random.next(), low = random.next()
        let raw = withUnsafeBytes(of: high) { Array($0) } + withUnsafeBytes(of: low) { Array($0) }
        return (
            raw[0], raw[1], raw[2], raw[3], raw[4], raw[5], raw[6] & 0x0F | 0x40, raw[7],
            raw[8] & 0x3F | 0x80, raw[9], raw[10], raw[11], raw[12], raw[13], raw[14], raw[15]
        )
    }
}
