/// A decimal as its digits and the power of ten of the last one, ±d₁d₂…dₙ × 10^exponent, with no leading or trailing
/// zero digits, so every value has exactly one representation (zero has no digits). It carries the numbers that do
/// not fit `Int64` for ``DecimalNumber``; sums keep up to ``maximumSignificantDigits`` digits, rounding half to even
/// beyond them, as DynamoDB keeps 38.
struct DecimalDigits: Hashable, Sendable {
    /// The most significant digits a value keeps.
    static let maximumSignificantDigits = 38
    /// The powers of ten of a nonzero value's leading digit that DynamoDB stores: 1E-130 up to 9.99…E+125.
    static let leadingExponents = -130...125

    private(set) var isNegative: Bool
    /// The digits, 0 to 9, most significant first; the first and the last are never 0.
    private(set) var digits: [UInt8]
    /// The power of ten of the last digit.
    private(set) var exponent: Int

    /// Zero.
    static let zero = DecimalDigits(isNegative: false, digits: [], exponent: 0)

    private init(isNegative: Bool, digits: [UInt8], exponent: Int) {
        self.isNegative = isNegative
        self.digits = digits
        self.exponent = exponent
    }

    /// `value`, exactly.
    init(_ value: Int64) {
        var magnitude = value.magnitude
        var reversed: [UInt8] = []
        while magnitude > 0 {
            reversed.append(UInt8(magnitude % 10))
            magnitude /= 10
        }
        self.init(normalizing: reversed.reversed(), exponent: 0, isNegative: value < 0)
    }

    /// Parses `[+-]digits[.digits][(e|E)[+-]digits]`, with at most 38 significant digits (counted from the first
    /// nonzero digit, trailing zeros included, as DynamoDB counts them), an exponent of at most four digits, and a
    /// value that DynamoDB can store; `nil` for anything else.
    init?(parsing text: some StringProtocol) {
        var bytes = text.utf8.makeIterator()
        var next = bytes.next()
        var isNegative = false
        if next == UInt8(ascii: "-") || next == UInt8(ascii: "+") {
            isNegative = next == UInt8(ascii: "-")
            next = bytes.next()
        }
        var digits: [UInt8] = []
        var sawDigit = false
        var sawPoint = false
        var fractionDigits = 0
        while let byte = next {
            if byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") {
                sawDigit = true
                if sawPoint { fractionDigits += 1 }
                // Leading zeros are not significant.
                if byte != UInt8(ascii: "0") || !digits.isEmpty { digits.append(byte - UInt8(ascii: "0")) }
                guard digits.count <= Self.maximumSignificantDigits else { return nil }
            } else if byte == UInt8(ascii: "."), !sawPoint {
                sawPoint = true
            } else {
                break
            }
            next = bytes.next()
        }
        guard sawDigit else { return nil }
        var exponent = 0
        if let marker = next {
            guard marker == UInt8(ascii: "e") || marker == UInt8(ascii: "E") else { return nil }
            next = bytes.next()
            var exponentIsNegative = false
            if next == UInt8(ascii: "-") || next == UInt8(ascii: "+") {
                exponentIsNegative = next == UInt8(ascii: "-")
                next = bytes.next()
            }
            var exponentDigits = 0
            while let byte = next {
                guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9"), exponentDigits < 4 else { return nil }
                exponent = exponent * 10 + Int(byte - UInt8(ascii: "0"))
                exponentDigits += 1
                next = bytes.next()
            }
            guard exponentDigits > 0 else { return nil }
            if exponentIsNegative { exponent = -exponent }
        }
        self.init(normalizing: digits, exponent: exponent - fractionDigits, isNegative: isNegative)
        guard self.isStorable else { return nil }
    }

    /// Drops leading and trailing zeros; zero is never negative.
    private init(normalizing digits: some Collection<UInt8>, exponent: Int, isNegative: Bool) {
        guard let first = digits.firstIndex(where: { $0 != 0 }) else {
            self = .zero
            return
        }
        var kept = Array(digits[first...])
        var exponent = exponent
        while kept.last == 0 {
            kept.removeLast()
            exponent += 1
        }
        self.init(isNegative: isNegative, digits: kept, exponent: exponent)
    }

    /// Whether DynamoDB can store the value: zero, or a leading digit's power of ten within ``leadingExponents``.
    var isStorable: Bool {
        self.digits.isEmpty || Self.leadingExponents.contains(self.exponent + self.digits.count - 1)
    }

    /// The value as an `Int64`, when it is an integer that fits.
    var int64Value: Int64? {
        guard self.exponent >= 0, self.digits.count + self.exponent <= 19 else { return nil }
        var magnitude: UInt64 = 0
        for digit in self.digits + repeatElement(0, count: self.exponent) {
            magnitude = magnitude * 10 + UInt64(digit)
        }
        if self.isNegative {
            return magnitude <= Int64.min.magnitude ? Int64(truncatingIfNeeded: 0 &- magnitude) : nil
        }
        return Int64(exactly: magnitude)
    }

    /// The plain decimal text: `-12.5`, `0.001`, `120000000000000000000`; never an exponent.
    var text: String {
        guard !self.digits.isEmpty else { return "0" }
        var bytes: [UInt8] = self.isNegative ? [UInt8(ascii: "-")] : []
        let characters = self.digits.map { $0 + UInt8(ascii: "0") }
        let pointPosition = self.digits.count + self.exponent
        if self.exponent >= 0 {
            bytes += characters
            bytes += repeatElement(UInt8(ascii: "0"), count: self.exponent)
        } else if pointPosition > 0 {
            bytes += characters[..<pointPosition]
            bytes.append(UInt8(ascii: "."))
            bytes += characters[pointPosition...]
        } else {
            bytes += [UInt8(ascii: "0"), UInt8(ascii: ".")]
            bytes += repeatElement(UInt8(ascii: "0"), count: -pointPosition)
            bytes += characters
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The value with the opposite sign.
    static prefix func - (value: DecimalDigits) -> DecimalDigits {
        guard !value.digits.isEmpty else { return value }
        var negated = value
        negated.isNegative.toggle()
        return negated
    }

    /// The sum, exact up to 38 significant digits and rounded half to even beyond them.
    static func + (lhs: DecimalDigits, rhs: DecimalDigits) -> DecimalDigits {
        if lhs.digits.isEmpty { return rhs }
        if rhs.digits.isEmpty { return lhs }
        let lowest = min(lhs.exponent, rhs.exponent)
        let width = max(lhs.exponent + lhs.digits.count, rhs.exponent + rhs.digits.count) - lowest + 1
        let left = lhs.leastSignificantFirst(from: lowest, width: width)
        let right = rhs.leastSignificantFirst(from: lowest, width: width)
        var result = [UInt8](repeating: 0, count: width)
        let isNegative: Bool
        if lhs.isNegative == rhs.isNegative {
            var carry: UInt8 = 0
            for index in 0..<width {
                let sum = left[index] + right[index] + carry
                result[index] = sum % 10
                carry = sum / 10
            }
            isNegative = lhs.isNegative
        } else {
            let leftIsLarger = Self.compareMagnitudes(lhs, rhs) >= 0
            let (larger, smaller) = leftIsLarger ? (left, right) : (right, left)
            var borrow: UInt8 = 0
            for index in 0..<width {
                let subtrahend = smaller[index] + borrow
                borrow = larger[index] < subtrahend ? 1 : 0
                result[index] = larger[index] + 10 * borrow - subtrahend
            }
            isNegative = leftIsLarger ? lhs.isNegative : rhs.isNegative
        }
        return DecimalDigits(normalizing: result.reversed(), exponent: lowest, isNegative: isNegative)
            .rounded(toSignificantDigits: Self.maximumSignificantDigits)
    }

    /// The difference, as ``+(_:_:)`` rounds it.
    static func - (lhs: DecimalDigits, rhs: DecimalDigits) -> DecimalDigits {
        lhs + -rhs
    }

    /// Whether `lhs` is numerically less than `rhs`.
    static func < (lhs: DecimalDigits, rhs: DecimalDigits) -> Bool {
        if lhs.isNegative != rhs.isNegative { return lhs.isNegative }
        let magnitudeOrder = Self.compareMagnitudes(lhs, rhs)
        return lhs.isNegative ? magnitudeOrder > 0 : magnitudeOrder < 0
    }

    /// -1, 0 or 1 as `|lhs|` is less than, equal to or greater than `|rhs|`.
    private static func compareMagnitudes(_ lhs: DecimalDigits, _ rhs: DecimalDigits) -> Int {
        if lhs.digits.isEmpty || rhs.digits.isEmpty { return Self.order(lhs.digits.count, rhs.digits.count) }
        let leftTop = lhs.exponent + lhs.digits.count
        let rightTop = rhs.exponent + rhs.digits.count
        if leftTop != rightTop { return leftTop < rightTop ? -1 : 1 }
        // Same leading power of ten: digit by digit; with no trailing zeros, a prefix is the smaller.
        for (left, right) in zip(lhs.digits, rhs.digits) where left != right {
            return left < right ? -1 : 1
        }
        return Self.order(lhs.digits.count, rhs.digits.count)
    }

    private static func order(_ lhs: Int, _ rhs: Int) -> Int {
        lhs < rhs ? -1 : lhs > rhs ? 1 : 0
    }

    /// The digits, least significant first, placed from power of ten `lowest` over `width` places.
    private func leastSignificantFirst(from lowest: Int, width: Int) -> [UInt8] {
        var placed = [UInt8](repeating: 0, count: width)
        for (offset, digit) in self.digits.reversed().enumerated() {
            placed[self.exponent - lowest + offset] = digit
        }
        return placed
    }

    /// The value with at most `count` digits, rounded half to even.
    private func rounded(toSignificantDigits count: Int) -> DecimalDigits {
        guard self.digits.count > count else { return self }
        let dropped = self.digits[count...]
        var kept = Array(self.digits[..<count])
        let first = dropped.first!
        let isHalfOrMore = first >= 5
        let isExactlyHalf = first == 5 && dropped.dropFirst().allSatisfy { $0 == 0 }
        let roundsUp = isHalfOrMore && (!isExactlyHalf || kept.last! % 2 == 1)
        var exponent = self.exponent + dropped.count
        if roundsUp {
            var index = kept.count - 1
            while index >= 0, kept[index] == 9 {
                kept[index] = 0
                index -= 1
            }
            if index >= 0 {
                kept[index] += 1
            } else {
                kept.insert(1, at: 0)
                kept.removeLast()
                exponent += 1
            }
        }
        return DecimalDigits(normalizing: kept, exponent: exponent, isNegative: self.isNegative)
    }
}
