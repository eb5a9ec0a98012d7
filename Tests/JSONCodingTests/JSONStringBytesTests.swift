import Testing

@testable import JSONCoding

/// The word-at-a-time search for the bytes a string literal cannot hold must find what a byte-by-byte search finds,
/// whatever byte stands wherever in a word or in the tail after the last whole word, and from any start.
@Suite struct JSONStringBytesTests {
    /// The byte-by-byte answer.
    static func expected(_ bytes: [UInt8], from start: Int) -> (end: Int, isASCII: Bool) {
        let end = bytes[start...].firstIndex(where: JSONStringBytes.isSpecial) ?? bytes.count
        return (end, bytes[start..<end].allSatisfy { $0 < 0x80 })
    }

    @Test(arguments: [1, 7, 8, 9, 15, 16, 17, 24, 31, 32, 33, 40, 47, 48, 57])
    func everyByteAtEveryPositionIsFoundAsByteByByte(length: Int) {
        for start in [0, 1, 2, 9].filter({ $0 < length }) {
            for position in start..<length {
                for value in UInt8.min...UInt8.max {
                    // A non-ASCII byte at the start, when it is not the one tried, checks the ASCII answer too.
                    var bytes = [UInt8](repeating: UInt8(ascii: "a"), count: length)
                    if position > start { bytes[start] = 0xC3 }
                    bytes[position] = value
                    let found = bytes.withUnsafeBufferPointer { JSONStringBytes.plainRun(in: $0, from: start) }
                    let expected = Self.expected(bytes, from: start)
                    #expect(
                        found.end == expected.end && found.isASCII == expected.isASCII,
                        "byte \(value) at \(position) of \(length) from \(start)")
                }
            }
        }
    }

    @Test(arguments: 0..<8)
    func bytesAfterTheSpecialByteInItsWordDoNotCount(position: Int) {
        // The word holding the special byte has non-ASCII bytes after it: they are not part of the run.
        var bytes = [UInt8](repeating: 0xC3, count: 16)
        for index in 0..<position { bytes[index] = UInt8(ascii: "a") }
        bytes[position] = UInt8(ascii: "\"")
        let found = bytes.withUnsafeBufferPointer { JSONStringBytes.plainRun(in: $0, from: 0) }
        #expect(found.end == position && found.isASCII)
    }

    @Test func bytesBesideTheThresholdsAreNotSpecial() {
        // The bytes just beside the thresholds (0x20, 0x21, 0x23, 0x5B, 0x5D), DEL and bytes above 0x80, side by side:
        // a borrow from one byte must not make a neighbour look like a quote or a control character.
        let bytes: [UInt8] = [
            0x20, 0x21, 0x23, 0x5B, 0x5D, 0x7F, 0x80, 0xA2, 0xDC, 0xFF, 0x21, 0x20, 0x23, 0x5D, 0x5B, 0x7F,
        ]
        let found = bytes.withUnsafeBufferPointer { JSONStringBytes.plainRun(in: $0, from: 0) }
        #expect(found.end == bytes.count && !found.isASCII)
    }

    @Test func theWriterEscapesAndTheParserReadsWhatTheSearchFinds() {
        let text = "long text with a \"quote\", a tab\tand é after the first words"
        let quoted = JSONWriter.quoted(text)
        #expect(quoted == #""long text with a \"quote\", a tab\tand é after the first words""#)
        #expect(JSONValue(parsing: Array(quoted.utf8)) == .string(text))
        #expect(JSONValue(parsing: Array("\"a raw\ttab in a long enough string\"".utf8)) == nil)
    }
}
