extension JSONValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral,
    ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral, ExpressibleByNilLiteral
{
    /// A JSON string, written as a Swift string literal.
    public init(stringLiteral value: String) { self = .string(value) }
    /// A JSON integer, written as a Swift integer literal.
    public init(integerLiteral value: Int64) { self = .integer(value) }
    /// `true` or `false`, written as a Swift Boolean literal.
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    /// A JSON array, written as a Swift array literal.
    public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
    /// JSON `null`, written as `nil`.
    public init(nilLiteral: ()) { self = .null }

    /// A JSON object, written as a Swift dictionary literal; a key given twice keeps its last value.
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self = .object(Dictionary(elements) { _, last in last })
    }
}
