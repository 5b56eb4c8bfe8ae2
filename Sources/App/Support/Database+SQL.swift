import Fluent
import SQLKit

extension Database {
    /// The same connection for hand-written SQL. Both drivers the app runs on (SQLite and
    /// PostgreSQL) are SQL databases, so this cannot fail.
    var sql: any SQLDatabase { self as! any SQLDatabase }
}
