/// The order to fill tables in so that every referenced row exists before the rows that
/// point at it: parents first, ties by name. A table's links to itself are left out (its
/// rows go in first and their links to each other are set afterwards).
public enum TableOrder {
    public struct Cycle: Error, Equatable, CustomStringConvertible {
        public let tables: [String]
        public init(tables: [String]) { self.tables = tables }
        public var description: String {
            "tables that refer to each other in a circle: \(tables.joined(separator: ", "))"
        }
    }

    public static func parentsFirst(_ parents: [String: Set<String>]) throws -> [String] {
        var waiting = parents
        for (table, links) in waiting { waiting[table] = links.filter { $0 != table && parents[$0] != nil } }
        var order: [String] = []
        while !waiting.isEmpty {
            let ready = waiting.filter { $0.value.isEmpty }.keys.sorted()
            guard !ready.isEmpty else { throw Cycle(tables: waiting.keys.sorted()) }
            for table in ready {
                order.append(table)
                waiting[table] = nil
            }
            for table in waiting.keys { waiting[table]?.subtract(ready) }
        }
        return order
    }
}
