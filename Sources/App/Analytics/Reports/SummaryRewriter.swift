import Foundation
import NIOCore
import SalesPulseCore
import Vapor

extension SalesReport {
    static let rewordingInstructions = """
        You edit the summary of a company's sales report for its managers. Reword it into clear, \
        friendly business English. Keep every number exactly as written, each as often as it \
        appears, and every name of a person, region, product or source; add no number, name or \
        fact. Answer with the summary only, paragraphs separated by a blank line.
        """

    /// The summary reworded by the configured language model when the rewrite keeps every
    /// number and name; otherwise, and on any error or time-out, the report as it was.
    func reworded(settings: LanguageModelSettings?, client: any Client, logger: Logger) async -> SalesReport {
        guard let settings, !summary.isEmpty else { return self }
        let original = summary.joined(separator: "\n\n")
        do {
            let text = try await settings.complete(system: Self.rewordingInstructions, user: original, client: client)
            let names = movements.flatMap { $0.rows.map(\.label) } + [scopeText]
            guard ProseCheck.keepsFacts(original: original, rewrite: text, names: names) else {
                logger.notice("Report summary rewrite discarded: it changed a number or a name.")
                return self
            }
            var copy = self
            copy.summary = text.components(separatedBy: "\n\n").map {
                $0.trimmingCharacters(in: .whitespacesAndNewlines)
            }.filter { !$0.isEmpty }
            copy.summaryAuthor = .languageModel
            return copy
        } catch {
            logger.warning("Report summary rewrite failed, the written summary is kept: \(error)")
            return self
        }
    }
}
