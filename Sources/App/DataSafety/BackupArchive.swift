import Foundation
import SalesPulseCore
import ZIPFoundation

/// A backup file opened for restoring: its manifest read, and every table unpacked into a
/// working folder and checked against its checksum and row count before anything is written.
struct BackupArchive {
    let manifest: BackupManifest
    let folder: URL

    static func unpack(_ source: URL, into folder: URL) throws -> BackupArchive {
        guard FileManager.default.fileExists(atPath: source.path) else {
            throw DomainError.invalid(field: "file", "There is no file at \(source.path).")
        }
        let notABackup = DomainError.invalid(field: "file", "\(source.lastPathComponent) is not a SalesPulse backup.")
        guard let archive = try? Archive(url: source, accessMode: .read), let entry = archive[BackupManifest.entryName]
        else { throw notABackup }
        var data = Data()
        do { _ = try archive.extract(entry) { data.append($0) } } catch {
            throw damaged(source, "its table of contents cannot be read")
        }
        guard let manifest = try? BackupManifest.decode(data), manifest.format == BackupManifest.formatName else {
            throw notABackup
        }
        guard manifest.version <= BackupManifest.currentVersion else {
            throw DomainError.invalid(
                field: "file",
                "\(source.lastPathComponent) was made by a newer SalesPulse. Upgrade this one, then restore.")
        }
        for table in manifest.tables {
            guard table.file == "tables/\(table.name).jsonl", !table.name.contains("/"), let entry = archive[table.file]
            else {
                throw damaged(source, "the \(table.name) table is missing")
            }
            let url = folder.appendingPathComponent(table.file)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            do { _ = try archive.extract(entry, to: url) } catch {
                throw damaged(source, "the \(table.name) table cannot be unpacked")
            }
            let scan = try BackupChecksum.scan(url)
            guard scan.sha256 == table.sha256, scan.lines == table.rows else {
                throw damaged(source, "the \(table.name) table does not match its checksum")
            }
        }
        return BackupArchive(manifest: manifest, folder: folder)
    }

    func url(of table: BackupManifest.Table) -> URL { folder.appendingPathComponent(table.file) }

    private static func damaged(_ source: URL, _ what: String) -> DomainError {
        DomainError.invalid(field: "file", "\(source.lastPathComponent) is damaged: \(what). Nothing was restored.")
    }
}
