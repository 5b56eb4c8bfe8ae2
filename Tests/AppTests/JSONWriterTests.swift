@testable import App
import Foundation
import Testing

@Suite("JSON writer")
struct JSONWriterTests {
    @Test func writesWhatFoundationReadsBack() throws {
        let tree: [String: Any] = [
            "text": "quote \" backslash \\ newline \n tab \t bell \u{7} é 😀", "int": 42, "int64": Int64(-7),
            "double": 1234.5,
            "bool": true, "null": NSNull(), "array": [1, "two", false, NSNull()], "nested": ["a": ["b": 0.1]],
        ]
        let decoded = try #require(try JSONSerialization.jsonObject(with: JSONWriter.data(tree)) as? [String: Any])
        #expect(decoded["text"] as? String == tree["text"] as? String)
        #expect(
            decoded["int"] as? Int == 42 && decoded["int64"] as? Int == -7 && decoded["double"] as? Double == 1234.5)
        #expect(decoded["bool"] as? Bool == true && decoded["null"] is NSNull)
        #expect((decoded["array"] as? [Any])?.count == 4)
        #expect(((decoded["nested"] as? [String: Any])?["a"] as? [String: Any])?["b"] as? Double == 0.1)
        #expect(String(decoding: JSONWriter.data(Double.nan), as: UTF8.self) == "null")
    }

    @Test func typedFieldValuesKeepTheirAPIForm() throws {
        func written(_ value: FieldValue, _ kind: FieldKind) -> String {
            var out: [UInt8] = []
            JSONWriter.write(value, as: kind, into: &out)
            return String(decoding: out, as: UTF8.self)
        }
        #expect(written(.int(12050), .money) == "120.5")
        #expect(written(.int(105), .money) == "1.05")
        #expect(written(.int(500_000), .money) == "5000")
        #expect(written(.int(-1), .money) == "-0.01")
        #expect(written(.text(#"{"a":[1,2]}"#), .json) == #"{"a":[1,2]}"#)
        #expect(written(.text("not json"), .json) == "null")
        #expect(written(.null, .email) == "null")
        #expect(
            written(.date(Date(timeIntervalSince1970: 1_772_357_400.5)), .instant) == #""2026-03-01T09:30:00.500Z""#)
        let wrapped = JSONWriter.data(["items": [JSONFragment(bytes: Array(#"{"x":1}"#.utf8))]])
        #expect(String(decoding: wrapped, as: UTF8.self) == #"{"items":[{"x":1}]}"#)
    }
}
