import Testing

@testable import JSONCoding

/// A reader hands a decoder each member's key to switch on: a plain key is matched on its bytes, an escaped or
/// non-ASCII one as its decoded text, and either gives the same string to keep.
@Suite struct JSONMemberKeyTests {
    /// The keys of the object `json`, each with the literal among `candidates` it matched (or `nil`).
    static func matches(_ json: String, candidates: [StaticString]) -> [(key: String, matched: String?)] {
        var reader = JSONReader(bytes: Array(json.utf8))
        var found: [(key: String, matched: String?)] = []
        reader.members { reader, key in
            let matched = candidates.first { $0 ~= key }.map { "\($0)" }
            found.append((key.string, matched))
            _ = reader.value()
        }
        let finished = reader.finish()
        #expect(finished)
        return found
    }

    @Test func plainKeysMatchTheirLiteralAndNoOther() {
        let found = Self.matches(
            #"{"version": 1, "versions": 2, "Version": 3, "": 4}"#, candidates: ["versions", "version", "vers", ""])
        #expect(found.map(\.key) == ["version", "versions", "Version", ""])
        #expect(found.map(\.matched) == ["version", "versions", nil, ""])
    }

    @Test func keysAroundThePackedLengthMatchTheirLiteralOnly() {
        // 24 bytes are packed, 25 are decoded: both match their own literal and not the other's.
        let keys = ["abcdefghijklmnopqrstuvwx", "abcdefghijklmnopqrstuvwxy", "queryStringParameters"]
        let found = Self.matches(
            #"{"abcdefghijklmnopqrstuvwx": 1, "abcdefghijklmnopqrstuvwxy": 2, "queryStringParameters": 3}"#,
            candidates: ["abcdefghijklmnopqrstuvwxy", "abcdefghijklmnopqrstuvwx", "queryStringParameters"])
        #expect(found.map(\.key) == keys)
        #expect(found.map(\.matched) == keys)
    }

    @Test func escapedAndNonASCIIKeysMatchAsTheirText() {
        let found = Self.matches(
            #"{"ver\u0073ion": 1, "caf\u00e9": 2, "café": 3, "a\"b": 4}"#, candidates: ["version", "café", #"a"b"#])
        #expect(found.map(\.key) == ["version", "café", "café", #"a"b"#])
        #expect(found.map(\.matched) == ["version", "café", "café", #"a"b"#])
    }

    @Test func aKeyThatIsNotValidTextFailsTheReader() {
        let invalidKey: [UInt8] = [UInt8(ascii: "{"), UInt8(ascii: "\""), 0xFF, UInt8(ascii: "\"")] + Array(":1}".utf8)
        var reader = JSONReader(bytes: invalidKey)
        reader.members { reader, _ in _ = reader.value() }
        let finished = reader.finish()
        #expect(!finished)
    }

    @Test func aStringMapKeepsDecodedKeys() {
        var reader = JSONReader(bytes: Array(#"{"x-Trace": "a", "x-\u0041": "b"}"#.utf8))
        #expect(reader.stringMap() == ["x-Trace": "a", "x-A": "b"])
    }
}
