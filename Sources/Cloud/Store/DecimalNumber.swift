public import FoundationEssentials

/// A number as DynamoDB stores it: an exact decimal of up to 38 significant digits, never a binary floating point.
///
/// Parsing is strict (`-12.50`, `1e3`, `0.001`; not `1.5x`, `NaN` or `Infinity`), and the value keeps no trailing
/// zeros, so `1.50` and `1.5` are the same number, as they are in DynamoDB.
public struct DecimalNumber: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The largest number of significant digits DynamoDB keeps.
    public static let maximumSignificantDigits = 38

    /// The exact value.
    public let decimal: Decimal

    /// Parses the decimal text of a number, returning `nil` for anything that is not one, or that has more than 38
    /// significant digits.
    public init?(_ text: some StringProtocol) {
        guard Self.isWellFormed(text), let decimal = Decimal(string: String(text)), decimal.isFinite else {
            return nil
        }
        self.decimal = decimal
    }

    /// An integer, exactly.
    public init(_ value: Int) {
        self.decimal = Decimal(value)
    }

    /// A decimal, which must be finite.
    public init?(exactly decimal: Decimal) {
        guard decimal.isFinite else { return nil }
        self.decimal = decimal
    }

    /// The value as an `Int`, when it is an integer that fits.
    public var intValue: Int? {
        guard let integer = Int(self.description) else { return nil }
        return integer
    }

    /// The canonical decimal text, e.g. `-12.5`.
    public var description: String { self.decimal.description }

    public static func < (lhs: DecimalNumber, rhs: DecimalNumber) -> Bool { lhs.decimal < rhs.decimal }

    public static func + (lhs: DecimalNumber, rhs: DecimalNumber) -> DecimalNumber {
        DecimalNumber(checked: lhs.decimal + rhs.decimal)
    }

    public static func - (lhs: DecimalNumber, rhs: DecimalNumber) -> DecimalNumber {
        DecimalNumber(checked: lhs.decimal - rhs.decimal)
    }

    private init(checked decimal: Decimal) {
        self.decimal = decimal
    }

    /// `-?digits[.digits][(e|E)[+-]digits]` with at most 38 significant digits.
    private static func isWellFormed(_ text: some StringProtocol) -> Bool {
        var bytes = text.utf8.makeIterator()
        var next = bytes.next()
        if next == UInt8(ascii: "-") || next == UInt8(ascii: "+") { next = bytes.next() }
        var digits = 0
        var significantDigits = 0
        var seenPoint = false
        var leadingZeros = true
        while let byte = next {
            if byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") {
                digits += 1
                if byte != UInt8(ascii: "0") { leadingZeros = false }
                if !leadingZeros { significantDigits += 1 }
            } else if byte == UInt8(ascii: "."), !seenPoint {
                seenPoint = true
            } else {
                break
            }
            next = bytes.next()
        }
        guard digits > 0, significantDigits <= maximumSignificantDigits else { return false }
        guard let marker = next else { return true }
        guard marker == UInt8(ascii: "e") || marker == UInt8(ascii: "E") else { return false }
        next = bytes.next()
        if next == UInt8(ascii: "-") || next == UInt8(ascii: "+") { next = bytes.next() }
        var exponentDigits = 0
        while let byte = next {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9"), exponentDigits < 4 else { return false }
            exponentDigits += 1
            next = bytes.next()
        }
        return exponentDigits > 0
    }
}

extension DecimalNumber: ExpressibleByIntegerLiteral {
    public init(integerLiteral value: Int) {
        self.init(value)
    }
}
