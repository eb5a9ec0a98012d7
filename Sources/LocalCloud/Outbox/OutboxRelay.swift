import Cloud
public import Logging

/// Publishes the outbox (ARCHITECTURE §4): the events services wrote into `OUTBOX#<shard>` partitions in the same
/// transaction as their changes go to an ``OutboxPublisher``, in sort-key order within each shard, and each item is
/// deleted once the publisher reports it accepted.
///
/// Every shard has a task of its own, so a shard whose event failed rests (with a growing backoff) while the others
/// go on. A shard is read when a commit of the store puts an item into it (the store signals it, so there is no
/// polling delay), at start, and every ``Timing/sweepInterval`` as a safety net (for writes of another process).
///
/// Delivery is at least once: an item is deleted only after the bus accepted it, so a crash between the two
/// publishes it again, with the same event ID. When the bus fails an event of a batch but accepts some after it,
/// those are published again after the failed one, so the last copy of each event arrives in order. One relay a
/// store file is meant: two would publish each item twice (still with its ID).
///
/// Given the gateway's ``GatewayLoad``, the relay lets requests go first: before each batch it waits while the
/// gateway is saturated, so that a burst of requests does not share the machine with the events it sets off; those
/// wait in the outbox and are published once the burst is over. A batch that waited ``Yielding/maximumDelay`` goes,
/// and with it the rest of its shard, so events still flow under a load that does not end.
public struct OutboxRelay: Sendable {
    /// The gateway whose requests go before the relay's events, and the longest the relay holds them back in one go.
    public struct Yielding: Sendable {
        /// The load that holds the relay back while it is saturated.
        public var load: GatewayLoad
        /// The longest a batch waits for the gateway; 15 s by default.
        public var maximumDelay: Duration

        /// Yields to `load`, for at most `maximumDelay` at a time.
        public init(to load: GatewayLoad, maximumDelay: Duration = Self.defaultMaximumDelay) {
            self.load = load
            self.maximumDelay = maximumDelay
        }

        /// The longest a batch waits for a saturated gateway unless told otherwise: 15 s, longer than a typical
        /// load test's burst, short enough that events still flow under a load that does not end.
        public static let defaultMaximumDelay = Duration.seconds(15)
    }

    /// How long the relay waits between its reads of a shard when nothing signals it.
    public struct Timing: Sendable {
        /// How often each shard is read even without a signal.
        public var sweepInterval: Duration
        /// How long a shard rests after its first failure.
        public var firstRetryDelay: Duration
        /// The longest rest after repeated failures.
        public var longestRetryDelay: Duration

        /// A sweep each second, and rests from 50 ms to 5 s by default.
        public init(
            sweepInterval: Duration = .seconds(1),
            firstRetryDelay: Duration = .milliseconds(50),
            longestRetryDelay: Duration = .seconds(5)
        ) {
            self.sweepInterval = sweepInterval
            self.firstRetryDelay = firstRetryDelay
            self.longestRetryDelay = longestRetryDelay
        }
    }

    /// The most events the relay hands its publisher in one call, as many as one EventBridge `PutEvents` takes.
    public static let maximumBatchSize = 10

    private let store: any ItemStore
    private let commits: QueueWakeups
    private let publisher: any OutboxPublisher
    private let timing: Timing
    private let yielding: Yielding?
    private let logger: Logger

    /// A relay of the outbox in `store` to `publisher`, yielding to a gateway's requests when `yielding` says so;
    /// nothing happens until ``run()``.
    public init(
        store: SQLiteItemStore,
        publisher: some OutboxPublisher,
        timing: Timing = Timing(),
        yielding: Yielding? = nil,
        logger: Logger = Logger(label: "stratus.outbox-relay")
    ) {
        self.store = store
        self.commits = store.outboxCommits
        self.publisher = publisher
        self.timing = timing
        self.yielding = yielding
        self.logger = logger
    }

    /// Relays every shard until the task is cancelled; the first read of each shard publishes what a crash left.
    public func run() async {
        await withDiscardingTaskGroup { group in
            for partition in OutboxPartitions.all {
                group.addTask { await self.relay(partition) }
            }
        }
    }

    /// Reads and publishes `partition` whenever a commit signals it or the sweep is due, resting after a failure.
    private func relay(_ partition: String) async {
        var backoff = RelayBackoff(first: self.timing.firstRetryDelay, longest: self.timing.longestRetryDelay)
        while !Task.isCancelled {
            // Taken before the shard is read: a commit landing during the read moves it on, so the wait returns at once.
            let generation = self.commits.generation(of: partition)
            if await self.publishAll(of: partition) {
                backoff.reset()
                await self.commits.wait(for: partition, after: generation, atMost: self.timing.sweepInterval)
            } else {
                try? await Task.sleep(for: backoff.next())
            }
        }
    }

    /// Publishes the items of `partition` a batch at a time, oldest first, each once the gateway it yields to is not
    /// saturated (or all that are left, once one waited as long as allowed); `true` once none is left, `false` when
    /// an event failed, the store failed or the task was cancelled.
    private func publishAll(of partition: String) async -> Bool {
        var yielding = self.yielding
        do {
            while true {
                if let current = yielding, await !current.load.waitForSpareCapacity(atMost: current.maximumDelay) {
                    // Held back as long as allowed: the rest of the shard goes now, whatever the gateway's load.
                    yielding = nil
                }
                try Task.checkCancellation()
                let page = try await self.store.query(ItemQuery(partition: partition, limit: Self.maximumBatchSize))
                guard !page.items.isEmpty else { return true }
                guard try await self.publish(page.items) else { return false }
            }
        } catch is CancellationError {
            return false
        } catch {
            self.logger.warning("The outbox shard \(partition) could not be read or cleared: \(error)")
            return false
        }
    }

    /// Publishes `items` in order and deletes those the bus accepted before the first it did not; `true` when it
    /// accepted all.
    private func publish(_ items: [Item]) async throws -> Bool {
        var records: [OutboxRecord] = []
        var done: [ItemKey] = []
        for item in items {
            if let record = OutboxRecord(item: item) {
                records.append(record)
            } else if let key = item.key {
                // Not an event: it can never be published, and keeping it would stop its shard for good.
                self.logger.error("Dropping the outbox item \(key), which is not an event")
                done.append(key)
            }
        }
        let accepted = records.isEmpty ? 0 : await self.acceptedCount(of: records)
        done += records.prefix(accepted).map(\.key)
        if !done.isEmpty {
            try await self.store.transactWrite(done.map { .delete($0) })
        }
        return accepted == records.count
    }

    /// How many of `records`, from the first, the publisher reported accepted.
    private func acceptedCount(of records: [OutboxRecord]) async -> Int {
        let outcomes: [OutboxPublishOutcome]
        do {
            outcomes = try await self.publisher.publish(records)
        } catch {
            self.logger.warning("Publishing \(records.count) outbox events failed: \(error)")
            return 0
        }
        let accepted = outcomes.prefix(records.count).prefix { $0 == .accepted }.count
        if accepted < records.count {
            let reason: String
            if accepted < outcomes.count, case .failed(let why) = outcomes[accepted] {
                reason = why
            } else {
                reason = "the publisher reported \(outcomes.count) outcomes for \(records.count) events"
            }
            self.logger.warning("The bus did not accept the outbox event \(records[accepted].eventId): \(reason)")
        }
        return accepted
    }
}
