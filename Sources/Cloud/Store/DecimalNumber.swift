/// A number as DynamoDB stores it: an exact decimal of up to 38 significant digits, never a binary floating point.
///
/// Parsing is strict (`-12.50`, `1e3`, `0.001`; not `1.5x`, `NaN` or `Infinity`), and the value keeps no trailing
/// zeros, so `1.50` and `1.5` are the same number, as they are in DynamoDB. Integers that fit 64 bits (money in
/// minor units, versions, quantities, timestamps) are kept as such, so they cost no decimal arithmetic.
public struct DecimalNumber: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The largest number of significant digits DynamoDB keeps.
    public static let maximumSignificantDigits = DecimalDigits.maximumSignificantDigits

    private enum Storage: Hashable {
        /// Every integral value that fits, and only those, so equal numbers have equal storage.
        case integer(Int64)
        case decimal(DecimalDigits)
    }

    private let storage: Storage

    /// Parses the decimal text of a number, returning `nil` for anything that is not one, that has more than 38
    /// significant digits, or whose magnitude DynamoDB cannot store (1E-130 to 9.99…E+125).
    public init?(_ text: some StringProtocol) {
        if let integer = Self.plainInteger(text) {
            self.init(storage: .integer(integer))
            return
        }
        guard let decimal = DecimalDigits(parsing: text) else { return nil }
        self.init(decimal)
    }

    /// An integer, exactly.
    public init(_ value: Int) {
        self.storage = .integer(Int64(value))
    }

    private init(_ decimal: DecimalDigits) {
        self.storage = decimal.int64Value.map(Storage.integer) ?? .decimal(decimal)
    }

    private init(storage: Storage) {
        self.storage = storage
    }

    /// The value as an `Int64`, when it is an integer that fits.
    public var int64Value: Int64? {
        if case .integer(let value) = self.storage { value } else { nil }
    }

    /// The value as an `Int`, when it is an integer that fits.
    public var intValue: Int? { self.int64Value.flatMap { Int(exactly: $0) } }

    /// The canonical decimal text, e.g. `-12.5`, never with an exponent.
    public var description: String {
        switch self.storage {
        case .integer(let value): String(value)
        case .decimal(let value): value.text
        }
    }

    /// How many significant digits the number has, leading and trailing zeros trimmed, as DynamoDB counts them
    /// for an item's size (`1E+100` and `0.001` have one, `1200.5` five); zero counts as one.
    public var significantDigitCount: Int {
        switch self.storage {
        case .integer(let value):
            var remaining = value.magnitude
            while remaining >= 10, remaining % 10 == 0 { remaining /= 10 }
            var digits = 1
            while remaining >= 10 {
                remaining /= 10
                digits += 1
            }
            return digits
        case .decimal(let value):
            return max(1, value.digits.count)
        }
    }

    /// Whether `lhs` is numerically less than `rhs`.
    public static func < (lhs: DecimalNumber, rhs: DecimalNumber) -> Bool {
        if case .integer(let left) = lhs.storage, case .integer(let right) = rhs.storage { return left < right }
        return lhs.digits < rhs.digits
    }

    /// The sum, exact up to 38 significant digits (rounded half to even beyond them, as DynamoDB keeps 38); integers
    /// that overflow `Int64` continue as decimals.
    public static func + (lhs: DecimalNumber, rhs: DecimalNumber) -> DecimalNumber {
        if case .integer(let left) = lhs.storage, case .integer(let right) = rhs.storage {
            let (sum, overflow) = left.addingReportingOverflow(right)
            if !overflow { return DecimalNumber(storage: .integer(sum)) }
        }
        return DecimalNumber(lhs.digits + rhs.digits)
    }

    /// The difference, as ``+(_:_:)`` computes sums.
    public static func - (lhs: DecimalNumber, rhs: DecimalNumber) -> DecimalNumber {
        if case .integer(let left) = lhs.storage, case .integer(let right) = rhs.storage {
            let (difference, overflow) = left.subtractingReportingOverflow(right)
            if !overflow { return DecimalNumber(storage: .integer(difference)) }
        }
        return DecimalNumber(lhs.digits - rhs.digits)
    }

    /// The value as digits, for arithmetic beyond `Int64`.
    private var digits: DecimalDigits {
        switch self.storage {
        case .integer(let value): DecimalDigits(value)
        case .decimal(let value): value
        }
    }

    /// `-?digits` of at most 18 digits: always an `Int64`, parsed without decimal arithmetic.
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
}

extension DecimalNumber: ExpressibleByIntegerLiteral {
    /// The integer `value`.
    public init(integerLiteral value: Int) {
        self.init(value)
    }
}
