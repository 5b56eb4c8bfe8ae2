import Foundation

/// What the pace so far makes certain about a monthly target, whatever a model says: a target
/// already met cannot be missed, and in the second half of the month a rep who would need to
/// sell far faster than they have so far is not a low risk.
public enum TargetPace {
    /// The chance of missing, bounded by the pace. `progress` is the share of the target sold,
    /// `monthElapsed` the share of the month gone (0...1).
    public static func missProbability(model: Double, progress: Double, monthElapsed: Double) -> Double {
        if progress >= 1 { return 0 }
        let elapsed = min(max(monthElapsed, 0), 1)
        let paceSoFar = max(progress, 0) / max(elapsed, 1.0 / 31)
        let timeLeft = 1 - elapsed
        let paceNeeded = timeLeft > 0 ? (1 - max(progress, 0)) / timeLeft : .infinity
        var floor = 0.0
        if elapsed >= 0.5 {
            if paceNeeded > 3 * max(paceSoFar, 0.01) {
                floor = 0.85
            } else if paceNeeded > 1.5 * max(paceSoFar, 0.01) {
                floor = 0.55
            }
        }
        return min(1, max(model, floor))
    }
}
