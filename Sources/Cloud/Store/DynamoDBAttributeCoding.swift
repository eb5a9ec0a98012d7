public import JSONCoding

/// Attribute values in DynamoDB's JSON wire form: `{"S": …}`, numbers as exact decimal strings (`{"N": "12.5"}`),
/// binaries in base64, `BOOL`, `NULL`, `L`, `M`, and string and number sets (`SS`, `NS`): how the DynamoDB adapter
/// writes and reads items, and how a table's stream hands them to a function (``DynamoDBStreamEvent``).
public enum DynamoDBAttributeCoding {
    /// `value` as DynamoDB writes it.
    public static func encode(_ value: AttributeValue) -> JSONValue {
        switch value {
        case .string(let text): ["S": .string(text)]
        case .number(let number): ["N": .string(number.description)]
        case .binary(let bytes): ["B": .string(Base64.encode(bytes))]
        case .bool(let flag): ["BOOL": .bool(flag)]
        case .null: ["NULL": true]
        case .list(let elements): ["L": .array(elements.map(Self.encode))]
        case .map(let entries): ["M": .object(entries.mapValues(Self.encode))]
        // Sorted, so that the same set is always written the same way.
        case .stringSet(let elements): ["SS": .array(elements.sorted().map(JSONValue.string))]
        case .numberSet(let elements): ["NS": .array(elements.sorted().map { .string($0.description) })]
        }
    }

    /// The attributes of `item` as a DynamoDB item (`{"name": {"S": …}, …}`).
    public static func encode(_ item: Item) -> JSONValue {
        .object(item.attributes.mapValues(Self.encode))
    }

    /// The key's attributes as DynamoDB's `Key`.
    public static func encode(_ key: ItemKey) -> JSONValue {
        .object(key.attributes.mapValues(Self.encode))
    }

    /// The value `json` describes, or `nil` when it is not one attribute value of a type the port has.
    public static func decode(_ json: JSONValue) -> AttributeValue? {
        guard let fields = json.objectValue, fields.count == 1, let (type, content) = fields.first else { return nil }
        switch type {
        case "S": return content.stringValue.map(AttributeValue.string)
        case "N": return content.stringValue.flatMap { DecimalNumber($0) }.map(AttributeValue.number)
        case "B": return content.stringValue.flatMap(Base64.decode).map(AttributeValue.binary)
        case "BOOL":
            guard case .bool(let flag) = content else { return nil }
            return .bool(flag)
        case "NULL": return content == .bool(true) ? .null : nil
        case "L": return Self.decodeAll(content.arrayValue).map(AttributeValue.list)
        case "M": return Self.decodeItem(content).map { .map($0.attributes) }
        case "SS": return content.arrayValue.flatMap(Self.strings).map { .stringSet(Set($0)) }
        case "NS":
            guard let texts = content.arrayValue.flatMap(Self.strings) else { return nil }
            let numbers = texts.compactMap { DecimalNumber($0) }
            return numbers.count == texts.count ? .numberSet(Set(numbers)) : nil
        default: return nil
        }
    }

    /// The item a DynamoDB item (`{"name": {"S": …}, …}`) describes, or `nil` when it is not one.
    public static func decodeItem(_ json: JSONValue) -> Item? {
        guard let fields = json.objectValue else { return nil }
        var attributes: [String: AttributeValue] = [:]
        attributes.reserveCapacity(fields.count)
        for (name, field) in fields {
            guard let value = Self.decode(field) else { return nil }
            attributes[name] = value
        }
        return Item(attributes)
    }

    private static func decodeAll(_ elements: [JSONValue]?) -> [AttributeValue]? {
        guard let elements else { return nil }
        var values: [AttributeValue] = []
        values.reserveCapacity(elements.count)
        for element in elements {
            guard let value = Self.decode(element) else { return nil }
            values.append(value)
        }
        return values
    }

    private static func strings(_ elements: [JSONValue]) -> [String]? {
        let texts = elements.compactMap(\.stringValue)
        return texts.count == elements.count ? texts : nil
    }
}
