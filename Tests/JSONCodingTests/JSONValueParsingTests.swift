import Foundation
import JSONCoding
import Testing

@Suite struct JSONValueParsingTests {
    @Test func jsonTextIsReadAsFoundationReadsIt() throws {
        let text =
            #"{"a":[1,-2,3.5,-1.25e3,true,false,null],"b":{"c":"d\"e\\f\/g\n\u00e9\ud83d\ude00"},"empty":{},"none":[],"big":18446744073709551616}"#
        let parsed = try #require(JSONValue(parsing: Array(text.utf8)))
        let expected = try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
        #expect(parsed == expected)
        #expect(parsed["b"]?["c"] == .string("d\"e\\f/g\né😀"))
        #expect(parsed["a"]?.arrayValue?.first == .integer(1))
    }

    @Test(arguments: [
        "", "{", "[1,]", "{\"a\" 1}", "tru", "\"unterminated", "01x", "{\"a\":1}x", "\"\u{01}\"", "+1", "\"\\ud83d\"",
    ])
    func malformedTextIsRefused(_ text: String) {
        #expect(JSONValue(parsing: Array(text.utf8)) == nil)
    }

    /// Strings without escapes take the fast path: ASCII as it is, other UTF-8 validated; whitespace of every kind
    /// around the tokens.
    @Test func unescapedTextIsReadWholeAndOnlyValidUTF8IsAccepted() throws {
        let text = " {\t\"plain\" :\r\n\"ascii only\", \"wide\": \"naïve 日本 😀\", \"mixed\": \"é\\n\"}\n"
        let parsed = try #require(JSONValue(parsing: Array(text.utf8)))
        #expect(parsed == ["plain": "ascii only", "wide": "naïve 日本 😀", "mixed": "é\n"])

        for invalid: [UInt8] in [[0xFF], [0xC3], [0xED, 0xA0, 0x80], [0x61, 0xC3, 0x5C, 0x6E]] {
            let bytes = Array("\"".utf8) + invalid + Array("\"".utf8)
            #expect(JSONValue(parsing: bytes) == nil, "\(invalid) is not UTF-8")
        }
    }

    /// Objects inside objects and arrays each keep their own members, and a repeated key keeps its last value, as
    /// Python's and JavaScript's readers (those of Lambda's own runtimes) do; Foundation's keeps the first.
    @Test func nestedObjectsKeepTheirOwnMembersAndARepeatedKeyItsLastValue() throws {
        let text =
            #"{"a":{"a":1,"b":{"c":2,"c":3},"d":[{"x":1},{},{"x":2,"y":{"z":null}}]},"e":"f","e":"g","h":{"i":[{"j":{}}]}}"#
        let parsed = try #require(JSONValue(parsing: Array(text.utf8)))
        #expect(
            parsed == [
                "a": ["a": 1, "b": ["c": 3], "d": [["x": 1], [:], ["x": 2, "y": ["z": nil]]]], "e": "g",
                "h": ["i": [["j": [:]]]],
            ])
    }

    @Test func nestingPastTheLimitIsRefused() {
        let deep = String(repeating: "[", count: 200) + String(repeating: "]", count: 200)
        #expect(JSONValue(parsing: Array(deep.utf8)) == nil)
        #expect(JSONValue(parsing: Array(deep.utf8), maximumDepth: 256) != nil)
    }
}
