import Cloud
import Foundation
import LambdaEvents
import LambdaRuntime
import LocalCloud
import NIOCore
import Observability
import StratusTesting
import Synchronization

/// One invocation as the consuming function saw it.
struct ConsumedBatch: Sendable {
    let records: [SQSEvent.Message]
    let traceID: String?

    var bodies: [String] { self.records.map(\.body) }
}

/// What the consuming function saw, and how many of its invocations ran at once.
final class ConsumerLog: Sendable {
    private struct State {
        var batches: [ConsumedBatch] = []
        var running = 0
        var peak = 0
    }

    private let state = Mutex(State())

    var batches: [ConsumedBatch] { self.state.withLock { $0.batches } }
    var running: Int { self.state.withLock { $0.running } }
    var peak: Int { self.state.withLock { $0.peak } }

    func started(_ batch: ConsumedBatch) {
        self.state.withLock { state in
            state.batches.append(batch)
            state.running += 1
            state.peak = max(state.peak, state.running)
        }
    }

    func finished() {
        self.state.withLock { $0.running -= 1 }
    }
}

/// A consuming function: it decodes its `SQSEvent`, notes it in the log and answers what `answer` makes of it.
struct RecordingConsumer: ByteBufferLambdaHandler {
    let log: ConsumerLog
    let answer: @Sendable (SQSEvent) async throws -> String

    func handle(_ event: ByteBuffer, context: LambdaContext) async throws -> ByteBuffer {
        let decoded = try JSONDecoder().decode(SQSEvent.self, from: Data(event.readableBytesView))
        self.log.started(ConsumedBatch(records: decoded.records, traceID: context.traceID))
        defer { self.log.finished() }
        return ByteBuffer(string: try await self.answer(decoded))
    }
}

/// A consumer's failure.
struct ConsumerFailure: Error {}

/// A queue file, a function that consumes from it, and pollers that join the two, on a clock the test moves.
final class QueuePollerFixture: Sendable {
    static let consumer = "consumer"

    let directory: TemporaryDirectory
    let clock = ManualClock()
    let timer: QueuePollerManualTimer
    let queues: SQLiteMessageQueue
    let log = ConsumerLog()

    init() throws {
        self.directory = try TemporaryDirectory()
        self.timer = QueuePollerManualTimer(clock: self.clock)
        self.queues = try SQLiteMessageQueue(path: self.directory.path("queues.sqlite"), clock: self.clock)
    }

    /// A poller of `mapping` invoking a real in-process function whose answer `answer` gives. With `manualTime`
    /// it does not long-poll and waits on the fixture's timer; otherwise it long-polls and waits in real time.
    func poller(
        _ mapping: EventSourceMapping,
        manualTime: Bool = false,
        polling: QueuePolling = QueuePolling(receiveWait: .zero),
        tracing: QueuePollerTracing? = nil,
        answer: @escaping @Sendable (SQSEvent) async throws -> String = { _ in "" }
    ) throws -> QueuePoller {
        let log = self.log
        let function = Function(Self.consumer, timeout: .seconds(60)) { _ in
            RecordingConsumer(log: log, answer: answer)
        }
        let instance = InProcessFunctionInstance(
            function: function, metadata: FunctionMetadata(name: Self.consumer), logSink: InMemoryLogSink())
        return try QueuePoller(
            mapping: mapping, queue: self.queues,
            invoker: FunctionInstanceInvoker(instances: [Self.consumer: instance]),
            clock: self.clock,
            timer: manualTime ? self.timer : SystemPollerTimer(),
            polling: manualTime ? polling : QueuePolling(),
            tracing: tracing)
    }

    /// Runs `poller` while `body` runs, and stops it afterwards.
    func whileRunning<T: Sendable>(_ poller: QueuePoller, _ body: () async throws -> T) async throws -> T {
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await poller.run() }
            defer { group.cancelAll() }
            return try await body()
        }
    }

    /// Sends each of `bodies` to `queue`, with `configure` filling in the rest of the message.
    @discardableResult
    func send(
        _ bodies: [String], to queue: String, _ configure: (inout OutgoingMessage) -> Void = { _ in }
    ) async throws -> [SentMessage] {
        var sent: [SentMessage] = []
        for body in bodies {
            var message = OutgoingMessage(body: body)
            configure(&message)
            sent.append(try await self.queues.send(message, to: queue))
        }
        return sent
    }

    /// The counts of `queue`'s messages: visible, in flight.
    func counts(of queue: String) async throws -> (visible: Int, inFlight: Int) {
        let attributes = try await self.queues.attributes(of: queue)
        return (attributes.visibleMessages, attributes.inFlightMessages)
    }

    /// The answer that reports the records with `bodies` failed.
    static func reporting(_ bodies: Set<String>, of event: SQSEvent) -> String {
        let failures = event.records.filter { bodies.contains($0.body) }.map {
            SQSBatchResponse.ItemFailure(itemIdentifier: $0.messageId)
        }
        let data = (try? JSONEncoder().encode(SQSBatchResponse(batchItemFailures: failures))) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }
}
