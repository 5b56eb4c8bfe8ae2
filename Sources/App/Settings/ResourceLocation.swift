import Foundation

/// Where the page and email templates (`Resources/Views`) and the public files (`Public/`)
/// are, so the binary serves pages wherever it is started: `SALESPULSE_HOME` when set; else the
/// working directory when it has them (a checkout); else the executable's folder or one of
/// its parents (`.build/release/salespulse` in a checkout, `/opt/salespulse/bin/salespulse`
/// beside `/opt/salespulse/Resources`). Data files stay relative to the working directory.
enum ResourceLocation {
    static let marker = "Resources/Views/base.leaf"

    static func home(configured: String?, workingDirectory: String, executable: String?) -> String? {
        if let configured, !configured.isEmpty { return folder(configured) }
        var candidates = [workingDirectory]
        if let executable {
            var folder = URL(fileURLWithPath: executable).resolvingSymlinksInPath().deletingLastPathComponent()
            for _ in 0..<4 {
                candidates.append(folder.path)
                folder = folder.deletingLastPathComponent()
            }
        }
        return candidates.map(folder).first { FileManager.default.fileExists(atPath: $0 + marker) }
    }

    private static func folder(_ path: String) -> String { path.hasSuffix("/") ? path : path + "/" }
}
