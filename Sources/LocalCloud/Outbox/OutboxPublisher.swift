public import Cloud

/// Where the ``OutboxRelay`` hands outbox events on: the event bus, through an adapter, in batches the way
/// `PutEvents` takes them (at most ``OutboxRelay/maximumBatchSize`` events a call).
public protocol OutboxPublisher: Sendable {
    /// Publishes `events`, in their order, and says for each (in the same order) whether the bus accepted it.
    ///
    /// An event may be published again after a crash or a failure, always with the same event ID, so consumers can
    /// drop repeats.
    /// - Throws: when the bus could not be asked at all; the relay then counts every event as failed.
    func publish(_ events: [OutboxRecord]) async throws -> [OutboxPublishOutcome]
}
