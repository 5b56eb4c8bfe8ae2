import Foundation

/// A seeded generator (SplitMix64) and normal draws, so simulated series repeat exactly.
struct SeriesMaker {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func uniform() -> Double {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return Double((z ^ (z >> 31)) >> 11) / Double(1 << 53)
    }

    mutating func normal() -> Double {
        let u = max(uniform(), 1e-12), v = uniform()
        return sqrt(-2 * log(u)) * cos(2 * .pi * v)
    }

    /// A local level with drift and monthly seasons, the shape of a company's revenue.
    mutating func revenueLike(length: Int, noise: Double) -> [Double] {
        var level = 100.0
        return (0..<length).map { index in
            level += 0.8 + normal() * noise / 2
            return level * (1 + 0.2 * sin(2 * .pi * Double(index) / 12)) + normal() * noise
        }
    }

    /// A steady trend and monthly seasons with independent noise: what "nothing unusual" means.
    mutating func steady(length: Int, noise: Double) -> [Double] {
        (0..<length).map { index in
            let time = Double(index)
            let season: Double = 1 + 0.2 * sin(2 * Double.pi * time / 12)
            return (100 + 0.8 * time) * season + normal() * noise
        }
    }
}
