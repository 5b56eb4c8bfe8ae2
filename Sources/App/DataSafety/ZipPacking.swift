import Foundation
import ZIPFoundation

/// Files of a working folder packed into a compressed ZIP at `destination`, written beside
/// it under a hidden name and moved into place only when whole: a full disk or a folder taken
/// away leaves nothing half-written behind.
enum ZipPacking {
    static func pack(_ entries: [String], from work: URL, to destination: URL) throws {
        let partial = destination.deletingLastPathComponent().appendingPathComponent(
            ".\(destination.lastPathComponent).partial")
        try? FileManager.default.removeItem(at: partial)
        do {
            let archive = try Archive(url: partial, accessMode: .create)
            for entry in entries {
                try archive.addEntry(with: entry, relativeTo: work, compressionMethod: .deflate)
            }
            try? FileManager.default.removeItem(at: destination)
            try FileManager.default.moveItem(at: partial, to: destination)
        } catch {
            try? FileManager.default.removeItem(at: partial)
            throw error
        }
    }
}
