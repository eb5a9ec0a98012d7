extension Item {
    /// Checks that the item can be stored as DynamoDB would: string `PK` and `SK` of the right lengths, string
    /// index keys, no empty sets, lists and maps at most 32 levels deep, at most 400 KB; returns its size in bytes.
    public func validatedSize() throws(ItemStoreError) -> Int {
        try Self.validateKey(
            self[TableSchema.partitionKey], named: TableSchema.partitionKey,
            maximumBytes: TableSchema.maximumPartitionKeyBytes, required: true)
        try Self.validateKey(
            self[TableSchema.sortKey], named: TableSchema.sortKey,
            maximumBytes: TableSchema.maximumSortKeyBytes, required: true)
        try Self.validateKey(
            self[TableSchema.indexPartitionKey], named: TableSchema.indexPartitionKey,
            maximumBytes: TableSchema.maximumPartitionKeyBytes, required: false)
        try Self.validateKey(
            self[TableSchema.indexSortKey], named: TableSchema.indexSortKey,
            maximumBytes: TableSchema.maximumSortKeyBytes, required: false)
        var size = 0
        for (name, value) in self.attributes {
            size += name.utf8.count + (try Self.size(of: value, in: name, depth: 0))
        }
        guard size <= TableSchema.maximumItemBytes else { throw .itemTooLarge(bytes: size) }
        return size
    }

    /// The time after which the item is gone, in seconds since the epoch, if it has a numeric `expiresAt`.
    public var expiresAtSeconds: Int64? {
        guard case .number(let number)? = self[TableSchema.expiresAt], let seconds = number.intValue else {
            return nil
        }
        return Int64(seconds)
    }

    private static func validateKey(
        _ value: AttributeValue?,
        named name: String,
        maximumBytes: Int,
        required: Bool
    ) throws(ItemStoreError) {
        switch value {
        case .string(let key)?:
            guard !key.isEmpty, key.utf8.count <= maximumBytes else {
                throw .validation("The key attribute \(name) must be 1 to \(maximumBytes) bytes long")
            }
        case nil where !required:
            return
        case nil:
            throw .validation("One of the required keys was not given a value: \(name)")
        case let other?:
            throw .validation("The key attribute \(name) must be a string, not \(other.typeDescriptor)")
        }
    }

    /// DynamoDB's size of a value: bytes of strings and binaries, about one byte per two digits of a number,
    /// one byte for booleans and nulls, three bytes plus one per element for lists and maps. `depth` is how many lists
    /// and maps enclose `value`.
    private static func size(of value: AttributeValue, in name: String, depth: Int) throws(ItemStoreError) -> Int {
        switch value {
        case .string(let string): return string.utf8.count
        case .number(let number): return Self.size(of: number)
        case .binary(let bytes): return bytes.count
        case .bool, .null: return 1
        case .list(let elements):
            try Self.checkNesting(below: depth, in: name)
            var size = 3
            for element in elements { size += 1 + (try Self.size(of: element, in: name, depth: depth + 1)) }
            return size
        case .map(let entries):
            try Self.checkNesting(below: depth, in: name)
            var size = 3
            for (key, element) in entries {
                size += 1 + key.utf8.count + (try Self.size(of: element, in: name, depth: depth + 1))
            }
            return size
        case .stringSet(let elements):
            guard !elements.isEmpty else { throw .validation("An empty set is not allowed: \(name)") }
            return elements.reduce(0) { $0 + $1.utf8.count }
        case .numberSet(let elements):
            guard !elements.isEmpty else { throw .validation("An empty set is not allowed: \(name)") }
            return elements.reduce(0) { $0 + Self.size(of: $1) }
        }
    }

    /// Refuses a list or map that `depth` others already enclose when that is the deepest level allowed.
    private static func checkNesting(below depth: Int, in name: String) throws(ItemStoreError) {
        guard depth < TableSchema.maximumNestingDepth else {
            throw .validation(
                "Nesting Levels have exceeded supported limits: \(name) is nested deeper than \(TableSchema.maximumNestingDepth) levels"
            )
        }
    }

    private static func size(of number: DecimalNumber) -> Int {
        (number.significantDigitCount + 1) / 2 + 1
    }
}
