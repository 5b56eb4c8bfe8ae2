import Foundation

/// Why a lead has its score, kept as JSON text beside the score and shown on the lead's page.
public struct ScoreExplanation: Sendable, Equatable, Codable {
    public enum Method: String, Sendable, Codable {
        /// The lead scoring model; effects are points of conversion chance.
        case model
        /// The starter heuristic, used until there are enough closed leads to learn from.
        case heuristic
    }

    public let method: Method
    public let factors: [ScoreFactor]
    /// The model's version; nil for the heuristic.
    public let version: Int?

    public init(method: Method, factors: [ScoreFactor], version: Int? = nil) {
        self.method = method
        self.factors = factors
        self.version = version
    }

    /// Keys sorted, so the same explanation is always the same text.
    public var text: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: (try? encoder.encode(self)) ?? Data("{}".utf8), as: UTF8.self)
    }

    /// The explanation stored as `text`; nil for no text or text that is not one.
    public init?(text: String?) {
        guard let text, let explanation = try? JSONDecoder().decode(Self.self, from: Data(text.utf8)) else {
            return nil
        }
        self = explanation
    }
}
