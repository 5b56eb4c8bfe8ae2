import Foundation

/// Turns a table of text columns into a numeric Dataset: numeric columns as numbers (missing
/// values replaced by the column mean), categorical columns one-hot (or ordinal) encoded, the
/// target column read as a binary label.
public struct TableEncoder: Codable, Sendable, Equatable {
    public enum CategoricalEncoding: String, Codable, Sendable {
        case oneHot
        case ordinal
    }

    enum Column: Codable, Sendable, Equatable {
        case numeric(name: String, mean: Double)
        case categorical(name: String, categories: [String])
    }

    let columns: [Column]
    public let encoding: CategoricalEncoding
    public let featureNames: [String]

    public struct EncodingError: Error, CustomStringConvertible, Equatable {
        public let description: String
    }

    static let missing: Set<String> = ["", "na", "n/a", "nan", "null", "none", "?"]
    static let positiveWords: Set<String> = ["1", "yes", "true", "won", "y", "positive", "hit", "converted"]

    /// Learns the columns from training rows: a column is numeric when every present value parses.
    public init(
        header: [String], rows: [[String]], target: String, encoding: CategoricalEncoding = .oneHot,
        maxCategories: Int = 50
    ) throws {
        guard header.contains(target) else {
            throw EncodingError(
                description: "There is no column named '\(target)'. Columns: \(header.joined(separator: ", ")).")
        }
        var columns: [Column] = []
        for (index, name) in header.enumerated() where name != target {
            let present = rows.map { $0[index].trimmingCharacters(in: .whitespaces) }.filter {
                !Self.missing.contains($0.lowercased())
            }
            let numbers = present.compactMap(Double.init)
            if !present.isEmpty, numbers.count == present.count {
                columns.append(.numeric(name: name, mean: numbers.reduce(0, +) / Double(numbers.count)))
            } else {
                var counts: [String: Int] = [:]
                for value in present { counts[value, default: 0] += 1 }
                let categories = counts.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.prefix(maxCategories).map(
                    \.key
                ).sorted()
                columns.append(.categorical(name: name, categories: categories))
            }
        }
        self.columns = columns
        self.encoding = encoding
        featureNames = columns.flatMap { column -> [String] in
            switch column {
            case .numeric(let name, _): [name]
            case .categorical(let name, let categories):
                encoding == .ordinal ? [name] : categories.map { "\(name)=\($0)" }
            }
        }
    }

    /// Encodes rows; `positive` names the label value counted as 1 (default: yes/1/true/won…).
    public func dataset(header: [String], rows: [[String]], target: String, positive: String? = nil) throws -> Dataset {
        guard let targetIndex = header.firstIndex(of: target) else {
            throw EncodingError(description: "There is no column named '\(target)'.")
        }
        let positives = positive.map { Set([$0.lowercased()]) } ?? Self.positiveWords
        let indexOf = Dictionary(uniqueKeysWithValues: header.enumerated().map { ($1, $0) })
        var values: [Double] = []
        values.reserveCapacity(rows.count * featureNames.count)
        for row in rows {
            for column in columns {
                switch column {
                case .numeric(let name, let mean):
                    values.append(Double(row[indexOf[name]!].trimmingCharacters(in: .whitespaces)) ?? mean)
                case .categorical(let name, let categories):
                    let value = row[indexOf[name]!].trimmingCharacters(in: .whitespaces)
                    if encoding == .ordinal {
                        values.append(Double(categories.firstIndex(of: value).map { $0 + 1 } ?? 0))
                    } else {
                        for category in categories { values.append(category == value ? 1 : 0) }
                    }
                }
            }
        }
        let labels = rows.map {
            positives.contains($0[targetIndex].trimmingCharacters(in: .whitespaces).lowercased()) ? 1 : 0
        }
        guard Set(labels).count == 2 else {
            throw EncodingError(
                description:
                    "The target '\(target)' needs both classes; found only \(labels.first == 1 ? "positives" : "negatives"). Name the positive value with --positive."
            )
        }
        return Dataset(featureNames: featureNames, values: values, labels: labels)
    }
}
