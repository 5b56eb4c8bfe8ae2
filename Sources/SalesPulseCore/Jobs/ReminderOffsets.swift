/// A task's reminder offsets (S2) as typed: how long before the due time to remind, as a
/// comma-separated list of `1d`, `2h`, `15m` or plain minutes. Empty means at the due time.
public enum ReminderOffsets {
    /// Minutes before the due time, largest first, without repeats; nil when a part is not an offset.
    public static func minutes(_ text: String?) -> [Int]? {
        let parts = (text ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            .filter { !$0.isEmpty }
        guard !parts.isEmpty else { return [0] }
        var result: Set<Int> = []
        for part in parts {
            let unit = part.last.flatMap { $0.isLetter ? $0 : nil }
            guard let number = Int(unit == nil ? part : String(part.dropLast())), number >= 0 else { return nil }
            switch unit {
            case nil, "m": result.insert(number)
            case "h": result.insert(number * 60)
            case "d": result.insert(number * 1_440)
            default: return nil
            }
        }
        return result.sorted(by: >)
    }
}
