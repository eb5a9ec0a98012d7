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

    /// Reads the operand of `numeric` as event-ruler's grammar has it: `["=", n]`, `["<" | "<=", n]`, or
    /// `[">" | ">=", n]` optionally followed by `"<" | "<=", m` with `n` below `m`; anything else is refused with
    /// event-ruler's reason.
    init(_ operand: JSONValue) throws(EventPatternError) {
        guard case .array(let terms) = operand else {
            throw EventPatternError(.invalidOperand, "Value of numeric must be an array.")
        }
        guard case .string(let comparison)? = terms.first else {
            throw Self.refusal("Invalid member in numeric match: \(Self.text(of: terms.first))")
        }
        let tooMany = Self.refusal("Too many elements in numeric expression")
        switch comparison {
        case "=":
            let value = try Self.number(after: "equals", at: 1, in: terms)
            guard terms.count == 2 else { throw tooMany }
            self.lower = Bound(value: value, isInclusive: true)
            self.upper = self.lower
        case "<", "<=":
            let value = try Self.number(after: comparison, at: 1, in: terms)
            guard terms.count == 2 else { throw tooMany }
            self.upper = Bound(value: value, isInclusive: comparison == "<=")
        case ">", ">=":
            let bottom = try Self.number(after: comparison, at: 1, in: terms)
            self.lower = Bound(value: bottom, isInclusive: comparison == ">=")
            guard terms.count > 2 else { return }
            guard case .string(let upperComparison) = terms[2] else {
                throw Self.refusal("Bad value in numeric range: \(Self.text(of: terms[2]))")
            }
            guard upperComparison == "<" || upperComparison == "<=" else {
                throw Self.refusal("Bad numeric range operator: \(upperComparison)")
            }
            let top = try Self.number(after: upperComparison, at: 3, in: terms)
            guard terms.count == 4 else { throw Self.refusal("Too many terms in numeric range expression") }
            guard bottom < top else { throw Self.refusal("Bottom must be less than top") }
            self.upper = Bound(value: top, isInclusive: upperComparison == "<=")
        default:
            throw Self.refusal("Unrecognized numeric range operator: \(comparison)")
        }
    }

    /// The number at `index` of `terms`, which follows the operator `name`.
    private static func number(after name: String, at index: Int, in terms: [JSONValue]) throws(EventPatternError)
        -> Double
    {
        guard index < terms.count, let value = EventScalar(terms[index])?.number else {
            throw Self.refusal("Value of \(name) must be numeric")
        }
        return value
    }

    private static func refusal(_ reason: String) -> EventPatternError {
        EventPatternError(.invalidNumericRange, reason)
    }

    /// A term as event-ruler's parser names it in a refusal: its text, `]` past the end, `[` or `{` for a container.
    private static func text(of term: JSONValue?) -> String {
        guard let term else { return "]" }
        switch term {
        case .array: return "["
        case .object: return "{"
        case .string(let text): return text
        default:
            var writer = JSONWriter(capacity: 32)
            writer.value(term)
            return String(decoding: writer.bytes, as: UTF8.self)
        }
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
