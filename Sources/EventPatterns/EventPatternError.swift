/// Why an event pattern was rejected, worded as EventBridge words it in an `InvalidEventPatternException`.
public struct EventPatternError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The kind of mistake in the pattern.
    public enum Code: String, Sendable, Equatable {
        /// The text is not one JSON object, is too long, or nests too deeply.
        case malformedJSON
        /// A field's value is neither an object of nested fields nor an array of values.
        case notObjectOrArray
        /// A field's array of values is empty.
        case emptyArray
        /// The pattern, a field's nested object or a `$or` alternative has no fields.
        case emptyObject
        /// A value in a field's array is neither a JSON scalar nor an object naming one known operator.
        case invalidMatchValue
        /// An operator object names an operator EventBridge does not have (operator names are case-sensitive).
        case unrecognizedMatchType
        /// An operator's operand has the wrong type or shape (`prefix` given a number, `numeric` not an array...).
        case invalidOperand
        /// A `numeric` range repeats a bound or uses an unknown comparison.
        case invalidNumericRange
        /// A `wildcard` has consecutive `*`, a bad escape, or too many `*` to match efficiently.
        case invalidWildcard
        /// A `cidr` operand is not an IPv4 or IPv6 address block.
        case invalidCIDR
        /// The `$or` alternatives multiply out to more combinations than EventBridge accepts.
        case tooManyCombinations
    }

    /// The kind of mistake.
    public let code: Code
    /// The reason, in EventBridge's words (for example `Empty arrays are not allowed`).
    public let reason: String

    /// An error of kind `code` explained by `reason`.
    public init(_ code: Code, _ reason: String) {
        self.code = code
        self.reason = reason
    }

    /// The message of EventBridge's `InvalidEventPatternException`: `Event pattern is not valid. Reason: …`.
    public var description: String { "Event pattern is not valid. Reason: \(self.reason)" }
}
