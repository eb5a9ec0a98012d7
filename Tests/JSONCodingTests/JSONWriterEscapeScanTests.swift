import Testing

@testable import JSONCoding

/// The word-at-a-time scan that decides whether a string needs escaping must answer as the byte-by-byte rule does,
/// whatever byte stands wherever in a word or in the tail after the last whole word.
@Suite struct JSONWriterEscapeScanTests {
    @Test(arguments: [1, 7, 8, 9, 15, 16, 17, 24, 31])
    func everyByteAtEveryPositionIsJudgedAsByteByByte(length: Int) {
        for position in 0..<length {
            for value in UInt8.min...UInt8.max {
                var bytes = [UInt8](repeating: UInt8(ascii: "a"), count: length)
                bytes[position] = value
                let expected = value < 0x20 || value == UInt8(ascii: "\"") || value == UInt8(ascii: "\\")
                let scanned = bytes.withUnsafeBufferPointer { JSONWriter.needsEscaping($0) }
                #expect(scanned == expected, "byte \(value) at \(position) of \(length)")
            }
        }
    }

    @Test func bytesAroundTheThresholdsNeedNothingAlone() {
        // The bytes just beside the thresholds (0x20, 0x21, 0x23, 0x5B, 0x5D), DEL and bytes above 0x80, side by side,
        // need no escape: a borrow from one byte must not make a neighbour look like a quote or a control character.
        let bytes: [UInt8] = [
            0x20, 0x21, 0x23, 0x5B, 0x5D, 0x7F, 0x80, 0xA2, 0xDC, 0xFF, 0x21, 0x20, 0x23, 0x5D, 0x5B, 0x7F,
        ]
        #expect(bytes.withUnsafeBufferPointer { JSONWriter.needsEscaping($0) } == false)
        #expect(JSONWriter.quoted("tab\there") == #""tab\there""#)
        #expect(
            JSONWriter.quoted("long text with a \"quote\" after the first word")
                == #""long text with a \"quote\" after the first word""#)
    }
}
