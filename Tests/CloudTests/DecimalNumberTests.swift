import Cloud
import Testing

@Suite struct DecimalNumberTests {
    @Test(arguments: [
        "0", "-12.50", "1e3", "1E-3", "+7", "0.000000000000000000000000000000000000001",
        "12345678901234567890123456789012345678",
    ])
    func acceptsDecimalText(_ text: String) {
        #expect(DecimalNumber(text) != nil)
    }

    @Test(arguments: [
        "", "-", "1.5x", "NaN", "Infinity", "1e", "0x10", " 1", "1..2", "123456789012345678901234567890123456789",
    ])
    func refusesAnythingElse(_ text: String) {
        #expect(DecimalNumber(text) == nil)
    }

    @Test func keepsExactValuesAndComparesNumerically() throws {
        let cents = try #require(DecimalNumber("0.1")) + #require(DecimalNumber("0.2"))
        #expect(cents == DecimalNumber("0.3"))
        #expect(DecimalNumber("1.50") == DecimalNumber("1.5"))
        #expect(DecimalNumber(9) < DecimalNumber(10))
        #expect(try #require(DecimalNumber("-2")) < DecimalNumber("-1.5")!)
        #expect(DecimalNumber("1999")?.intValue == 1999)
        #expect(DecimalNumber("10.0") == DecimalNumber(10), "an integral decimal is the integer")
        #expect(DecimalNumber("1e3") == DecimalNumber(1000))
        #expect(Set([DecimalNumber(10), try #require(DecimalNumber("10.00"))]).count == 1)
        let beyond64Bits = DecimalNumber(Int.max) + DecimalNumber(1)
        #expect(beyond64Bits.description == "9223372036854775808")
        #expect(beyond64Bits.intValue == nil)
        #expect(beyond64Bits - DecimalNumber(1) == DecimalNumber(Int.max))
        #expect(DecimalNumber("19.99")?.intValue == nil)
    }
}
