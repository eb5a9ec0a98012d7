public import LambdaEvents

/// What a validation rule requires, in terms JSON Schema can state, so that the API's documentation shows the rules
/// the handlers really apply. A plain value without heap storage, so that declaring it costs nothing per request.
public enum SchemaConstraint: Sendable, Equatable {
    /// Nothing JSON Schema can express; the rule is still enforced.
    case none
    /// An integer between the bounds, inclusive.
    case integerRange(Int64, Int64)
    /// A string of this many characters.
    case length(Int, Int)
    /// An array of this many elements.
    case count(Int, Int)
    /// A string matching an ECMA-262 regular expression.
    case pattern(String)
    /// A string in a format JSON Schema names, such as `email`.
    case format(String)
    /// A string, one of these.
    case enumeration([String])

    /// The JSON Schema keywords that say the same.
    public var keywords: [String: JSONValue] {
        switch self {
        case .none: [:]
        case .integerRange(let low, let high): ["minimum": .integer(low), "maximum": .integer(high)]
        case .length(let low, let high): ["minLength": .integer(Int64(low)), "maxLength": .integer(Int64(high))]
        case .count(let low, let high): ["minItems": .integer(Int64(low)), "maxItems": .integer(Int64(high))]
        case .pattern(let pattern): ["pattern": .string(pattern)]
        case .format(let format): ["format": .string(format)]
        case .enumeration(let values): ["enum": .array(values.map(JSONValue.string))]
        }
    }
}
