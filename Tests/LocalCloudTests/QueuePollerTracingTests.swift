import Cloud
import LocalCloud
import Observability
import StratusTesting
import Testing

/// A consumer's invocation continues the trace its first record carries, and its records show in that trace.
@Suite struct QueuePollerTracingTests {
    static let firstRoot = "1-5759e988-bd862e3fe1be46a994272793"
    static let secondRoot = "1-6759e988-0123456789abcdef01234567"

    @Test func theInvocationContinuesTheFirstRecordsTraceWithASubsegmentPerRecord() async throws {
        let fixture = try QueuePollerFixture()
        try await fixture.queues.createQueue("work")
        let first = try await fixture.queues.send(
            OutgoingMessage(body: "first", traceHeader: "Root=\(Self.firstRoot);Parent=53995c3f42cd8ad8;Sampled=1"),
            to: "work")
        let second = try await fixture.queues.send(
            OutgoingMessage(body: "second", traceHeader: "Root=\(Self.secondRoot);Parent=0123456789abcdef;Sampled=1"),
            to: "work")
        let segments = CollectingSegmentEmitter()
        let poller = try fixture.poller(
            EventSourceMapping(queue: "work", functionName: QueuePollerFixture.consumer, reportBatchItemFailures: true),
            tracing: QueuePollerTracing(emitter: segments)
        ) { event in QueuePollerFixture.reporting(["second"], of: event) }
        try await fixture.whileRunning(poller) {
            try await eventually { segments.emitted.count == 2 }
        }
        let service = try #require(segments.emitted.first { $0.origin == "AWS::Lambda" })
        let function = try #require(segments.emitted.first { $0.origin == "AWS::Lambda::Function" })
        #expect(service.traceID == Self.firstRoot)
        #expect(service.parentID == "53995c3f42cd8ad8")
        #expect(function.traceID == Self.firstRoot)
        #expect(function.parentID == service.id)
        let handed = try #require(fixture.log.batches.first?.traceID.flatMap(XRayTraceHeader.init))
        #expect(handed == XRayTraceHeader(root: Self.firstRoot, parent: function.id, sampled: true))
        let records = function.subsegments ?? []
        #expect(records.count == 2)
        let firstRecord = try #require(records.first { $0.annotations?["message_id"] == .string(first.messageID) })
        let secondRecord = try #require(records.first { $0.annotations?["message_id"] == .string(second.messageID) })
        #expect(firstRecord.annotations?["record_trace_id"] == .string(Self.firstRoot))
        #expect(secondRecord.annotations?["record_trace_id"] == .string(Self.secondRoot))
        #expect(firstRecord.fault != true)
        #expect(secondRecord.fault == true)
    }

    @Test func anUnsampledFirstRecordIsContinuedWithoutRecordingSegments() async throws {
        let fixture = try QueuePollerFixture()
        try await fixture.queues.createQueue("work")
        let header = "Root=\(Self.firstRoot);Parent=53995c3f42cd8ad8;Sampled=0"
        try await fixture.send(["quiet"], to: "work") { $0.traceHeader = header }
        let segments = CollectingSegmentEmitter()
        let poller = try fixture.poller(
            EventSourceMapping(queue: "work", functionName: QueuePollerFixture.consumer),
            tracing: QueuePollerTracing(emitter: segments))
        try await fixture.whileRunning(poller) {
            try await eventually { try await fixture.counts(of: "work") == (0, 0) }
        }
        #expect(fixture.log.batches.first?.traceID == header)
        #expect(segments.emitted.isEmpty)
    }

    @Test func withoutTracingTheFunctionStillGetsATraceID() async throws {
        let fixture = try QueuePollerFixture()
        try await fixture.queues.createQueue("work")
        try await fixture.send(["untraced"], to: "work")
        let poller = try fixture.poller(EventSourceMapping(queue: "work", functionName: QueuePollerFixture.consumer))
        try await fixture.whileRunning(poller) {
            try await eventually { try await fixture.counts(of: "work") == (0, 0) }
        }
        let handed = try #require(fixture.log.batches.first?.traceID.flatMap(XRayTraceHeader.init))
        #expect(XRayTraceHeader.isTraceID(handed.root))
        #expect(handed.sampled == false)
    }
}
