import Foundation

/// The lines of a file one at a time, read in pieces of a megabyte.
final class JSONLinesReader {
    private let handle: FileHandle
    private var pending = Data()
    private var start: Data.Index
    private var ended = false

    init(url: URL) throws {
        handle = try FileHandle(forReadingFrom: url)
        start = pending.startIndex
    }

    deinit { try? handle.close() }

    func next() throws -> Data? {
        while true {
            if let end = pending[start...].firstIndex(of: UInt8(ascii: "\n")) {
                let line = pending[start..<end]
                start = pending.index(after: end)
                return line
            }
            if ended {
                guard start < pending.endIndex else { return nil }
                defer { start = pending.endIndex }
                return pending[start...]
            }
            let chunk = try handle.read(upToCount: 1 << 20) ?? Data()
            pending = Data(pending[start...]) + chunk
            start = pending.startIndex
            ended = chunk.isEmpty
        }
    }
}
