import Cloud
import Crypto
import Foundation
import LambdaEvents
import LocalCloud
import StratusTesting
import Synchronization
import Testing

/// A queue poller delivers SQS-shaped batches and settles them as Lambda's event source mapping does.
@Suite struct QueuePollerTests {
    @Test func aBatchArrivesAsAnSQSEventAndIsDeletedWhenTheFunctionSucceeds() async throws {
        let fixture = try QueuePollerFixture()
        try await fixture.queues.createQueue("work")
        try await fixture.send(["one", "two"], to: "work") { message in
            message.messageAttributes = ["kind": .string("greeting"), "blob": .binary([1, 2, 3])]
        }
        let poller = try fixture.poller(EventSourceMapping(queue: "work", functionName: QueuePollerFixture.consumer))
        try await fixture.whileRunning(poller) {
            try await eventually { try await fixture.counts(of: "work") == (0, 0) }
        }
        let records = fixture.log.batches.flatMap(\.records)
        #expect(records.map(\.body).sorted() == ["one", "two"])
        let record = try #require(records.first)
        #expect(record.eventSource == "aws:sqs")
        #expect(record.eventSourceARN == "arn:aws:sqs:us-east-1:\(LocalAccount.id):work")
        #expect(record.awsRegion == "us-east-1")
        #expect(!record.receiptHandle.isEmpty)
        #expect(record.attributes.approximateReceiveCount == "1")
        #expect(
            record.md5OfBody
                == Insecure.MD5.hash(data: Data(record.body.utf8)).map { String(format: "%02x", $0) }.joined())
        #expect(
            record.messageAttributes["kind"] == SQSEvent.MessageAttribute(stringValue: "greeting", dataType: "String"))
        #expect(record.messageAttributes["blob"] == SQSEvent.MessageAttribute(binaryValue: "AQID", dataType: "Binary"))
        // SQS's digest of the two attributes, as moto computes it.
        #expect(record.md5OfMessageAttributes == "8c21d2651ea0c3a7ea53a8b1cf7bd86b")
    }

    @Test func withReportBatchItemFailuresOnlyTheReportedRecordsComeBack() async throws {
        let fixture = try QueuePollerFixture()
        try await fixture.queues.createQueue("work")
        try await fixture.send(["a", "b", "c"], to: "work")
        let poller = try fixture.poller(
            EventSourceMapping(queue: "work", functionName: QueuePollerFixture.consumer, reportBatchItemFailures: true)
        ) { event in QueuePollerFixture.reporting(["b"], of: event) }
        try await fixture.whileRunning(poller) {
            try await eventually { try await fixture.counts(of: "work") == (0, 1) }
        }
        fixture.clock.advance(by: .seconds(31))
        let back = try await fixture.queues.receive(from: "work", maxMessages: 10, waitTime: .zero)
        #expect(back.map(\.body) == ["b"])
        #expect(back.first?.receiveCount == 2)
    }

    @Test func withoutReportBatchItemFailuresAnyResponseIsASuccess() async throws {
        let fixture = try QueuePollerFixture()
        try await fixture.queues.createQueue("work")
        try await fixture.send(["a", "b"], to: "work")
        let poller = try fixture.poller(EventSourceMapping(queue: "work", functionName: QueuePollerFixture.consumer)) {
            event in QueuePollerFixture.reporting(["a"], of: event)
        }
        try await fixture.whileRunning(poller) {
            try await eventually { try await fixture.counts(of: "work") == (0, 0) }
        }
    }

    /// Answers a partial batch response may give that mean the whole batch succeeded.
    @Test(arguments: ["", "null", "{}", #"{"batchItemFailures": null}"#, #"{"batchItemFailures": []}"#])
    func aPartialResponseNamingNoFailureDeletesTheBatch(answer: String) async throws {
        let fixture = try QueuePollerFixture()
        try await fixture.queues.createQueue("work")
        try await fixture.send(["a", "b"], to: "work")
        let poller = try fixture.poller(
            EventSourceMapping(queue: "work", functionName: QueuePollerFixture.consumer, reportBatchItemFailures: true)
        ) { _ in answer }
        try await fixture.whileRunning(poller) {
            try await eventually { try await fixture.counts(of: "work") == (0, 0) }
        }
    }

    /// Answers that fail the whole batch: an error, a response that is not JSON, or an item that names no record
    /// of the batch.
    enum WholeBatchFailure: String, CaseIterable, Sendable {
        case thrownError, notJSON, notAnObject, unknownIdentifier, emptyIdentifier, missingIdentifier

        func answer(_ event: SQSEvent) throws -> String {
            switch self {
            case .thrownError: throw ConsumerFailure()
            case .notJSON: "batchItemFailures: a"
            case .notAnObject: "[1, 2]"
            case .unknownIdentifier: #"{"batchItemFailures": [{"itemIdentifier": "not-in-the-batch"}]}"#
            case .emptyIdentifier: #"{"batchItemFailures": [{"itemIdentifier": ""}]}"#
            case .missingIdentifier: #"{"batchItemFailures": [{"id": "\#(event.records[0].messageId)"}]}"#
            }
        }
    }

    @Test(arguments: WholeBatchFailure.allCases)
    func anErrorOrAMalformedResponseBringsTheWholeBatchBack(failure: WholeBatchFailure) async throws {
        let fixture = try QueuePollerFixture()
        try await fixture.queues.createQueue("work")
        try await fixture.send(["a", "b"], to: "work")
        let poller = try fixture.poller(
            EventSourceMapping(queue: "work", functionName: QueuePollerFixture.consumer, reportBatchItemFailures: true)
        ) { event in try failure.answer(event) }
        try await fixture.whileRunning(poller) {
            try await eventually { fixture.log.batches.count == 1 && fixture.log.running == 0 }
        }
        #expect(try await fixture.counts(of: "work") == (0, 2))
        fixture.clock.advance(by: .seconds(31))
        let back = try await fixture.queues.receive(from: "work", maxMessages: 10, waitTime: .zero)
        #expect(back.map(\.body).sorted() == ["a", "b"])
        #expect(back.allSatisfy { $0.receiveCount == 2 })
    }

    @Test func aPoisonMessageEndsInTheDeadLetterQueueAfterMaxReceiveCount() async throws {
        let fixture = try QueuePollerFixture()
        try await fixture.queues.createQueue("dead")
        try await fixture.queues.createQueue(
            "work",
            configuration: QueueConfiguration(redrivePolicy: RedrivePolicy(deadLetterQueue: "dead", maxReceiveCount: 3))
        )
        try await fixture.send(["poison"], to: "work")
        let poller = try fixture.poller(
            EventSourceMapping(queue: "work", functionName: QueuePollerFixture.consumer), manualTime: true
        ) { _ in throw ConsumerFailure() }
        try await fixture.whileRunning(poller) {
            try await eventually {
                fixture.timer.advance(by: .seconds(31))
                return try await fixture.counts(of: "dead").visible == 1
            }
        }
        // The clock moves in large steps, so a receive may overtake an invocation still starting: compare as sets.
        let receiveCounts = fixture.log.batches.flatMap { $0.records.map(\.attributes.approximateReceiveCount) }
        #expect(receiveCounts.sorted() == ["1", "2", "3"])
        #expect(try await fixture.counts(of: "work") == (0, 0))
    }

    @Test func aFIFOGroupStopsAtItsFirstFailureAndKeepsItsOrder() async throws {
        let fixture = try QueuePollerFixture()
        try await fixture.queues.createQueue(
            "orders.fifo", configuration: QueueConfiguration(fifo: true, contentBasedDeduplication: true))
        try await fixture.send(["a1", "a2", "a3"], to: "orders.fifo") { $0.messageGroupID = "A" }
        try await fixture.send(["b1", "b2"], to: "orders.fifo") { $0.messageGroupID = "B" }
        // The function reports only a2, as if it had gone on and handled a3: the poller still must not delete a3.
        let poller = try fixture.poller(
            EventSourceMapping(
                queue: "orders.fifo", functionName: QueuePollerFixture.consumer, reportBatchItemFailures: true)
        ) { event in QueuePollerFixture.reporting(["a2"], of: event) }
        try await fixture.whileRunning(poller) {
            try await eventually { try await fixture.counts(of: "orders.fifo") == (1, 1) }
        }
        #expect(fixture.log.batches.map(\.bodies) == [["a1", "a2", "a3", "b1", "b2"]])
        // a3 is visible, but its group waits behind a2, which is in flight until its visibility timeout ends.
        #expect(try await fixture.queues.receive(from: "orders.fifo", maxMessages: 10, waitTime: .zero).isEmpty)
        fixture.clock.advance(by: .seconds(31))
        let back = try await fixture.queues.receive(from: "orders.fifo", maxMessages: 10, waitTime: .zero)
        #expect(back.map(\.body) == ["a2", "a3"])
        #expect(back.first?.receiveCount == 2)
    }

    @Test func invocationsStayWithinTheMaximumConcurrency() async throws {
        let fixture = try QueuePollerFixture()
        try await fixture.queues.createQueue("work")
        try await fixture.send((1...6).map { "m\($0)" }, to: "work")
        let gate = Mutex(false)
        let poller = try fixture.poller(
            EventSourceMapping(
                queue: "work", functionName: QueuePollerFixture.consumer, batchSize: 1, maximumConcurrency: 2)
        ) { _ in
            try await eventually { gate.withLock { $0 } }
            return ""
        }
        try await fixture.whileRunning(poller) {
            try await eventually { fixture.log.running == 2 }
            // Both slots are taken, so the poller received no further message.
            #expect(try await fixture.counts(of: "work") == (4, 2))
            gate.withLock { $0 = true }
            try await eventually { try await fixture.counts(of: "work") == (0, 0) }
        }
        #expect(fixture.log.batches.count == 6)
        #expect(fixture.log.peak == 2)
    }

    @Test func theBatchingWindowGathersRecordsUntilItEnds() async throws {
        let fixture = try QueuePollerFixture()
        try await fixture.queues.createQueue(
            "work", configuration: QueueConfiguration(visibilityTimeout: .seconds(600)))
        try await fixture.send(["first"], to: "work")
        let poller = try fixture.poller(
            EventSourceMapping(
                queue: "work", functionName: QueuePollerFixture.consumer, batchSize: 50,
                maximumBatchingWindow: .seconds(300)),
            manualTime: true)
        try await fixture.whileRunning(poller) {
            try await eventually { try await fixture.counts(of: "work") == (0, 1) }
            try await fixture.send(["second", "third"], to: "work")
            try await eventually {
                fixture.timer.advance(by: .seconds(1))
                return try await fixture.counts(of: "work") == (0, 3)
            }
            #expect(fixture.log.batches.isEmpty)
            try await eventually {
                fixture.timer.advance(by: .seconds(30))
                return fixture.log.batches.count == 1
            }
        }
        #expect(fixture.log.batches.map(\.bodies) == [["first", "second", "third"]])
    }

    @Test func aMessageReceivedAgainWhileTheWindowGathersIsInTheBatchOnceWithItsLatestReceipt() async throws {
        let fixture = try QueuePollerFixture()
        // A visibility timeout shorter than the window: the gathered message comes back while the window is open.
        try await fixture.queues.createQueue("work", configuration: QueueConfiguration(visibilityTimeout: .seconds(10)))
        try await fixture.send(["again"], to: "work")
        let poller = try fixture.poller(
            EventSourceMapping(
                queue: "work", functionName: QueuePollerFixture.consumer, maximumBatchingWindow: .seconds(60)),
            manualTime: true)
        try await fixture.whileRunning(poller) {
            try await eventually {
                fixture.timer.advance(by: .seconds(11))
                return try await fixture.counts(of: "work") == (0, 0)
            }
        }
        let records = try #require(fixture.log.batches.first?.records)
        #expect(fixture.log.batches.count == 1)
        #expect(records.map(\.body) == ["again"])
        #expect((Int(records[0].attributes.approximateReceiveCount) ?? 0) > 1)
    }

    @Test func aFullBatchIsInvokedBeforeItsWindowEnds() async throws {
        let fixture = try QueuePollerFixture()
        try await fixture.queues.createQueue("work")
        try await fixture.send((1...11).map { "m\($0)" }, to: "work")
        let poller = try fixture.poller(
            EventSourceMapping(
                queue: "work", functionName: QueuePollerFixture.consumer, batchSize: 11,
                maximumBatchingWindow: .seconds(300)),
            manualTime: true)
        try await fixture.whileRunning(poller) {
            try await eventually { try await fixture.counts(of: "work") == (0, 0) }
        }
        #expect(fixture.log.batches.map(\.records.count) == [11])
    }

    @Test func aBatchStopsShortOfSixMegabytesAndTheRestWaitsForTheNext() async throws {
        let fixture = try QueuePollerFixture()
        try await fixture.queues.createQueue("work")
        let large = String(repeating: "x", count: MessageQueueLimits.maximumMessageSize)
        try await fixture.send(Array(repeating: large, count: 6), to: "work")
        let poller = try fixture.poller(EventSourceMapping(queue: "work", functionName: QueuePollerFixture.consumer))
        try await fixture.whileRunning(poller) {
            try await eventually { try await fixture.counts(of: "work") == (0, 0) }
        }
        // Six bodies of 1 MiB are 6 MiB, the whole limit before the records' other fields: five fit, and the sixth
        // goes back to the queue for a batch of its own (which may run alongside the first).
        #expect(fixture.log.batches.map(\.records.count).sorted() == [1, 5])
    }

    @Test func thePollerBacksOffLongerWhileTheFunctionFails() async throws {
        let fixture = try QueuePollerFixture()
        try await fixture.queues.createQueue("work", configuration: QueueConfiguration(visibilityTimeout: .seconds(1)))
        try await fixture.send(["failing"], to: "work")
        let idle = Duration.milliseconds(100)
        let poller = try fixture.poller(
            EventSourceMapping(queue: "work", functionName: QueuePollerFixture.consumer), manualTime: true,
            polling: QueuePolling(
                receiveWait: .zero, idlePause: idle, initialBackoff: .seconds(1), maximumBackoff: .seconds(4))
        ) { _ in throw ConsumerFailure() }
        try await fixture.whileRunning(poller) {
            try await eventually {
                fixture.timer.advance(by: idle)
                return fixture.log.batches.count >= 5
            }
        }
        let rests = fixture.timer.requestedSleeps.filter { $0 != idle }
        #expect(Array(rests.prefix(4)) == [.seconds(1), .seconds(2), .seconds(4), .seconds(4)])
    }
}
