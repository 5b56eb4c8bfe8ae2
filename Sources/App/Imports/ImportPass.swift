import Foundation
import SalesPulseCore

/// What to do with one line, decided the same way when checking the file and when importing
/// it: refuse it (with the field to blame), create it, or treat it as a duplicate of a stored
/// record or of an earlier line.
enum ImportDecision: Sendable {
    case invalid(DomainError)
    case create([String: FieldValue], MatchCandidate)
    case duplicate([String: FieldValue], MatchCandidate, DuplicateMatch<UUID>)

    var candidate: MatchCandidate? {
        switch self {
        case .invalid: nil
        case .create(_, let candidate), .duplicate(_, let candidate, _): candidate
        }
    }
}

/// Walks the lines of a file in order, keeping the earlier lines that will be created so
/// that a later line repeating one is caught as well.
struct ImportPass: Sendable {
    let reader: ImportRowReader
    var stored: DuplicateIndex<UUID>
    var inFile = DuplicateIndex<UUID>()

    init(reader: ImportRowReader, stored: DuplicateIndex<UUID>) {
        self.reader = reader
        self.stored = stored
    }

    /// Lines of a batch being written, compared with like earlier ones; they join the pass
    /// (`keep`) only once the batch commits, so a failed batch leaves the pass as it was
    /// without a copy of the whole file's index per batch.
    struct Pending {
        fileprivate var index = DuplicateIndex<UUID>()
        fileprivate var lines: [(candidate: MatchCandidate, line: Int)] = []

        mutating func remember(_ candidate: MatchCandidate, line: Int) {
            index.add(candidate, as: .row(line))
            lines.append((candidate, line))
        }
    }

    func decide(line: Int, cells: [String], pending: Pending? = nil) -> ImportDecision {
        let values: [String: FieldValue]
        do { values = try reader.values(cells) } catch { return .invalid(error) }
        let candidate = reader.candidate(values)
        if let match = stored.match(candidate) ?? inFile.match(candidate) ?? pending?.index.match(candidate) {
            return .duplicate(values, candidate, match)
        }
        return .create(values, candidate)
    }

    mutating func keep(_ pending: Pending) {
        for entry in pending.lines { inFile.add(entry.candidate, as: .row(entry.line)) }
    }

    /// A line that is being written joins the lines later ones are compared with.
    mutating func remember(_ candidate: MatchCandidate, line: Int) {
        inFile.add(candidate, as: .row(line))
    }
}
