/// A stored item: named attribute values, with the table's key attributes among them.
///
/// Every item has the string attributes `PK` and `SK`; `GSI1PK`/`GSI1SK` put it in the global index, and a numeric
/// `expiresAt` (seconds since the epoch) gives it a time to live.
public struct Item: Sendable, Hashable, ExpressibleByDictionaryLiteral, Sequence {
    /// The attributes by name.
    public var attributes: [String: AttributeValue]

    public init(_ attributes: [String: AttributeValue] = [:]) {
        self.attributes = attributes
    }

    public init(dictionaryLiteral elements: (String, AttributeValue)...) {
        self.attributes = Dictionary(elements, uniquingKeysWith: { _, last in last })
    }

    public subscript(name: String) -> AttributeValue? {
        get { self.attributes[name] }
        set { self.attributes[name] = newValue }
    }

    /// The item's primary key, when it has string `PK` and `SK` attributes.
    public var key: ItemKey? {
        guard let partition = self[TableSchema.partitionKey]?.stringValue,
            let sort = self[TableSchema.sortKey]?.stringValue
        else { return nil }
        return ItemKey(partition: partition, sort: sort)
    }

    /// The string attribute `name`, if the item has one.
    public func string(_ name: String) -> String? { self[name]?.stringValue }

    /// The integral number attribute `name`, if the item has one that fits an `Int`.
    public func int(_ name: String) -> Int? { self[name]?.intValue }

    public func makeIterator() -> Dictionary<String, AttributeValue>.Iterator {
        self.attributes.makeIterator()
    }
}
