/// The single table's attribute names and DynamoDB's limits on it (ARCHITECTURE §3).
public enum TableSchema {
    /// The partition key attribute, a string.
    public static let partitionKey = "PK"
    /// The sort key attribute, a string.
    public static let sortKey = "SK"
    /// The global index's partition key attribute; an item without it is not in the index.
    public static let indexPartitionKey = "GSI1PK"
    /// The global index's sort key attribute.
    public static let indexSortKey = "GSI1SK"
    /// The time-to-live attribute: a number of seconds since the epoch after which the item is gone.
    public static let expiresAt = "expiresAt"

    /// The largest item, counting attribute names and values: 400 KB.
    public static let maximumItemBytes = 400 * 1024
    /// The most lists and maps that may enclose a value, as in DynamoDB: 32.
    public static let maximumNestingDepth = 32
    /// The longest partition key value in bytes.
    public static let maximumPartitionKeyBytes = 2048
    /// The longest sort key value in bytes.
    public static let maximumSortKeyBytes = 1024
    /// The most actions in one transaction.
    public static let maximumTransactionActions = 100
    /// The largest total size of the items in one transaction: 4 MB.
    public static let maximumTransactionBytes = 4 * 1024 * 1024
    /// The most data one query page reads: 1 MB.
    public static let maximumQueryPageBytes = 1024 * 1024

    /// The attributes that make up a key of the table or of its index.
    public static let keyAttributes: Set<String> = [partitionKey, sortKey, indexPartitionKey, indexSortKey]
}
