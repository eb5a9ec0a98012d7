/// A stored item: named attribute values, with the table's key attributes among them.
///
/// Every item has the string attributes `PK` and `SK`; `GSI1PK`/`GSI1SK` put it in the global index, and a numeric
/// `expiresAt` (seconds since the epoch) gives it a time to live.
///
/// An item read from a store may still be in the store's own form (``LazyItemAttributes``): reading one attribute
/// decodes only that attribute, and the first change decodes the rest.
public struct Item: Sendable, Hashable, ExpressibleByDictionaryLiteral, Sequence {
    private enum Storage: Sendable {
        case decoded([String: AttributeValue])
        case lazy(any LazyItemAttributes)
    }

    private var storage: Storage

    /// An item with the given attributes.
    public init(_ attributes: [String: AttributeValue] = [:]) {
        self.storage = .decoded(attributes)
    }

    /// An item from attribute literals; of repeated names the last wins.
    public init(dictionaryLiteral elements: (String, AttributeValue)...) {
        self.init(Dictionary(elements, uniquingKeysWith: { _, last in last }))
    }

    /// The item whose attributes `source` decodes as they are read.
    public init(lazy source: some LazyItemAttributes) {
        self.storage = .lazy(source)
    }

    /// The attributes by name.
    public var attributes: [String: AttributeValue] {
        get {
            switch self.storage {
            case .decoded(let attributes): attributes
            case .lazy(let source): source.attributes
            }
        }
        set {
            self.storage = .decoded(newValue)
        }
    }

    /// The source of the item's attributes while none has been changed since it was read; `nil` once decoded.
    package var lazySource: (any LazyItemAttributes)? {
        if case .lazy(let source) = self.storage { source } else { nil }
    }

    /// The attribute `name`, or `nil` when the item has none; setting `nil` removes it.
    public subscript(name: String) -> AttributeValue? {
        get {
            switch self.storage {
            case .decoded(let attributes): attributes[name]
            case .lazy(let source): source.value(named: name)
            }
        }
        set {
            var attributes = self.attributes
            // Drop the old storage first, so the dictionary is uniquely referenced and changes in place.
            self.storage = .decoded([:])
            attributes[name] = newValue
            self.storage = .decoded(attributes)
        }
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

    /// Iterates over the attributes as name–value pairs, in no particular order.
    public func makeIterator() -> Dictionary<String, AttributeValue>.Iterator {
        self.attributes.makeIterator()
    }

    /// Whether both items have the same attributes, however they are stored.
    public static func == (lhs: Item, rhs: Item) -> Bool {
        lhs.attributes == rhs.attributes
    }

    /// Hashes the attributes, however they are stored.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(self.attributes)
    }
}
