#if canImport(FoundationEssentials)
public import FoundationEssentials
#else
public import Foundation
#endif

/// A number as DynamoDB stores it: an exact decimal of up to 38 significant digits, never a binary floating point.
///
/// Parsing is strict (`-12.50`, `1e3`, `0.001`; not `1.5x`, `NaN` or `Infinity`), and the value keeps no trailing
/// zeros, so `1.50` and `1.5` are the same number, as they are in DynamoDB. Integers that fit 64 bits (money in
/// minor units, versions, quantities, timestamps) are kept as such, so they cost no decimal arithmetic.
public struct DecimalNumber: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The largest number of significant digits DynamoDB keeps.
    public static let maximumSignificantDigits = 38

    private enum Storage: Hashable {
        /// Every integral value that fits, and only those, so equal numbers have equal storage.
        case integer(Int64)
        case decimal(Decimal)
    }

    private let storage: Storage

    /// Parses the decimal text of a number, returning `nil` for anything that is not one, or that has more than 38
    /// significant digits.
    public init?(_ text: some StringProtocol) {
        if let integer = Self.plainInteger(text) {
            self.init(storage: .integer(integer))
            return
        }
        guard Self.isWellFormed(text), let decimal = Decimal(string: String(text)) else { return nil }
        self.init(exactly: decimal)
    }

    /// An integer, exactly.
    public init(_ value: Int) {
        self.storage = .integer(Int64(value))
    }

    /// A decimal, which must be finite.
    public init?(exactly decimal: Decimal) {
        guard decimal.isFinite else { return nil }
        if let integer = Self.integer(exactly: decimal) {
            self.storage = .integer(integer)
        } else {
            self.storage = .decimal(decimal)
        }
    }

    /// The exact value as a `Decimal`.
    public var decimal: Decimal {
        switch self.storage {
        case .integer(let value): Decimal(value)
        case .decimal(let value): value
        }
    }

    /// The value as an `Int64`, when it is an integer that fits.
    public var int64Value: Int64? {
        if case .integer(let value) = self.storage { value } else { nil }
    }

    /// The value as an `Int`, when it is an integer that fits.
    public var intValue: Int? { self.int64Value.flatMap { Int(exactly: $0) } }

    /// The canonical decimal text, e.g. `-12.5`.
    public var description: String {
        switch self.storage {
        case .integer(let value): String(value)
        case .decimal(let value): value.description
        }
    }

    /// How many decimal digits the value has, without signs, points or exponents.
    public var digitCount: Int {
        switch self.storage {
        case .integer(let value):
            var remaining = value.magnitude
            var digits = 1
            while remaining >= 10 {
                remaining /= 10
                digits += 1
            }
            return digits
        case .decimal(let value):
            return value.description.utf8.count { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
        }
    }

    /// Whether `lhs` is numerically less than `rhs`.
    public static func < (lhs: DecimalNumber, rhs: DecimalNumber) -> Bool {
        if case .integer(let left) = lhs.storage, case .integer(let right) = rhs.storage { return left < right }
        return lhs.decimal < rhs.decimal
    }

    /// The exact sum; integers that overflow `Int` continue as decimals.
    public static func + (lhs: DecimalNumber, rhs: DecimalNumber) -> DecimalNumber {
        if case .integer(let left) = lhs.storage, case .integer(let right) = rhs.storage {
            let (sum, overflow) = left.addingReportingOverflow(right)
            if !overflow { return DecimalNumber(storage: .integer(sum)) }
        }
        return DecimalNumber(exactly: lhs.decimal + rhs.decimal)!
    }

    /// The exact difference; integers that overflow `Int` continue as decimals.
    public static func - (lhs: DecimalNumber, rhs: DecimalNumber) -> DecimalNumber {
        if case .integer(let left) = lhs.storage, case .integer(let right) = rhs.storage {
            let (difference, overflow) = left.subtractingReportingOverflow(right)
            if !overflow { return DecimalNumber(storage: .integer(difference)) }
        }
        return DecimalNumber(exactly: lhs.decimal - rhs.decimal)!
    }

    private init(storage: Storage) {
        self.storage = storage
    }

    /// `-?digits` of at most 18 digits: always an `Int64`, parsed without `Decimal`.
    private static func plainInteger(_ text: some StringProtocol) -> Int64? {
        let utf8 = text.utf8
        guard let first = utf8.first, utf8.count <= 19 else { return nil }
        let negative = first == UInt8(ascii: "-")
        let digits = negative ? utf8.count - 1 : utf8.count
        guard digits > 0, digits <= 18 else { return nil }
        var value: Int64 = 0
        for byte in utf8.dropFirst(negative ? 1 : 0) {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            value = value * 10 + Int64(byte - UInt8(ascii: "0"))
        }
        return negative ? -value : value
    }

    /// The decimal as an `Int64`, when it is integral and fits.
    private static func integer(exactly decimal: Decimal) -> Int64? {
        let text = decimal.description
        guard !text.utf8.contains(UInt8(ascii: ".")), !text.utf8.contains(UInt8(ascii: "e")) else { return nil }
        return Int64(text)
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
    /// The integer `value`.
    public init(integerLiteral value: Int) {
        self.init(value)
    }
}
