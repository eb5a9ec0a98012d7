/// The primary key of an item: its partition key (`PK`) and sort key (`SK`).
public struct ItemKey: Sendable, Hashable, CustomStringConvertible {
    /// The partition key value (`PK`).
    public var partition: String
    /// The sort key value (`SK`).
    public var sort: String

    /// Creates a key from its two values.
    public init(partition: String, sort: String) {
        self.partition = partition
        self.sort = sort
    }

    /// The key as the attributes an item carries.
    public var attributes: [String: AttributeValue] {
        [TableSchema.partitionKey: .string(self.partition), TableSchema.sortKey: .string(self.sort)]
    }

    /// `partition / sort`, for messages.
    public var description: String { "\(self.partition) / \(self.sort)" }
}
