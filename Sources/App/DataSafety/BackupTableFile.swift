import Crypto
import Foundation

/// One table's JSON Lines file as it is written: buffered, counted and hashed on the way.
/// The database driver hands rows to a callback one at a time, in order.
final class BackupTableFile: @unchecked Sendable {
    let url: URL
    private let handle: FileHandle
    private var buffer: [UInt8] = []
    private var hasher = SHA256()
    private(set) var rows = 0
    /// The first row that could not be read, kept until the statement finishes.
    var failure: (any Error)?

    init(url: URL) throws {
        self.url = url
        guard FileManager.default.createFile(atPath: url.path, contents: nil) else {
            throw DomainError.badRequest("Cannot write \(url.path).")
        }
        handle = try FileHandle(forWritingTo: url)
        buffer.reserveCapacity(1 << 20)
    }

    func append(_ values: [Any]) {
        buffer.append(contentsOf: JSONWriter.data(values))
        buffer.append(UInt8(ascii: "\n"))
        rows += 1
        if buffer.count >= 1 << 20 { flush() }
    }

    private func flush() {
        hasher.update(data: buffer)
        handle.write(Data(buffer))
        buffer.removeAll(keepingCapacity: true)
    }

    /// Writes what is left and returns the file's SHA-256 in hex.
    func finish() throws -> String {
        flush()
        try handle.close()
        if let failure { throw failure }
        return BackupChecksum.hex(hasher.finalize())
    }
}

enum BackupChecksum {
    static func hex<D: Sequence>(_ digest: D) -> String where D.Element == UInt8 {
        digest.map { String(format: "%02x", $0) }.joined()
    }

    /// SHA-256 and line count of a file, read in pieces.
    static func scan(_ url: URL) throws -> (sha256: String, lines: Int) {
        let handle = try FileHandle(forReadingFrom: url)
        defer { try? handle.close() }
        var hasher = SHA256()
        var lines = 0
        while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
            hasher.update(data: chunk)
            lines += chunk.reduce(0) { $1 == UInt8(ascii: "\n") ? $0 + 1 : $0 }
        }
        return (hex(hasher.finalize()), lines)
    }
}
