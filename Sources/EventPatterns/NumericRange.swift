import JSONCoding

/// A `numeric` operand: at most one lower and one upper bound (`[">", 0, "<=", 5]`), or one value (`["=", 3]`).
struct NumericRange: Sendable {
    /// One end of the range.
    struct Bound: Sendable {
        let value: Double
        let isInclusive: Bool
    }

    private(set) var lower: Bound?
    private(set) var upper: Bound?

    /// Reads the operand of `numeric`, or explains why EventBridge would reject it.
    init(_ operand: JSONValue) throws(EventPatternError) {
        guard case .array(let terms) = operand else {
            throw EventPatternError(.invalidOperand, "Value of numeric must be an array.")
        }
        guard !terms.isEmpty else { throw EventPatternError(.emptyArray, "Empty arrays are not allowed") }
        var index = 0
        while index < terms.count {
            guard case .string(let comparison) = terms[index] else {
                throw EventPatternError(
                    .invalidNumericRange, "Value of numeric must be an array of operator/value pairs.")
            }
            guard index + 1 < terms.count, let value = EventScalar(terms[index + 1])?.number else {
                throw EventPatternError(.invalidNumericRange, "Value of \(comparison) must be numeric")
            }
            try self.add(comparison, value)
            index += 2
        }
        if let lower = self.lower, let upper = self.upper,
            lower.value > upper.value || (lower.value == upper.value && !(lower.isInclusive && upper.isInclusive))
        {
            throw EventPatternError(.invalidNumericRange, "Bad numeric range: the lower bound is above the upper")
        }
    }

    private mutating func add(_ comparison: String, _ value: Double) throws(EventPatternError) {
        let badOperator = EventPatternError(.invalidNumericRange, "Bad numeric range operator: \(comparison)")
        switch comparison {
        case ">", ">=":
            guard self.lower == nil, !self.isExact else { throw badOperator }
            self.lower = Bound(value: value, isInclusive: comparison == ">=")
        case "<", "<=":
            guard self.upper == nil, !self.isExact else { throw badOperator }
            self.upper = Bound(value: value, isInclusive: comparison == "<=")
        case "=":
            guard self.lower == nil, self.upper == nil else { throw badOperator }
            self.lower = Bound(value: value, isInclusive: true)
            self.upper = self.lower
        default:
            throw EventPatternError(.invalidNumericRange, "Unrecognized numeric range operator: \(comparison)")
        }
    }

    /// Whether the range came from `=` (which takes no other bound).
    private var isExact: Bool {
        guard let lower = self.lower, let upper = self.upper else { return false }
        return lower.value == upper.value && lower.isInclusive && upper.isInclusive
    }

    /// Whether `number` lies within the bounds.
    func contains(_ number: Double) -> Bool {
        if let lower = self.lower, number < lower.value || (number == lower.value && !lower.isInclusive) {
            return false
        }
        if let upper = self.upper, number > upper.value || (number == upper.value && !upper.isInclusive) {
            return false
        }
        return true
    }
}
