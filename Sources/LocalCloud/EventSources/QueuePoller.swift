public import Cloud
import LambdaRuntime
public import Logging
import Synchronization

/// Runs one ``EventSourceMapping``: receives its queue's messages, invokes its function with them in SQS-shaped
/// batches, and settles each batch as Lambda does (``BatchSettlement``).
///
/// - A batch is what one receive returns, or, with a batching window, what arrives until the batch is full, its
///   event would pass 6 MB, or the window (counted from its first record) ends. A message that does not fit is made
///   visible again at once.
/// - At most ``EventSourceMapping/concurrencyLimit`` invocations run at once; the poller receives only when one more
///   may start.
/// - After a batch that failed as a whole (or a receive that failed), the poller rests before its next receive,
///   longer with each further failure (``PollerBackoff``); partial failures do not slow it down.
///
/// ``run()`` returns when its task is cancelled, once the invocations in flight have ended. Messages it received
/// but did not settle by then come back after their visibility timeout.
public final class QueuePoller: Sendable {
    /// The region of the queue ARNs the records carry.
    public static let region = "us-east-1"

    /// The mapping run.
    public let mapping: EventSourceMapping
    /// The `eventSourceARN` of the records.
    public let queueARN: String
    private let queue: any MessageQueue
    private let invoker: any QueueConsumerInvoker
    private let clock: any Clock
    private let timer: any PollerTimer
    private let polling: QueuePolling
    private let tracing: QueuePollerTracing?
    private let logger: Logger
    private let backoff: Mutex<PollerBackoff>

    /// A poller of `mapping` that receives from `queue` and invokes through `invoker`.
    /// - Parameters:
    ///   - clock: The clock of the queue, by which a batching window is measured.
    ///   - timer: What the poller waits on (rests, pauses, batching windows).
    ///   - tracing: Records the batches' traces; without it the function still receives its first record's header.
    /// - Throws: ``EventSourceMappingError`` when the mapping is out of Lambda's bounds.
    public init(
        mapping: EventSourceMapping,
        queue: any MessageQueue,
        invoker: any QueueConsumerInvoker,
        clock: any Clock = SystemClock(),
        timer: any PollerTimer = SystemPollerTimer(),
        polling: QueuePolling = QueuePolling(),
        tracing: QueuePollerTracing? = nil,
        logger: Logger = Logger(label: "stratus.queue-poller")
    ) throws(EventSourceMappingError) {
        try mapping.validate()
        self.mapping = mapping
        self.queueARN = LocalAccount.queueARN(mapping.queue, region: Self.region)
        self.queue = queue
        self.invoker = invoker
        self.clock = clock
        self.timer = timer
        self.polling = polling
        self.tracing = tracing
        self.logger = logger
        self.backoff = Mutex(PollerBackoff(initial: polling.initialBackoff, maximum: polling.maximumBackoff))
    }

    /// Polls and invokes until the task is cancelled; returns at once for a mapping that is not enabled.
    public func run() async {
        guard self.mapping.enabled else { return }
        let limit = self.mapping.concurrencyLimit
        await withTaskGroup(of: Void.self) { group in
            var running = 0
            while !Task.isCancelled {
                if running >= limit {
                    await group.next()
                    running -= 1
                    continue
                }
                if let rest = self.backoff.withLock({ $0.takeRest() }) {
                    try? await self.timer.sleep(for: rest)
                    continue
                }
                let batch: QueueBatch
                do {
                    batch = try await self.collect()
                } catch {
                    if !Task.isCancelled {
                        self.logger.error("Receiving from \(self.mapping.queue) failed: \(error)")
                        self.backoff.withLock { $0.recordFailure() }
                    }
                    continue
                }
                guard !batch.isEmpty, !Task.isCancelled else { continue }
                running += 1
                group.addTask { await self.process(batch) }
            }
        }
    }

    // MARK: Gathering a batch

    /// Receives one batch: empty when nothing arrived within the receive's wait.
    private func collect() async throws(MessageQueueError) -> QueueBatch {
        var batch = QueueBatch(queueARN: self.queueARN, region: Self.region, capacity: self.mapping.batchSize)
        let first = try await self.receive(batch.nextReceiveSize, waitingUpTo: self.polling.receiveWait)
        if first.isEmpty {
            if self.polling.receiveWait == .zero { try? await self.timer.sleep(for: self.polling.idlePause) }
            return batch
        }
        await self.add(first, to: &batch)
        let window = self.mapping.maximumBatchingWindow
        guard window > .zero else { return batch }
        let windowEnd = self.clock.nowMilliseconds + window.wholeMilliseconds
        while !batch.isClosed, !Task.isCancelled {
            let left = Duration.milliseconds(windowEnd - self.clock.nowMilliseconds)
            guard left > .zero else { break }
            let wait = min(self.polling.receiveWait, .seconds(left.components.seconds))
            let received: [ReceivedMessage]
            do {
                received = try await self.receive(batch.nextReceiveSize, waitingUpTo: wait)
            } catch {
                // What was gathered is invoked rather than left to come back after its visibility timeout.
                self.logger.warning("Receiving from \(self.mapping.queue) in a batching window failed: \(error)")
                break
            }
            await self.add(received, to: &batch)
            if received.isEmpty, wait == .zero {
                try? await self.timer.sleep(for: min(self.polling.idlePause, left))
            }
        }
        return batch
    }

    private func receive(_ count: Int, waitingUpTo wait: Duration) async throws(MessageQueueError)
        -> [ReceivedMessage]
    {
        try await self.queue.receive(
            from: self.mapping.queue, maxMessages: count, waitTime: wait, visibilityTimeout: nil)
    }

    /// Adds `messages` to `batch` in order; those that no longer fit are made visible again.
    private func add(_ messages: [ReceivedMessage], to batch: inout QueueBatch) async {
        guard let rejected = messages.firstIndex(where: { !batch.append($0) }) else { return }
        await self.release(messages[rejected...])
    }

    // MARK: Invoking and settling

    private func process(_ batch: QueueBatch) async {
        let trace =
            self.tracing?.begin(
                batch, function: self.mapping.functionName,
                functionARN: "arn:aws:lambda:\(Self.region):\(LocalAccount.id):function:\(self.mapping.functionName)")
            ?? BatchTrace.untraced(batch)
        let request = InvocationRequest(event: batch.event, traceID: trace.header.description)
        let result = await self.invoker.invoke(self.mapping.functionName, with: request)
        let verdict = BatchVerdict(
            outcome: result.outcome, messageIDs: Set(batch.messages.map(\.messageID)),
            reportsItemFailures: self.mapping.reportBatchItemFailures)
        let settlement = BatchSettlement(verdict: verdict, messages: batch.messages, fifo: self.mapping.isFIFO)
        trace.end(verdict, settlement: settlement)
        self.backoff.withLock { backoff in
            if case .failed = verdict { backoff.recordFailure() } else { backoff.recordSuccess() }
        }
        if case .failed(let reason) = verdict {
            self.logger.warning(
                "\(self.mapping.functionName) failed a batch of \(batch.messages.count) from \(self.mapping.queue): \(reason)"
            )
        }
        // An invocation that ended is settled even while the poller stops, so that what the function handled is
        // not handed to it again: the settlement runs in a task of its own, which the stop does not cancel, and the
        // poller waits for it.
        await Task { await self.settle(settlement) }.value
    }

    private func settle(_ settlement: BatchSettlement) async {
        await self.delete(settlement.delete)
        await self.release(settlement.release[...])
    }

    /// Deletes `messages` with as few batch deletes as the queue's batch limit allows.
    private func delete(_ messages: [ReceivedMessage]) async {
        for start in stride(from: 0, to: messages.count, by: MessageQueueLimits.batchEntries) {
            let chunk = messages[start..<min(start + MessageQueueLimits.batchEntries, messages.count)]
            let entries = chunk.enumerated().map { index, message in
                ReceiptBatchEntry(id: String(index), receiptHandle: message.receiptHandle)
            }
            let messageIDs = Dictionary(uniqueKeysWithValues: zip(entries.map(\.id), chunk.map(\.messageID)))
            let failures: [BatchResult.Failure]
            do {
                failures = try await self.queue.deleteBatch(entries, from: self.mapping.queue)
            } catch {
                self.logger.warning("Deleting \(chunk.count) messages from \(self.mapping.queue) failed: \(error)")
                continue
            }
            for failure in failures {
                let messageID = messageIDs[failure.id] ?? failure.id
                self.logger.warning(
                    "Deleting message \(messageID) from \(self.mapping.queue) failed: \(failure.error)")
            }
        }
    }

    /// Makes `messages` visible again at once.
    private func release(_ messages: ArraySlice<ReceivedMessage>) async {
        for message in messages {
            do {
                try await self.queue.changeVisibility(
                    receiptHandle: message.receiptHandle, timeout: .zero, in: self.mapping.queue)
            } catch {
                self.logger.warning("Releasing message \(message.messageID) to \(self.mapping.queue) failed: \(error)")
            }
        }
    }
}
