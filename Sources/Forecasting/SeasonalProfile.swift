/// Which positions in the season run above or below the rest, when the season is real.
public enum SeasonalProfile {
    /// Proportional factors per position, averaging one (position 0 is the series' first
    /// observation), or nil when the history is shorter than two seasons, has negative values,
    /// or shows no season at the 90% level.
    public static func factors(_ values: [Double], season: Int) -> [Double]? {
        guard season > 1, values.count >= 2 * season, values.allSatisfy({ $0 >= 0 }),
            values.contains(where: { $0 > 0 }),
            Seasonality.isSignificant(values, season: season)
        else { return nil }
        return Seasonality.classicalFactors(values, season: season)
    }
}
