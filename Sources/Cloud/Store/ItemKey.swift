/// The primary key of an item: its partition key (`PK`) and sort key (`SK`).
public struct ItemKey: Sendable, Hashable, CustomStringConvertible {
    public var partition: String
    public var sort: String

    public init(partition: String, sort: String) {
        self.partition = partition
        self.sort = sort
    }

    /// The key as the attributes an item carries.
    public var attributes: [String: AttributeValue] {
        [TableSchema.partitionKey: .string(self.partition), TableSchema.sortKey: .string(self.sort)]
    }

    public var description: String { "\(self.partition) / \(self.sort)" }
}
