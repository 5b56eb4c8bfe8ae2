import SalesML
import Foundation

/// Generates the demo company's CRM history, one lead at a time: each lead carries its
/// activities and, when converted, the account, contact, deal, line items and sale it became.
/// Every lead has its own generator derived from (seed, index), so any slice can be generated
/// alone, in any order, and always comes out the same.
public struct DemoCompanyGenerator: Sendable {
    public let seed: UInt64
    /// The last day of the history; leads spread over the `months` before it.
    public let asOf: Date
    public let months: Int
    public let repCount: Int
    /// Mean activities per lead (5 for the benchmark set).
    public let activitiesPerLead: Double

    public init(seed: UInt64, asOf: Date, months: Int = 15, repCount: Int, activitiesPerLead: Double = 5) {
        self.seed = seed
        self.asOf = asOf
        self.months = months
        self.repCount = repCount
        self.activitiesPerLead = activitiesPerLead
    }

    /// How good each source is: the share of its leads that convert. Drives the lead-source
    /// analytics, so sources really differ.
    public static let sourceMix: [(LeadSource, weight: Double, conversion: Double)] = [
        (.website, 22, 0.14), (.referral, 10, 0.32), (.tradeShow, 7, 0.22), (.coldCall, 9, 0.06),
        (.socialMedia, 8, 0.08),
        (.instagramAds, 9, 0.07), (.telegramBot, 5, 0.09), (.whatsapp, 6, 0.12), (.callTracking, 6, 0.18),
        (.landingPage, 10, 0.11), (.importFile, 4, 0.05), (.other, 4, 0.08),
    ]

    public func bundle(at index: Int) -> DemoLeadBundle {
        var random = SeededRandom(seed: seed ^ (UInt64(index) &* 0x9E37_79B9_7F4A_7C15) ^ 0xD1B5_4A32_D192_ED03)
        let history = Double(months) * 30.4 * 86_400
        // More leads lately (growth) and in spring and autumn (season).
        var created: Date
        repeat {
            created = asOf.addingTimeInterval(-history * (1 - sqrt(Double.random(in: 0..<1, using: &random))))
        } while Double.random(in: 0..<1, using: &random) > seasonality(created)
        let (source, conversionRate) = pickSource(&random)
        let owner = Int.random(in: 0..<repCount, using: &random)
        let company = DemoCompanyName(index: index)
        let person =
            "\(DemoRoster.firstNames.randomElement(using: &random)!) \(DemoRoster.lastNames.randomElement(using: &random)!)"
        let emailName = person.lowercased().replacingOccurrences(of: " ", with: ".")
        let age = asOf.timeIntervalSince(created)
        let budgetCents: Int64? =
            Bool.random(using: &random) ? Int64.random(in: 20...400, using: &random) * 10_000 : nil
        let authority = Bool.random(using: &random)
        let timeline = DemoCatalog.timelines.randomElement(using: &random)!
        // Young leads are still open; older ones have been decided, and a lead that talks to the
        // person who signs, has a budget and a near date converts far more often: the signal
        // the lead score learns, so scores spread from cold to hot.
        let decided = age > 21 * 86_400 && Double.random(in: 0..<1, using: &random) < 0.85
        let fit =
            (authority ? 1.45 : 0.55) * (budgetCents != nil ? 1.35 : 0.65) * (DemoCatalog.timelineFit[timeline] ?? 1)
        // An open lead that is going to convert is already being worked like one.
        let willConvert = Double.random(in: 0..<1, using: &random) < min(conversionRate * 1.6 * fit, 0.95)
        let status: LeadStatus =
            decided
            ? (willConvert ? .converted : .lost)
            : [LeadStatus.new, .contacted, .qualified].randomElement(using: &random)!
        let interactions = max(
            0,
            Int(
                (activitiesPerLead * (willConvert ? 1.6 : 0.85) * Double.random(in: 0.2...1.8, using: &random))
                    .rounded()))
        let times = (0..<interactions).map { _ in
            created.addingTimeInterval(min(age, 60 * 86_400) * Double.random(in: 0..<1, using: &random))
        }.sorted()
        let activities = times.enumerated().map { number, at in
            let type = [ActivityType.call, .call, .email, .email, .meeting, .note, .visit].randomElement(
                using: &random)!
            return DemoActivity(
                id: uuid(&random), type: type,
                subject: DemoCatalog.activitySubject(type, number: number + index, company: company.name),
                outcome: DemoCatalog.activityOutcome(
                    type, number: number + index, going: status != .lost || number + 1 < interactions),
                occurredAt: at,
                durationMinutes: type == .meeting || type == .visit
                    ? Int.random(in: 20...90, using: &random) : Int.random(in: 2...25, using: &random))
        }
        let lead = DemoLead(
            id: uuid(&random), name: person, company: company.name, email: "\(emailName).\(index)@\(company.domain)",
            phone: "+1555\(String(format: "%07d", index % 10_000_000))", source: source, status: status,
            lostReason: status == .lost ? DemoCatalog.lostReasons.randomElement(using: &random)! : nil,
            budgetCents: budgetCents, authority: authority, need: DemoCatalog.needs.randomElement(using: &random)!,
            timeline: timeline, ownerIndex: owner, createdAt: created,
            regionIndex: owner % DemoCatalog.regions.count,
            segmentIndex: Int.random(in: 0..<DemoCatalog.segments.count, using: &random),
            productInterest: DemoCatalog.products.randomElement(using: &random)!.name,
            followUpAt: status.isOpen
                ? asOf.addingTimeInterval(Double.random(in: -5...20, using: &random) * 86_400) : nil)
        let conversion = status == .converted ? convert(lead, activities: activities, random: &random) : nil
        return DemoLeadBundle(index: index, lead: lead, activities: activities, conversion: conversion)
    }

    private func convert(_ lead: DemoLead, activities: [DemoActivity], random: inout SeededRandom) -> DemoConversion {
        let convertedAt = (activities.last?.occurredAt ?? lead.createdAt).addingTimeInterval(86_400)
        let roll = Double.random(in: 0..<1, using: &random)
        var stage: OpportunityStage =
            roll < 0.5
            ? .closedWon
            : roll < 0.75
                ? .closedLost
                : [.prospecting, .qualification, .proposal, .negotiation].randomElement(using: &random)!
        var lines: [DemoLine] = []
        for _ in 0..<Int.random(in: 1...3, using: &random) {
            let product = Int.random(in: 0..<DemoCatalog.products.count, using: &random)
            lines.append(
                DemoLine(id: uuid(&random), productIndex: product, quantity: Int.random(in: 1...12, using: &random)))
        }
        let amount = lines.reduce(Int64(0)) {
            $0 + DemoCatalog.products[$1.productIndex].priceCents * Int64($1.quantity)
        }
        let cycle = Double.random(in: 10...90, using: &random) * 86_400
        let closedAt = convertedAt.addingTimeInterval(cycle)
        // A deal whose cycle ends after the as-of date is still being worked.
        if stage.isClosed, closedAt > asOf { stage = stage == .closedWon ? .negotiation : .proposal }
        return DemoConversion(
            accountID: uuid(&random), contactID: uuid(&random), opportunityID: uuid(&random),
            industry: DemoCatalog.industries.randomElement(using: &random)!, convertedAt: convertedAt, stage: stage,
            lostReason: stage == .closedLost ? DemoCatalog.lostReasons.randomElement(using: &random)! : nil,
            amountCents: amount, expectedClose: convertedAt.addingTimeInterval(cycle),
            closedAt: stage.isClosed ? closedAt : nil,
            lines: lines, saleID: stage == .closedWon ? uuid(&random) : nil,
            saleLineIDs: stage == .closedWon ? lines.map { _ in uuid(&random) } : [])
    }

    private func pickSource(_ random: inout SeededRandom) -> (LeadSource, Double) {
        let total = Self.sourceMix.reduce(0) { $0 + $1.weight }
        var roll = Double.random(in: 0..<total, using: &random)
        for (source, weight, conversion) in Self.sourceMix {
            roll -= weight
            if roll < 0 { return (source, conversion) }
        }
        return (.other, 0.08)
    }

    private func seasonality(_ date: Date) -> Double {
        let month = Calendar(identifier: .gregorian).component(.month, from: date)
        return [0.65, 0.7, 0.9, 1.0, 0.95, 0.8, 0.6, 0.55, 0.9, 1.0, 0.95, 0.7][month - 1]
    }

    private func uuid(_ random: inout SeededRandom) -> UUID {
        let high = random.next(), low = random.next()
        var bytes = withUnsafeBytes(of: high.bigEndian) { Array($0) } + withUnsafeBytes(of: low.bigEndian) { Array($0) }
        bytes[6] = (bytes[6] & 0x0F) | 0x40
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        return UUID(
            uuid: (
                bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7],
                bytes[8], bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]
            ))
    }
}
