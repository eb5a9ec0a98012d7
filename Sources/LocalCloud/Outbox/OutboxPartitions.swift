import Cloud

/// The outbox's partitions, `OUTBOX#0` to `OUTBOX#<shardCount - 1>`, where ``OutboxEvent/item`` puts events.
enum OutboxPartitions {
    /// What every outbox partition key begins with.
    static let prefix = "OUTBOX#"

    /// Every outbox partition, one a shard.
    static let all = (0..<OutboxEvent.shardCount).map { "\(prefix)\($0)" }

    /// Whether `partition` is an outbox partition.
    static func contains(_ partition: String) -> Bool {
        partition.hasPrefix(Self.prefix)
    }
}
