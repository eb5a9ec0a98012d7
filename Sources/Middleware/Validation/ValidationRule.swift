/// A rule a value must follow, with the reason given when it does not.
///
/// Rules and checks are inlinable so that a type's `validate(_:)` compiles to plain comparisons, without allocating
/// its rules, on every request.
public struct ValidationRule<Value>: Sendable {
    @usableFromInline let problem: @Sendable (Value) -> String?
    /// What the rule requires, for the API's documentation.
    public let constraint: SchemaConstraint

    /// A rule from a check that returns the reason for a violation, or `nil` when the value is fine; `constraint`
    /// states the rule in JSON Schema's terms where it can.
    @inlinable
    public init(constraint: SchemaConstraint = .none, _ problem: @escaping @Sendable (Value) -> String?) {
        self.constraint = constraint
        self.problem = problem
    }

    /// The reason `value` breaks the rule, or `nil`.
    @inlinable
    public func violation(by value: Value) -> String? {
        self.problem(value)
    }
}

extension ValidationRule where Value: Comparable & Sendable {
    /// The value lies in `range`.
    @inlinable
    public static func range(_ range: ClosedRange<Value>) -> ValidationRule {
        ValidationRule { range.contains($0) ? nil : "must be between \(range.lowerBound) and \(range.upperBound)" }
    }
}

extension ValidationRule where Value: FixedWidthInteger & Sendable {
    /// The integer lies in `range`.
    @inlinable
    public static func range(_ range: ClosedRange<Value>) -> ValidationRule {
        ValidationRule(constraint: .integerRange(Int64(clamping: range.lowerBound), Int64(clamping: range.upperBound)))
        {
            range.contains($0) ? nil : "must be between \(range.lowerBound) and \(range.upperBound)"
        }
    }
}

extension ValidationRule where Value: Equatable & Sendable {
    /// The value is one of `allowed`.
    @inlinable
    public static func oneOf(_ allowed: [Value]) -> ValidationRule {
        ValidationRule {
            allowed.contains($0) ? nil : "must be one of \(allowed.map { "\($0)" }.joined(separator: ", "))"
        }
    }
}

extension ValidationRule where Value == String {
    /// The string has between `range.lowerBound` and `range.upperBound` characters, and at most
    /// ``maximumUTF8BytesPerCharacter`` bytes of UTF-8 per allowed character: a character can hold any number of
    /// combining marks, so a count of characters alone does not bound a string's size. The bytes are checked first,
    /// so an oversized string is refused without being walked.
    @inlinable
    public static func length(_ range: ClosedRange<Int>) -> ValidationRule {
        let perCharacter = maximumUTF8BytesPerCharacter
        let maximumBytes = range.upperBound > Int.max / perCharacter ? Int.max : range.upperBound * perCharacter
        return ValidationRule(constraint: .length(range.lowerBound, range.upperBound)) {
            $0.utf8.count <= maximumBytes && range.contains($0.count)
                ? nil : "must be \(range.lowerBound)–\(range.upperBound) characters long"
        }
    }

    /// The UTF-8 bytes a string may have per character of its allowed length: four, the most a Unicode scalar
    /// takes, so every string within the documented `maxLength` (which JSON Schema counts in scalars) passes.
    public static var maximumUTF8BytesPerCharacter: Int { 4 }

    /// The whole string matches the regular expression `pattern` (the syntax ``ValidationPattern`` reads: ECMA-262's
    /// literals, classes, groups, alternation, quantifiers and anchors, as JSON Schema's `pattern` uses them), checked
    /// in time linear in the string's length; `description` says in words what is expected. Compiling the pattern is
    /// the costly part: keep the rule in a `static let` rather than making it in every `validate(_:)` call.
    /// - Precondition: `pattern` is one that syntax reads (rules are declared in code, not taken from input).
    public static func pattern(_ pattern: String, _ description: String) -> ValidationRule {
        guard let compiled = ValidationPattern(pattern) else {
            preconditionFailure("Unsupported validation pattern \(pattern)")
        }
        return ValidationRule(constraint: .pattern("^(?:\(pattern))$")) { text in
            compiled.matches(text) ? nil : "must be \(description)"
        }
    }
}

extension ValidationRule where Value: Collection, Value: Sendable {
    /// The collection has between `range.lowerBound` and `range.upperBound` elements.
    @inlinable
    public static func count(_ range: ClosedRange<Int>) -> ValidationRule {
        ValidationRule(constraint: .count(range.lowerBound, range.upperBound)) {
            range.contains($0.count) ? nil : "must have \(range.lowerBound)–\(range.upperBound) entries"
        }
    }
}
