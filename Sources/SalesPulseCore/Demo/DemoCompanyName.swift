/// The demo company name of lead number `index`: different for every index, so no two
/// accounts share a name. The first names are short ("Cedar Logistics"); once those are used
/// up a branch town is added ("Cedar Logistics – Porto"), then a branch number.
public struct DemoCompanyName: Sendable, Equatable {
    public let name: String
    /// The web domain its people's email addresses use.
    public let domain: String

    public init(index: Int) {
        let prefixes = DemoCatalog.companyWords + Self.placeWords, kinds = DemoCatalog.companyKinds
        let short = prefixes.count * kinds.count
        let branched = short * Self.towns.count
        let base: Int, town: String?, branch: Int?
        // Multiplying by a number prime to the tier's size visits every name once, in an order
        // that does not read alphabetically.
        if index < short {
            (base, town, branch) = (index * 389 % short, nil, nil)
        } else {
            let position = (index - short) % branched * 7_919 % branched
            (base, town) = (position % short, Self.towns[position / short])
            branch = index - short >= branched ? (index - short) / branched + 1 : nil
        }
        let prefix = prefixes[base % prefixes.count], kind = kinds[base / prefixes.count]
        var name = "\(prefix) \(kind)"
        if let town { name += " – \(town)" }
        if let branch { name += " \(branch)" }
        self.name = name
        self.domain =
            ([prefix, kind, town ?? ""].joined() + (branch.map(String.init) ?? "")).lowercased()
            .filter { $0.isLetter || $0.isNumber } + ".example"
    }

    static let placeWords = [
        "Northgate", "Riverside", "Bayview", "Lakeshore", "Hillcrest", "Oakwood", "Westfield", "Brookline",
        "Fairview", "Kingsley", "Ashford", "Clearwater", "Redwood", "Silverline", "Bluestone", "Greenfield",
        "Highpoint", "Ironbridge", "Goldcrest", "Stonebridge", "Sunridge", "Pinecrest", "Crescent", "Meridian",
        "Horizon", "Keystone", "Landmark", "Evergreen", "Bridgeport", "Copperfield",
    ]
    static let towns = [
        "Porto", "Leeds", "Austin", "Lyon", "Krakow", "Denver", "Malmo", "Turin", "Ghent", "Bristol", "Tampa",
        "Utrecht", "Bilbao", "Graz", "Aarhus", "Leipzig", "Omaha", "Cork", "Brno", "Nantes", "Dayton", "Tartu",
        "Split", "Perth", "Quebec", "Tucson", "Bergen", "Seville", "Basel", "Riga", "Fresno", "Boise", "Tulsa",
        "Galway", "Lille", "Bonn", "Varna", "Pisa", "Reno", "Derby",
    ]
}
