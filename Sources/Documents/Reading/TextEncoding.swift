/// The text encodings an uploaded file may come in, told apart from its first bytes.
public enum TextEncoding: String, Sendable, CaseIterable, Codable {
    case utf8, utf16LE, utf16BE, windows1251, windows1252

    public var displayName: String {
        switch self {
        case .utf8: "UTF-8"
        case .utf16LE: "UTF-16 (little-endian)"
        case .utf16BE: "UTF-16 (big-endian)"
        case .windows1251: "Windows-1251 (Cyrillic)"
        case .windows1252: "Windows-1252 (Western)"
        }
    }

    /// The encoding of a file from a sample of its start, and how many bytes of byte-order mark
    /// to skip. Without a mark: zero bytes in every other position mean UTF-16; valid UTF-8 is
    /// UTF-8; otherwise letters above ASCII written in runs (Cyrillic words) mean Windows-1251,
    /// scattered among ASCII letters (accents in Latin words) Windows-1252.
    public static func detect(_ sample: [UInt8]) -> (encoding: TextEncoding, markLength: Int) {
        if sample.starts(with: [0xEF, 0xBB, 0xBF]) { return (.utf8, 3) }
        if sample.starts(with: [0xFF, 0xFE]) { return (.utf16LE, 2) }
        if sample.starts(with: [0xFE, 0xFF]) { return (.utf16BE, 2) }
        let pairs = sample.count / 2
        if pairs >= 2 {
            var evenZeros = 0, oddZeros = 0
            for index in 0..<pairs {
                if sample[2 * index] == 0 { evenZeros += 1 }
                if sample[2 * index + 1] == 0 { oddZeros += 1 }
            }
            if oddZeros * 3 > pairs, evenZeros * 10 < pairs { return (.utf16LE, 0) }
            if evenZeros * 3 > pairs, oddZeros * 10 < pairs { return (.utf16BE, 0) }
        }
        if isUTF8(sample) { return (.utf8, 0) }
        var inRuns = 0, scattered = 0
        for index in sample.indices where sample[index] >= 0xC0 {
            let before = index > 0 ? sample[index - 1] : 0x20
            let after = index + 1 < sample.count ? sample[index + 1] : 0x20
            if before >= 0xC0 || after >= 0xC0 { inRuns += 1 } else { scattered += 1 }
        }
        return (inRuns > scattered ? .windows1251 : .windows1252, 0)
    }

    /// Whether bytes are well-formed UTF-8, allowing a sequence cut off at the end of the sample.
    static func isUTF8(_ bytes: [UInt8]) -> Bool {
        var index = 0
        while index < bytes.count {
            let lead = bytes[index]
            let length: Int
            switch lead {
            case 0x00...0x7F: length = 1
            case 0xC2...0xDF: length = 2
            case 0xE0...0xEF: length = 3
            case 0xF0...0xF4: length = 4
            default: return false
            }
            for offset in 1..<length {
                guard index + offset < bytes.count else { return true }
                guard bytes[index + offset] & 0xC0 == 0x80 else { return false }
            }
            index += length
        }
        return true
    }
}
