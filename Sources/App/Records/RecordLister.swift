import Fluent
import Foundation
import SalesPulseCore
import SQLKit

/// Runs a list query: only rows the actor may see, filtered, searched, sorted, one page at a
/// time with a keyset cursor (sort value + id), so page 1000 costs what page 1 costs.
struct RecordLister: Sendable {
    let spec: RecordSpec
    let db: any Database

    var sql: any SQLDatabase { db.sql }

    func page(
        _ query: RecordListQuery, actor: Actor, now: Date = Date()
    ) async throws -> (items: [Record], nextCursor: String?) {
        let builder = sql.select().column("*").from(spec.table)
        restrict(builder, query, actor: actor, now: now)
        let sortExpression = self.sortExpression(query)
        if let cursor = query.page.cursor {
            builder.where(
                try await cursorExpression(cursor, query: query, actor: actor, sortExpression: sortExpression))
        }
        let direction: SQLDirection = query.sort.descending ? .descending : .ascending
        builder.orderBy(sortExpression, direction).orderBy(SQLIdentifier("id"), direction).limit(query.page.limit + 1)
        let rows = try await builder.all()
        let store = RecordStore(spec: spec, db: db)
        let items = try rows.prefix(query.page.limit).map(store.decode)
        guard rows.count > query.page.limit, let last = rows.prefix(query.page.limit).last else { return (items, nil) }
        return (items, try await makeCursor(last, query: query, actor: actor))
    }

    /// How many rows match the query, paging aside.
    func count(_ query: RecordListQuery, actor: Actor, now: Date = Date()) async throws -> Int {
        try await summary(query, actor: actor, now: now, summing: nil).count
    }

    /// How many rows match the query and, when asked, the sum of one money column over them.
    func summary(
        _ query: RecordListQuery, actor: Actor, now: Date = Date(), summing column: String?
    ) async throws -> (count: Int, sum: Int64?) {
        let builder = sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from(spec.table)
        if let column { builder.column(SQLQueryString.bigintSum(column), as: "total") }
        restrict(builder, query, actor: actor, now: now)
        guard let row = try await builder.first() else { return (0, nil) }
        return (
            try row.decode(column: "n", as: Int.self),
            try column.map { _ in try row.decode(column: "total", as: Int64.self) }
        )
    }

    /// Rows matching the query (ignoring sort and paging), grouped by one column: for board
    /// column counts and totals. Without `amount`, the totals are zero.
    func totals(
        _ query: RecordListQuery, actor: Actor, now: Date = Date(), groupedBy column: String, summing amount: String?
    ) async throws -> [String: (count: Int, sum: Int64)] {
        let bucket = SQLIdentifier(column)
        let builder = sql.select().column(bucket, as: "bucket")
            .column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n")
            .column(amount.map { SQLQueryString.bigintSum($0) } ?? "CAST(0 AS BIGINT)", as: "total")
            .from(spec.table)
        restrict(builder, query, actor: actor, now: now)
        builder.groupBy(bucket)
        var result: [String: (count: Int, sum: Int64)] = [:]
        for row in try await builder.all() {
            // Text on SQLite; PostgreSQL hands an id column back as a UUID. No value: "".
            let bucket =
                (try? row.decode(column: "bucket", as: String?.self))
                ?? (try? row.decode(column: "bucket", as: UUID?.self))?.map(\.uuidString) ?? ""
            result[bucket] = (
                try row.decode(column: "n", as: Int.self), try row.decode(column: "total", as: Int64.self)
            )
        }
        return result
    }

    /// The smallest or largest value of a column among the rows the query matches: the first
    /// row of an index on the column, where MIN or MAX beside other conditions may read them all.
    func edge<Value: Decodable>(
        _ query: RecordListQuery, actor: Actor, now: Date = Date(), column: String, last: Bool, as type: Value.Type
    ) async throws -> Value? {
        let builder = sql.select().column(SQLIdentifier(column), as: "edge").from(spec.table)
        restrict(builder, query, actor: actor, now: now)
        builder.where(SQLBinaryExpression(SQLIdentifier(column), .isNot, SQLLiteral.null))
        let direction: SQLDirection = last ? .descending : .ascending
        builder.orderBy(SQLIdentifier(column), direction).limit(1)
        return try await builder.first().map { try $0.decode(column: "edge", as: Value.self) }
    }

    /// Visibility, team, filters, snoozing and search: everything but order and paging.
    private func restrict(_ builder: SQLSelectBuilder, _ query: RecordListQuery, actor: Actor, now: Date) {
        let visible = AccessPolicy.visibleOwnerIDs(actor)
        let owners: (any SQLExpression)? = visible.map { ids in
            SQLGroupExpression(SQLList(ids.sorted { $0.uuidString < $1.uuidString }.map { SQLBind($0) }))
        }
        let teamMembers: (any SQLExpression)? = query.teamID.map { team in
            SQLQueryString(
                "(SELECT \(ident: "id") FROM \(ident: User.schema) WHERE \(ident: "team_id") = \(bind: team))")
        }
        switch spec.ownership {
        case .owner(let field):
            let column = SQLIdentifier(spec.field(field)!.column)
            if let owners { builder.where(column, .in, owners) }
            if let teamMembers { builder.where(column, .in, teamMembers) }
        case .parent(let field, let table, let ownerColumn):
            let column = SQLIdentifier(spec.field(field)!.column)
            for restriction in [owners, teamMembers].compactMap({ $0 }) {
                builder.where(
                    column, .in,
                    SQLQueryString(
                        "(SELECT \(ident: "id") FROM \(ident: table) WHERE \(ident: ownerColumn) IN \(restriction))"))
            }
        case .shared:
            break
        }
        for condition in query.conditions { builder.where(condition.sql) }
        if let search = query.search {
            if query.wordSearch,
                let words = WordSearch.condition(
                    table: spec.table, words: WordSearch.words(search), dialect: sql.dialect.name)
            {
                builder.where(SQLGroupExpression(words))
            } else if let expression = searchExpression(search) {
                builder.where(expression)
            }
        }
        if !query.includeSnoozed, let snoozed = spec.field("snoozedUntil") {
            builder.where(
                SQLGroupExpression(
                    SQLBinaryExpression(
                        SQLBinaryExpression(SQLIdentifier(snoozed.column), .is, SQLLiteral.null), .or,
                        SQLBinaryExpression(SQLIdentifier(snoozed.column), .lessThanOrEqual, SQLBind(now)))))
        }
        if query.onlyStalled {
            let open: SQLQueryString =
                "\(ident: spec.table).\(ident: "stage") IN \(AnalyticsSQL.inList(KPIQueries.openStages))"
            for condition in [open] + KPIQueries.stalled(now: now) { builder.where(SQLGroupExpression(condition)) }
        }
    }

    /// Prefix ranges (col >= q AND col < q + U+FFFF) rather than LIKE, so a plain index
    /// (or an index on lower(col)) serves them on SQLite and PostgreSQL alike.
    private func searchExpression(_ search: String) -> (any SQLExpression)? {
        var alternatives: [any SQLExpression] = []
        for column in spec.search {
            var term = search
            if column.phoneDigits {
                let digits = search.filter { $0.isNumber }
                guard digits.count >= 3, search.allSatisfy({ $0.isNumber || " +-()".contains($0) }) else { continue }
                term = (search.hasPrefix("+") ? "+" : "") + digits
            }
            let target: any SQLExpression =
                column.lowercased
                ? SQLFunction("lower", args: SQLIdentifier(column.column)) : SQLIdentifier(column.column)
            alternatives.append(
                SQLGroupExpression(
                    SQLBinaryExpression(
                        SQLBinaryExpression(target, .greaterThanOrEqual, SQLBind(term)), .and,
                        SQLBinaryExpression(target, .lessThan, SQLBind(term + "\u{FFFF}")))))
        }
        guard var combined = alternatives.first else { return nil }
        for alternative in alternatives.dropFirst() { combined = SQLBinaryExpression(combined, .or, alternative) }
        return SQLGroupExpression(combined)
    }

    /// Nullable columns sort with a stand-in value, so the keyset comparison never meets NULL.
    /// A range on the sort column already keeps NULL out, and the bare column lets an index
    /// give the order instead of sorting every match.
    private func sortExpression(_ query: RecordListQuery) -> any SQLExpression {
        let sort = query.sort
        guard sort.nullable, !query.hasRange(on: sort.column) else { return SQLIdentifier(sort.column) }
        return SQLFunction("COALESCE", args: SQLIdentifier(sort.column), nullStandIn(sort.kind).sql)
    }

    private func nullStandIn(_ kind: FieldKind) -> FieldValue {
        switch kind {
        case .integer, .money, .percent, .coordinate: .int(Int64.min)
        case .instant: .date(Date(timeIntervalSince1970: 0))
        case .bool: .bool(false)
        default: .text("")
        }
    }

    private func makeCursor(_ row: any SQLRow, query: RecordListQuery, actor: Actor) async throws -> String {
        let sort = query.sort
        let cursor = ListCursor(
            list: spec.path, sort: sortKey(sort), actor: actor.userID,
            value: try ListCursor.sortValue(
                of: row, sort: sort, dialect: sql.dialect.name, nullStandIn: nullStandIn(sort.kind)),
            id: try rowID(row))
        return try cursor.encoded(key: try await ListCursor.key(on: sql))
    }

    private func rowID(_ row: any SQLRow) throws -> UUID {
        if sql.dialect.name == "sqlite", let id = UUID(uuidString: try row.decode(column: "id", as: String.self)) {
            return id
        }
        return try row.decode(column: "id", as: UUID.self)
    }

    private func sortKey(_ sort: RecordListQuery.Sort) -> String { (sort.descending ? "-" : "") + sort.name }

    /// Rows after the cursor's position, compared with the values it carries and nothing else.
    private func cursorExpression(
        _ text: String, query: RecordListQuery, actor: Actor, sortExpression: any SQLExpression
    ) async throws -> any SQLExpression {
        let cursor = try ListCursor.decode(text, key: try await ListCursor.key(on: sql))
        guard cursor.list == spec.path, cursor.sort == sortKey(query.sort), cursor.actor == actor.userID else {
            throw ListCursor.invalid()
        }
        let anchor = try cursor.bind(kind: query.sort.kind, dialect: sql.dialect.name)
        let beyond: SQLBinaryOperator = query.sort.descending ? .lessThan : .greaterThan
        return SQLGroupExpression(
            SQLBinaryExpression(
                SQLBinaryExpression(sortExpression, beyond, anchor), .or,
                SQLGroupExpression(
                    SQLBinaryExpression(
                        SQLBinaryExpression(sortExpression, .equal, anchor), .and,
                        SQLBinaryExpression(SQLIdentifier("id"), beyond, SQLBind(cursor.id))))))
    }
}

extension Data {
    var base64URLEncoded: String {
        base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    init?(base64URLEncoded text: String) {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        self.init(base64Encoded: base64)
    }
}
