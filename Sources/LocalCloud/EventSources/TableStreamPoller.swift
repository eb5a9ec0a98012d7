public import Cloud
public import EventPatterns
import JSONCoding
public import LambdaEvents
import LambdaRuntime
public import Logging
import NIOCore

/// Runs a function's ``TableStreamTrigger`` as a Lambda event source mapping on a DynamoDB stream does: reads the
/// stream's records in order, keeps those the trigger's filter pattern matches, and invokes the function with up to
/// its batch size of them as a ``DynamoDBStreamEvent``.
///
/// The function reports partial failures as `batchItemFailures` (``BatchVerdict``): the batch is retried from the
/// first record named, and the records before it are not handed over again. A batch that fails as a whole is retried
/// whole. Retries follow ``PollerBackoff`` and go on until they succeed, so a shard's later records wait behind a
/// failing one, as on Lambda with its default of no maximum retry attempts.
///
/// Whenever every record read so far has been handled (or left out by the filter), the poller says so to its
/// `checkpoint`, which may record the stream's position so that a later poller reads on from there.
///
/// ``run()`` returns when its task is cancelled, after the invocation in flight has ended.
public final class TableStreamPoller: Sendable {
    /// Answers the stream's next records, at most the count given, or none when there are no new ones.
    public typealias RecordSource = @Sendable (Int) async throws -> [DynamoDBStreamEvent.Record]

    private let function: String
    private let trigger: TableStreamTrigger
    private let filter: EventPattern?
    private let records: RecordSource
    private let checkpoint: @Sendable () async -> Void
    private let invoker: any QueueConsumerInvoker
    private let timer: any PollerTimer
    private let polling: QueuePolling
    private let logger: Logger

    /// A poller invoking `function` through `invoker` with the records `records` reads, as `trigger` says.
    /// - Parameters:
    ///   - checkpoint: Called when every record read so far has been handled.
    ///   - timer: What the poller waits on: its pause after an empty read (``QueuePolling/idlePause``) and its rests
    ///     after failed batches.
    /// - Throws: ``EventPatternError`` when the trigger's filter pattern is invalid.
    public init(
        function: String,
        trigger: TableStreamTrigger,
        records: @escaping RecordSource,
        checkpoint: @escaping @Sendable () async -> Void = {},
        invoker: any QueueConsumerInvoker,
        timer: any PollerTimer = SystemPollerTimer(),
        polling: QueuePolling = QueuePolling(),
        logger: Logger = Logger(label: "stratus.table-stream-poller")
    ) throws(EventPatternError) {
        self.function = function
        self.trigger = trigger
        self.filter = try trigger.filterPattern.map { pattern throws(EventPatternError) in
            try EventPattern(parsing: pattern)
        }
        self.records = records
        self.checkpoint = checkpoint
        self.invoker = invoker
        self.timer = timer
        self.polling = polling
        self.logger = logger
    }

    /// Reads and invokes until the task is cancelled.
    public func run() async {
        var pending: [DynamoDBStreamEvent.Record] = []
        var backoff = PollerBackoff(initial: self.polling.initialBackoff, maximum: self.polling.maximumBackoff)
        while !Task.isCancelled {
            if let rest = backoff.takeRest() {
                try? await self.timer.sleep(for: rest)
                continue
            }
            if pending.count < self.trigger.batchSize {
                let read: [DynamoDBStreamEvent.Record]
                do {
                    read = try await self.records(self.trigger.batchSize - pending.count)
                } catch {
                    if !Task.isCancelled {
                        self.logger.error("Reading the table's stream for \(self.function) failed: \(error)")
                        backoff.recordFailure()
                    }
                    continue
                }
                pending += read.filter(self.matches)
                if pending.isEmpty {
                    if read.isEmpty {
                        try? await self.timer.sleep(for: self.polling.idlePause)
                    } else {
                        await self.checkpoint()
                    }
                    continue
                }
            }
            guard !Task.isCancelled else { return }
            pending = await self.invoke(with: pending, backoff: &backoff)
            if pending.isEmpty { await self.checkpoint() }
        }
    }

    /// Invokes the function with `batch`; answers the records still to hand over: none when it handled them all.
    private func invoke(
        with batch: [DynamoDBStreamEvent.Record], backoff: inout PollerBackoff
    ) async -> [DynamoDBStreamEvent.Record] {
        let event: [UInt8]
        do {
            event = try StreamingJSONEncoder().encode(DynamoDBStreamEvent(records: batch))
        } catch {
            self.logger.error("The stream batch for \(self.function) cannot be encoded, so it is skipped: \(error)")
            return []
        }
        let result = await self.invoker.invoke(
            self.function, with: InvocationRequest(event: ByteBuffer(bytes: event)))
        let verdict = BatchVerdict(
            outcome: result.outcome, messageIDs: Set(batch.map(\.dynamodb.sequenceNumber)), reportsItemFailures: true)
        switch verdict {
        case .handled:
            backoff.recordSuccess()
            return []
        case .partlyFailed(let failed):
            backoff.recordFailure()
            let first = batch.firstIndex { failed.contains($0.dynamodb.sequenceNumber) } ?? 0
            self.logger.warning(
                "\(self.function) failed stream record \(batch[first].dynamodb.sequenceNumber); retrying from it")
            return Array(batch[first...])
        case .failed(let reason):
            backoff.recordFailure()
            self.logger.warning("\(self.function) failed a batch of \(batch.count) stream records: \(reason)")
            return batch
        }
    }

    /// Whether the trigger's filter pattern matches `record` as JSON (every record without a pattern).
    private func matches(_ record: DynamoDBStreamEvent.Record) -> Bool {
        guard let filter = self.filter else { return true }
        guard let text = try? StreamingJSONEncoder().encode(record), let json = JSONValue(parsing: text) else {
            return false
        }
        return filter.matches(json)
    }
}
