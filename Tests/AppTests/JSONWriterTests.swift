@testable import App
import Foundation
import Testing

@Suite("JSON writer")
struct JSONWriterTests {
    @Test func writesWhatFoundationReadsBack() throws {
        let tree: [String: Any] = [
            "text": "quote \" backslash \\ newline \n tab \t bell \u{7} é 😀", "int": 42, "int64": Int64(-7), "double": 1234.5,
            "bool": true, "null": NSNull(), "array": [1, "two", false, NSNull()], "nested": ["a": ["b": 0.1]],
        ]
        let decoded = try #require(try JSONSerialization.jsonObject(with: JSONWriter.data(tree)) as? [String: Any])
        #expect(decoded["text"] as? String == tree["text"] as? String)
        #expect(decoded["int"] as? Int == 42 && decoded["int64"] as? Int == -7 && decoded["double"] as? Double == 1234.5)
        #expect(decoded["bool"] as? Bool == true && decoded["null"] is NSNull)
        #expect((decoded["array"] as? [Any])?.count == 4)
        #expect(((decoded["nested"] as? [String: Any])?["a"] as? [String: Any])?["b"] as? Double == 0.1)
        #expect(String(decoding: JSONWriter.data(Double.nan), as: UTF8.self) == "null")
    }
}
