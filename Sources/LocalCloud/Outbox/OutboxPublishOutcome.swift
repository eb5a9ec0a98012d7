/// What the bus made of one event an ``OutboxPublisher`` handed it.
public enum OutboxPublishOutcome: Sendable, Equatable {
    /// The bus took the event; the relay deletes its outbox item.
    case accepted
    /// The bus did not take the event, for `reason`; the relay stops the event's shard and tries again later.
    case failed(reason: String)
}
