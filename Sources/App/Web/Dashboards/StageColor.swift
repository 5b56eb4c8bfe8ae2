import Documents
import SalesPulseCore

/// A deal stage's colour in charts: the strong shade of its badge's tone, so a bar reads as
/// the stage it stands for.
enum StageColor {
    static func of(_ stage: String) -> Color {
        switch OpportunityStage(rawValue: stage) {
        case .prospecting: .toneBlue
        case .qualification: .toneViolet
        case .proposal: .toneTeal
        case .negotiation: .toneOrange
        case .closedWon: .good
        case .closedLost: .bad
        case nil: .muted
        }
    }
}
