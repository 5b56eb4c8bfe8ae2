import SQLKit

extension RecordListQuery.Condition {
    /// The condition as a WHERE term.
    var sql: any SQLExpression {
        switch self {
        case .equals(let column, let values):
            if values.count == 1 {
                return values[0].isNull
                    ? SQLBinaryExpression(SQLIdentifier(column), .is, SQLLiteral.null)
                    : SQLBinaryExpression(SQLIdentifier(column), .equal, values[0].sql)
            }
            return SQLBinaryExpression(SQLIdentifier(column), .in, SQLGroupExpression(SQLList(values.map(\.sql))))
        case .atLeast(let column, let value):
            return SQLBinaryExpression(SQLIdentifier(column), .greaterThanOrEqual, value.sql)
        case .atMost(let column, let value):
            return SQLBinaryExpression(SQLIdentifier(column), .lessThanOrEqual, value.sql)
        case .matches(let condition):
            return SQLGroupExpression(condition)
        }
    }
}
