/// S6 colour bands for conversion rates and plain-language advice per lead source.
public enum ConversionBand: String, Sendable, Codable {
    case green, orange, red

    /// green ≥ 20 %, orange 10–20 %, red < 10 %.
    public init(rate: Double) {
        self = rate >= 20 ? .green : rate >= 10 ? .orange : .red
    }
}

public struct SourceFigures: Sendable, Equatable {
    public let source: String
    public let leads: Int
    public let converted: Int
    public let revenueCents: Int64
    public let spendCents: Int64?

    public init(source: String, leads: Int, converted: Int, revenueCents: Int64, spendCents: Int64? = nil) {
        self.source = source
        self.leads = leads
        self.converted = converted
        self.revenueCents = revenueCents
        self.spendCents = spendCents
    }

    public var conversionRate: Double? { leads > 0 ? Double(converted) / Double(leads) * 100 : nil }
}

public enum LeadSourceAdvice {
    /// Sources with fewer leads than this are too small to judge.
    public static let minimumLeads = 20

    /// Recommendations, most important first, each naming the numbers behind it.
    public static func recommendations(_ sources: [SourceFigures]) -> [String] {
        let judged = sources.filter { $0.leads >= minimumLeads && $0.conversionRate != nil }
        guard !judged.isEmpty else {
            return ["Not enough leads yet to compare sources (each needs at least \(minimumLeads))."]
        }
        var advice: [String] = []
        let totalLeads = judged.reduce(0) { $0 + $1.leads }, totalConverted = judged.reduce(0) { $0 + $1.converted }
        let average = Double(totalConverted) / Double(max(totalLeads, 1)) * 100
        let ranked = judged.sorted { $0.conversionRate! > $1.conversionRate! }
        if let best = ranked.first, best.conversionRate! >= 20 {
            advice.append(
                "\(label(best.source)) converts best (\(percent(best.conversionRate!)) of \(best.leads) leads, against \(percent(average)) overall): put more budget and follow-up time there."
            )
        }
        // The red sources that matter most: the ones sending the most leads.
        let red = judged.filter { ConversionBand(rate: $0.conversionRate!) == .red }.sorted { $0.leads > $1.leads }
        for source in red.prefix(3) {
            let costly = source.spendCents.map { $0 > 0 } ?? false
            advice.append(
                "\(label(source.source)) converts only \(percent(source.conversionRate!)) of \(source.leads) leads"
                    + (costly
                        ? " while it costs money: review targeting or cut spend."
                        : ": check lead quality and how fast these leads are contacted."))
        }
        if red.count > 3 {
            let more = red.count - 3
            advice.append(
                "\(more) more source\(more == 1 ? " converts" : "s convert") below 10%: \(red.dropFirst(3).map { label($0.source) }.joined(separator: ", "))."
            )
        }
        if let topRevenue = judged.max(by: { $0.revenueCents < $1.revenueCents }), topRevenue.revenueCents > 0,
            topRevenue.source != ranked.first?.source
        {
            advice.append(
                "\(label(topRevenue.source)) brings the most revenue even though others convert better: protect that channel."
            )
        }
        let volume = judged.max { $0.leads < $1.leads }!
        if ConversionBand(rate: volume.conversionRate!) != .green {
            advice.append(
                "\(label(volume.source)) sends the most leads (\(volume.leads)) at \(percent(volume.conversionRate!)): better qualification there moves the total most."
            )
        }
        return advice.isEmpty ? ["All sources convert within the usual range; no change needed."] : advice
    }

    public static func label(_ source: String) -> String {
        let words = source.split(separator: "_").map(String.init)
        guard let first = words.first else { return source }
        return ([first.prefix(1).uppercased() + first.dropFirst()] + words.dropFirst()).joined(separator: " ")
    }

    private static func percent(_ value: Double) -> String {
        value == value.rounded() ? "\(Int(value))%" : "\((value * 10).rounded() / 10)%"
    }
}
