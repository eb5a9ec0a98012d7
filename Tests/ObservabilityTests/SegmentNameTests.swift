import Observability
import Testing

/// The names X-Ray accepts for a segment: Unicode letters and digits, whitespace and `_ . : / % & # = + \ - @`, at
/// most 200 characters, never empty.
@Suite struct SegmentNameTests {
    @Test(arguments: ["orders", "## orders", "stratus/default", "a_b.c:d/e%f&g#h=i+j\\k-l@m", "tab\tand\r\nbreak"])
    func anAcceptableASCIINameIsKeptAsItIs(name: String) {
        #expect(SegmentDocument.acceptableName(name) == name)
    }

    @Test(arguments: [
        ("orders!", "orders_"), ("a*b?c", "a_b_c"), ("", "_"), ("naïve café", "naïve café"), ("日本 orders", "日本 orders"),
        ("emoji 🚀", "emoji _"), ("quote\"d", "quote_d"),
    ])
    func otherCharactersBecomeUnderscores(name: String, accepted: String) {
        #expect(SegmentDocument.acceptableName(name) == accepted)
    }

    @Test func aLongNameIsCutToTwoHundredCharacters() {
        #expect(
            SegmentDocument.acceptableName(String(repeating: "a", count: 201)) == String(repeating: "a", count: 200))
        #expect(
            SegmentDocument.acceptableName(String(repeating: "é", count: 201)) == String(repeating: "é", count: 200))
        let exactly = String(repeating: "b", count: 200)
        #expect(SegmentDocument.acceptableName(exactly) == exactly)
    }
}
