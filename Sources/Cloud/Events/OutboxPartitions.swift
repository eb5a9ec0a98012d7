/// The outbox's partitions, `OUTBOX#0` to `OUTBOX#<shardCount - 1>`, where ``OutboxEvent/item`` puts events.
public enum OutboxPartitions {
    /// What every outbox partition key begins with.
    public static let prefix = "OUTBOX#"

    /// Every outbox partition, one a shard.
    public static let all = (0..<OutboxEvent.shardCount).map { "\(prefix)\($0)" }

    /// Whether `partition` is an outbox partition.
    public static func contains(_ partition: String) -> Bool {
        partition.hasPrefix(Self.prefix)
    }
}
