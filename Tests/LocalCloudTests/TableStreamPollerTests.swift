import Cloud
import EventPatterns
import Foundation
import JSONCoding
import LambdaEvents
import LambdaRuntime
import LocalCloud
import NIOCore
import StratusTesting
import Synchronization
import Testing

/// A table stream trigger run as Lambda's event source mapping: records the filter does not match never reach the
/// function, a batch holds at most the trigger's batch size, and a partial failure is retried from the record it
/// names, not from the batch's start.
@Suite struct TableStreamPollerTests {
    @Test func aPartialFailureIsRetriedFromItsRecordAndFilteredRecordsAreLeftOut() async throws {
        let stream = ScriptedStream(["OUTBOX#1", "OUTBOX#1", "ORDER#9", "OUTBOX#2", "OUTBOX#2", "OUTBOX#3"])
        let function = ScriptedStreamFunction(answers: [#"{"batchItemFailures": [{"itemIdentifier": "2"}]}"#])
        let poller = try TableStreamPoller(
            function: "relay",
            trigger: TableStreamTrigger(
                batchSize: 3, filterPattern: #"{"dynamodb": {"Keys": {"PK": {"S": [{"prefix": "OUTBOX#"}]}}}}"#),
            records: { await stream.read(upTo: $0) }, checkpoint: { function.noteCheckpoint() },
            invoker: function, timer: ShortTimer(),
            polling: QueuePolling(initialBackoff: .milliseconds(1), maximumBackoff: .milliseconds(1)))
        let running = Task { await poller.run() }
        defer { running.cancel() }

        try await eventually(timeout: .seconds(30), interval: .milliseconds(10)) {
            function.calls.contains("checkpoint after 6")
        }
        #expect(function.batches == [["1", "2"], ["2", "4", "5"], ["6"]])
        #expect(function.functions == ["relay"])
        // The stream's position is saved only once everything read was handled, never while record 2 waits.
        #expect(function.calls == ["1,2", "2,4,5", "checkpoint after 5", "6", "checkpoint after 6"])
    }

    @Test func aBatchThatFailsWholeIsHandedOverAgainWhole() async throws {
        let stream = ScriptedStream(["OUTBOX#1", "OUTBOX#2"])
        let function = ScriptedStreamFunction(answers: [nil])
        let poller = try TableStreamPoller(
            function: "relay", trigger: TableStreamTrigger(batchSize: 10),
            records: { await stream.read(upTo: $0) }, invoker: function, timer: ShortTimer(),
            polling: QueuePolling(initialBackoff: .milliseconds(1), maximumBackoff: .milliseconds(1)))
        let running = Task { await poller.run() }
        defer { running.cancel() }

        try await eventually(timeout: .seconds(30), interval: .milliseconds(10)) { function.batches.count >= 2 }
        #expect(Array(function.batches.prefix(2)) == [["1", "2"], ["1", "2"]])
    }

    @Test func anInvalidFilterPatternIsRefused() {
        #expect(throws: EventPatternError.self) {
            _ = try TableStreamPoller(
                function: "relay", trigger: TableStreamTrigger(batchSize: 1, filterPattern: "{not json"),
                records: { _ in [] }, invoker: ScriptedStreamFunction(answers: []))
        }
    }
}

/// A stream whose records have the partition keys given, numbered from 1 as their sequence numbers; each read
/// answers at most as many as asked, then nothing.
private actor ScriptedStream {
    private var records: [DynamoDBStreamEvent.Record]

    init(_ partitions: [String]) {
        self.records = partitions.enumerated().map { index, partition in
            DynamoDBStreamEvent.Record(
                eventID: "e\(index + 1)", eventName: .insert, awsRegion: "us-east-1",
                eventSourceARN: "arn:aws:dynamodb:us-east-1:123456789012:table/t/stream/1",
                dynamodb: DynamoDBStreamEvent.StreamRecord(
                    keys: ["PK": ["S": .string(partition)], "SK": ["S": "x"]], sequenceNumber: String(index + 1),
                    sizeBytes: 10, streamViewType: "NEW_IMAGE"))
        }
    }

    func read(upTo limit: Int) -> [DynamoDBStreamEvent.Record] {
        let read = Array(self.records.prefix(limit))
        self.records.removeFirst(read.count)
        return read
    }
}

/// A function noting the sequence numbers of each batch; it answers its scripted answers in turn (`nil`: fails the
/// invocation), then succeeds.
private final class ScriptedStreamFunction: QueueConsumerInvoker {
    private struct State {
        var answers: [String?]
        var batches: [[String]] = []
        var functions: Set<String> = []
        /// The invocations (their sequence numbers) and the checkpoints, in order.
        var calls: [String] = []
    }

    private let state: Mutex<State>

    init(answers: [String?]) {
        self.state = Mutex(State(answers: answers))
    }

    var batches: [[String]] { self.state.withLock { $0.batches } }
    var functions: Set<String> { self.state.withLock { $0.functions } }
    var calls: [String] { self.state.withLock { $0.calls } }

    /// Notes a checkpoint after the last record handled.
    func noteCheckpoint() {
        self.state.withLock { state in
            state.calls.append("checkpoint after \(state.batches.last?.last ?? "nothing")")
        }
    }

    func invoke(_ function: String, with request: InvocationRequest) async -> InvocationResult {
        let event = try? JSONDecoder().decode(DynamoDBStreamEvent.self, from: Data(request.event.readableBytesView))
        let answer: String?? = self.state.withLock { state in
            let batch = event?.records.map(\.dynamodb.sequenceNumber) ?? []
            state.batches.append(batch)
            state.calls.append(batch.joined(separator: ","))
            state.functions.insert(function)
            return state.answers.isEmpty ? .some("{}") : state.answers.removeFirst()
        }
        let outcome: InvocationOutcome =
            if case .some(.some(let text)) = answer {
                .response(ByteBuffer(string: text))
            } else {
                .error(LambdaFunctionError(errorMessage: "failed", errorType: "Failure"))
            }
        return InvocationResult(requestID: request.requestID, outcome: outcome, duration: .zero)
    }
}

/// A timer whose waits are a millisecond long, whatever is asked: the tests do not wait for rests and pauses.
private struct ShortTimer: PollerTimer {
    func sleep(for duration: Duration) async throws {
        try await Task.sleep(for: .milliseconds(1))
    }
}
