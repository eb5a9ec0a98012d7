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

    /// DynamoDB stores magnitudes from 1E-130 to 9.99…E+125; beyond them it refuses the number, and so does the port.
    @Test func magnitudesOutsideDynamoDBsRangeAreRefused() {
        #expect(DecimalNumber("9.9999999999999999999999999999999999999E+125") != nil)
        #expect(DecimalNumber("1E-130") != nil)
        #expect(DecimalNumber("1E+126") == nil)
        #expect(DecimalNumber("1E-131") == nil)
        #expect(DecimalNumber("0E+9999") == DecimalNumber(0), "zero has no magnitude to limit")
    }

    @Test func textIsPlainAndCanonical() {
        #expect(DecimalNumber("1.2E-5")?.description == "0.000012")
        #expect(DecimalNumber("-1.20E+20")?.description == "-120000000000000000000")
        #expect(DecimalNumber("000123.4500")?.description == "123.45")
        #expect(DecimalNumber("-0.0")?.description == "0", "zero has no sign")
    }

    @Test func significantDigitsAreCountedAsDynamoDBSizesNumbers() {
        // Leading and trailing zeros trimmed, in either storage.
        #expect(DecimalNumber("12345678901234567890.5")?.significantDigitCount == 21)
        #expect(DecimalNumber("0.001")?.significantDigitCount == 1)
        #expect(DecimalNumber("1E+100")?.significantDigitCount == 1)
        #expect(DecimalNumber("1200.5")?.significantDigitCount == 5)
        #expect(DecimalNumber(1_200_000).significantDigitCount == 2)
        #expect(DecimalNumber(-1_234).significantDigitCount == 4)
        #expect(DecimalNumber(Int.min).significantDigitCount == 19)
        #expect(DecimalNumber(0).significantDigitCount == 1)
    }

    @Test func anItemsSizeCountsANumbersSignificantDigitsOnly() throws {
        func size(_ text: String) throws -> Int {
            try Item(["PK": "P", "SK": "S", "n": .number(Self.number(text))]).validatedSize()
        }
        #expect(try size("1E+100") == size("1"), "a power of ten is one digit, not a hundred and one")
        #expect(try size("0.000001") == size("1"))
        #expect(try size("1000000") == size("1"))
        #expect(try size("12345678901234567890123456789012345678") - size("1") == 18, "one byte per two digits")
    }

    @Test func decimalsAndIntegersCompareAcrossTheirStorage() throws {
        let huge = try Self.number("1E+30")
        let tiny = try Self.number("-1E-30")
        #expect(tiny < DecimalNumber(0) && DecimalNumber(0) < huge)
        #expect(DecimalNumber(Int.max) < huge && -1 < DecimalNumber(0))
        #expect(try Self.number("-2.5") < Self.number("-2.25"))
        #expect(try Self.number("2.25") < Self.number("2.5"))
        #expect(try Self.number("0.1") < Self.number("0.10000000000000000001"))
        #expect(huge - huge == DecimalNumber(0))
    }

    /// A sum keeps 38 significant digits, as DynamoDB does, rounding half to even beyond them.
    @Test func sumsBeyond38DigitsAreRoundedHalfToEven() throws {
        let big = try Self.number("1E+37")
        #expect((big + DecimalNumber(1)).description == "10000000000000000000000000000000000001")
        #expect(try (big + Self.number("0.5")).description == "10000000000000000000000000000000000000")
        #expect(try (big + Self.number("1.5")).description == "10000000000000000000000000000000000002")
        #expect(try (big + Self.number("0.51")).description == "10000000000000000000000000000000000001")
        let nines = try Self.number("99999999999999999999999999999999999999")
        #expect(try (nines + Self.number("0.5")).description == "100000000000000000000000000000000000000")
        #expect(try (DecimalNumber(1) - Self.number("1E-40")).description == "1")
        #expect(
            try Self.number("123.456") - Self.number("0.456") == DecimalNumber(123), "an integral result is the integer"
        )
    }

    private static func number(_ text: String) throws -> DecimalNumber {
        try #require(DecimalNumber(text))
    }
}
