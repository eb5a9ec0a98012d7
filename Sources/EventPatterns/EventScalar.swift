import JSONCoding

/// A leaf value of an event or of a pattern: the JSON scalars, with every number held as a `Double` so that `300`
/// and `300.0` are the same value, as EventBridge compares them.
enum EventScalar: Hashable, Sendable {
    case string(String)
    case number(Double)
    case bool(Bool)
    case null

    /// The scalar `value` holds, or `nil` for an array or an object.
    init?(_ value: JSONValue) {
        switch value {
        case .string(let text): self = .string(text)
        case .integer(let integer): self = .number(Double(integer))
        case .number(let number): self = .number(number)
        case .bool(let flag): self = .bool(flag)
        case .null: self = .null
        case .array, .object: return nil
        }
    }

    /// The text of a string, else `nil`.
    var string: String? {
        if case .string(let text) = self { return text }
        return nil
    }

    /// The value of a number, else `nil`.
    var number: Double? {
        if case .number(let value) = self { return value }
        return nil
    }
}
