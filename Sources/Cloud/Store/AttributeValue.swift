/// One attribute value of a stored item, with DynamoDB's types.
public enum AttributeValue: Sendable, Hashable {
    case string(String)
    case number(DecimalNumber)
    case binary([UInt8])
    case bool(Bool)
    case null
    case list([AttributeValue])
    case map([String: AttributeValue])
    /// A set of distinct strings (DynamoDB's `SS`); an empty set cannot be stored.
    case stringSet(Set<String>)
    /// A set of distinct numbers (DynamoDB's `NS`); an empty set cannot be stored.
    case numberSet(Set<DecimalNumber>)

    /// The value's DynamoDB type descriptor: `S`, `N`, `B`, `BOOL`, `NULL`, `L`, `M`, `SS` or `NS`.
    public var typeDescriptor: String {
        switch self {
        case .string: "S"
        case .number: "N"
        case .binary: "B"
        case .bool: "BOOL"
        case .null: "NULL"
        case .list: "L"
        case .map: "M"
        case .stringSet: "SS"
        case .numberSet: "NS"
        }
    }

    /// The string, when this is a string.
    public var stringValue: String? {
        if case .string(let value) = self { value } else { nil }
    }

    /// The number, when this is a number.
    public var numberValue: DecimalNumber? {
        if case .number(let value) = self { value } else { nil }
    }

    /// The number as an `Int`, when this is an integral number that fits.
    public var intValue: Int? { self.numberValue?.intValue }

    /// The bytes, when this is binary.
    public var binaryValue: [UInt8]? {
        if case .binary(let value) = self { value } else { nil }
    }

    /// The flag, when this is a boolean.
    public var boolValue: Bool? {
        if case .bool(let value) = self { value } else { nil }
    }

    /// The elements, when this is a list.
    public var listValue: [AttributeValue]? {
        if case .list(let value) = self { value } else { nil }
    }

    /// The entries, when this is a map.
    public var mapValue: [String: AttributeValue]? {
        if case .map(let value) = self { value } else { nil }
    }
}

extension AttributeValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral,
    ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral, ExpressibleByNilLiteral
{
    /// A string value.
    public init(stringLiteral value: String) { self = .string(value) }
    /// A number value.
    public init(integerLiteral value: Int) { self = .number(DecimalNumber(value)) }
    /// A Boolean value.
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    /// A list value.
    public init(arrayLiteral elements: AttributeValue...) { self = .list(elements) }
    /// The null value.
    public init(nilLiteral: ()) { self = .null }

    /// A map value; of repeated keys the last wins.
    public init(dictionaryLiteral elements: (String, AttributeValue)...) {
        self = .map(Dictionary(elements, uniquingKeysWith: { _, last in last }))
    }
}

extension AttributeValue {
    /// An integer as a number.
    public static func int(_ value: Int) -> AttributeValue { .number(DecimalNumber(value)) }
}
