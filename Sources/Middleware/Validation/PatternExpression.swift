/// A parsed ``ValidationPattern``, before it is compiled.
indirect enum PatternExpression: Sendable {
    case empty
    case scalar(ScalarSet)
    case start
    case end
    case sequence([PatternExpression])
    case choice([PatternExpression])
    case repetition(PatternExpression, minimum: Int, maximum: Int?)
}

/// A set of Unicode scalars for one position of a ``ValidationPattern``: scalar ranges, the complements of range sets
/// (`\D` inside a class), and whether the whole is negated (`[^…]`, `.`).
struct ScalarSet: Sendable {
    var ranges: [ClosedRange<UInt32>] = []
    var complements: [[ClosedRange<UInt32>]] = []
    var isNegated = false

    static func only(_ scalar: Unicode.Scalar) -> ScalarSet {
        ScalarSet(ranges: [scalar.value...scalar.value])
    }

    /// `.`: every scalar but the line terminators.
    static let anyButLineTerminators = ScalarSet(ranges: [0x0A...0x0A, 0x0D...0x0D, 0x2028...0x2029], isNegated: true)
    /// `\d`.
    static let digitRanges: [ClosedRange<UInt32>] = [0x30...0x39]
    /// `\w`: ASCII letters, digits and `_`.
    static let wordRanges: [ClosedRange<UInt32>] = [0x30...0x39, 0x41...0x5A, 0x5F...0x5F, 0x61...0x7A]
    /// `\s`: ECMA-262's white space and line terminators.
    static let whitespaceRanges: [ClosedRange<UInt32>] = [
        0x09...0x0D, 0x20...0x20, 0xA0...0xA0, 0x1680...0x1680, 0x2000...0x200A, 0x2028...0x2029, 0x202F...0x202F,
        0x205F...0x205F, 0x3000...0x3000, 0xFEFF...0xFEFF,
    ]

    /// Adds the members of `other`, which is not negated.
    mutating func formUnion(_ other: ScalarSet) {
        self.ranges += other.ranges
        self.complements += other.complements
    }

    func contains(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        let isMember =
            self.ranges.contains { $0.contains(value) }
            || self.complements.contains { excluded in !excluded.contains { $0.contains(value) } }
        return isMember != self.isNegated
    }
}
