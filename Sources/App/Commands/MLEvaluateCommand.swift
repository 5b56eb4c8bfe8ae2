import Documents
import Foundation
import SalesML
import Vapor

/// `ml evaluate`: trains one of SalesML's models on any CSV with a stratified hold-out and
/// prints the metrics, timings and top features as JSON.
struct MLEvaluateCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "data", help: "CSV file (delimiter detected; header line required).")
        var data: String?
        @Option(name: "target", help: "Column to predict.")
        var target: String?
        @Option(name: "model", help: "forest (default), boosting or logistic.")
        var model: String?
        @Option(
            name: "test-data", help: "CSV of test rows; when given, all of --data trains and --test-size is ignored.")
        var testData: String?
        @Option(name: "test-size", help: "Share of rows held out for testing (default 0.2).")
        var testSize: Double?
        @Option(name: "seed", help: "Random seed (default 42).")
        var seed: Int?
        @Option(name: "trees", help: "Forest: number of trees (default 100).")
        var trees: Int?
        @Option(name: "max-depth", help: "Tree depth (default 10 for forests, 6 for boosting).")
        var maxDepth: Int?
        @Option(name: "max-iterations", help: "Boosting: most rounds (default 100, early stopping on).")
        var maxIterations: Int?
        @Option(name: "learning-rate", help: "Boosting: shrinkage (default 0.1).")
        var learningRate: Double?
        @Option(name: "positive", help: "Target value counted as positive (default yes/1/true/won).")
        var positive: String?
        @Option(name: "categorical", help: "onehot (default) or ordinal.")
        var categorical: String?
    }

    var help: String { "Trains a model on a CSV file and prints hold-out metrics, timings and top features as JSON." }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard let path = signature.data, let target = signature.target else {
            throw DomainError.invalid(
                field: signature.data == nil ? "data" : "target", "--data FILE.csv and --target COLUMN are required.")
        }
        let table = try Self.read(path, option: "data")
        let testTable = try signature.testData.map { try Self.read($0, option: "test-data") }
        let testSize = signature.testSize ?? 0.2
        guard (0.05...0.9).contains(testSize) else {
            throw DomainError.invalid(field: "test-size", "Use a share from 0.05 to 0.9.")
        }
        let encoding: TableEncoder.CategoricalEncoding = signature.categorical == "ordinal" ? .ordinal : .oneHot
        let seed = UInt64(signature.seed ?? 42)
        let report: EvaluationReport
        do {
            let encoder = try TableEncoder(header: table.header, rows: table.rows, target: target, encoding: encoding)
            let data = try encoder.dataset(
                header: table.header, rows: table.rows, target: target, positive: signature.positive)
            let test = try testTable.map {
                try encoder.dataset(header: $0.header, rows: $0.rows, target: target, positive: signature.positive)
            }
            report = try await Evaluation.run(
                data: data, test: test, model: signature.model ?? "forest", testFraction: testSize, seed: seed,
                trees: signature.trees, maxDepth: signature.maxDepth,
                maxIterations: signature.maxIterations, learningRate: signature.learningRate)
        } catch let error as TableEncoder.EncodingError {
            throw DomainError.invalid(field: "target", error.description)
        } catch let error as Evaluation.UnknownModel {
            throw DomainError.invalid(field: "model", error.description)
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        context.console.print(String(decoding: try encoder.encode(report), as: UTF8.self))
    }
}

extension MLEvaluateCommand {
    static func read(_ path: String, option: String) throws -> CSVTable {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw DomainError.invalid(field: option, "Cannot read \(path) as UTF-8 text.")
        }
        do { return try CSVTable(text: text) } catch { throw DomainError.invalid(field: option, "\(error)") }
    }
}

struct MLCommands: AsyncCommandGroup {
    var commands: [String: any AnyAsyncCommand] { ["evaluate": MLEvaluateCommand()] }
    var help: String { "Machine learning tools: evaluate a model on your own data." }
}
