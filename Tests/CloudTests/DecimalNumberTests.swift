import Cloud
import Testing

@Suite struct DecimalNumberTests {
    @Test(arguments: ["0", "-12.50", "1e3", "1E-3", "+7", "0.000000000000000000000000000000000000001", "12345678901234567890123456789012345678"])
    func acceptsDecimalText(_ text: String) {
        #expect(DecimalNumber(text) != nil)
    }

    @Test(arguments: ["", "-", "1.5x", "NaN", "Infinity", "1e", "0x10", " 1", "1..2", "123456789012345678901234567890123456789"])
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
        #expect(DecimalNumber("19.99")?.intValue == nil)
    }
}
