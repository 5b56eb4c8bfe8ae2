/// How full a group is, in the colour bands of the groups page.
public struct GroupOccupancy: Sendable, Hashable {
    public enum Band: String, Sendable {
        /// Under half full.
        case green
        /// Half to four fifths.
        case orange
        /// Four fifths or more.
        case red
    }

    public let students: Int
    public let capacity: Int

    public init(students: Int, capacity: Int) {
        self.students = students
        self.capacity = capacity
    }

    /// 0–100 (more only if capacity was lowered under the students already in).
    public var percent: Int { capacity > 0 ? Int((Double(students) * 100 / Double(capacity)).rounded()) : 0 }
    public var freeSeats: Int { max(0, capacity - students) }
    public var isFull: Bool { students >= capacity }
    public var isEmpty: Bool { students == 0 }
    /// Four fifths or more but not full.
    public var isNearlyFull: Bool { !isFull && percent >= 80 }

    public var band: Band {
        let share = capacity > 0 ? Double(students) / Double(capacity) : 1
        if share >= 0.8 { return .red }
        return share >= 0.5 ? .orange : .green
    }
}
