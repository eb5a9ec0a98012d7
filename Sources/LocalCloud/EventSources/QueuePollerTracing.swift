import Cloud
public import Observability
import Tracing

/// Traces a poller's invocations as X-Ray shows a function triggered by SQS: the invocation continues the trace of
/// its first record's `AWSTraceHeader` (with that header's sampling decision; without one the sampler decides),
/// under a segment for Lambda's handling of it (`origin` `AWS::Lambda`), in which the function's segment
/// (`AWS::Lambda::Function`) holds one subsegment per record, annotated with the record's message id and the trace
/// id its own header carries. A record that failed is marked so. The function receives a header whose `Parent` is
/// its segment.
public struct QueuePollerTracing: Sendable {
    /// Decides which batches whose first record carries no sampling decision are traced.
    public let sampler: TraceSampler
    /// The tracer the segments are recorded with, also the relay's and the bus's in the same backbone.
    let tracer: XRayTracer

    /// Traces into `emitter` (the local cloud's ``TelemetryRecorder``), sampling new traces with `sampler`.
    public init(emitter: any SegmentEmitter, sampler: TraceSampler = TraceSampler()) {
        self.tracer = XRayTracer(emitter: emitter)
        self.sampler = sampler
    }

    /// Opens the trace of the invocation of `function` (`functionARN`) with the records of `batch`.
    func begin(_ batch: QueueBatch, function: String, functionARN: String) -> BatchTrace {
        let incoming = batch.messages.first?.traceHeader.flatMap(XRayTraceHeader.init)
        let sampled = incoming?.sampled ?? self.sampler.shouldSample()
        let root = incoming?.root ?? XRayTraceHeader.newTraceID()
        guard sampled else {
            return BatchTrace(header: XRayTraceHeader(root: root, parent: incoming?.parent, sampled: false))
        }
        var serviceContext = ServiceContext.topLevel
        serviceContext.xrayTraceHeader = XRayTraceHeader(root: root, parent: incoming?.parent, sampled: true)
        let service = self.tracer.startSpan(function, context: serviceContext, ofKind: .server)
        service.updateDocument { document in
            document.origin = "AWS::Lambda"
            document.aws = ["function_arn": .string(functionARN), "event_source_arn": .string(batch.queueARN)]
        }
        var functionContext = ServiceContext.topLevel
        functionContext.xrayTraceHeader = XRayTraceHeader(root: root, parent: service.segmentID, sampled: true)
        let segment = self.tracer.startSpan(function, context: functionContext, ofKind: .server)
        segment.updateDocument { document in
            document.origin = "AWS::Lambda::Function"
            document.aws = ["function_arn": .string(functionARN)]
        }
        var records: [String: XRaySpan] = [:]
        for message in batch.messages {
            let record = self.tracer.startSpan("SQS record", context: segment.context, ofKind: .consumer)
            record.annotate("message_id", .string(message.messageID))
            if let own = message.traceHeader.flatMap(XRayTraceHeader.init) {
                record.annotate("record_trace_id", .string(own.root))
            }
            records[message.messageID] = record
        }
        return BatchTrace(
            header: XRayTraceHeader(root: root, parent: segment.segmentID, sampled: true),
            service: service, function: segment, records: records)
    }
}

/// The trace of one batch's invocation.
struct BatchTrace: Sendable {
    /// What the function receives as its trace header.
    let header: XRayTraceHeader
    private let service: XRaySpan?
    private let function: XRaySpan?
    private let records: [String: XRaySpan]

    /// A trace that records nothing and hands the function `header`.
    init(header: XRayTraceHeader) {
        self.init(header: header, service: nil, function: nil, records: [:])
    }

    fileprivate init(header: XRayTraceHeader, service: XRaySpan?, function: XRaySpan?, records: [String: XRaySpan]) {
        self.header = header
        self.service = service
        self.function = function
        self.records = records
    }

    /// The header an untraced poller hands the function: the first record's, or a new unsampled trace, so that the
    /// function's log lines still carry a trace id.
    static func untraced(_ batch: QueueBatch) -> BatchTrace {
        let incoming = batch.messages.first?.traceHeader.flatMap(XRayTraceHeader.init)
        return BatchTrace(header: incoming ?? .unsampled())
    }

    /// Ends the trace: the records the settlement did not delete are marked failed, and so is the function's segment
    /// when `verdict` failed the whole batch.
    func end(_ verdict: BatchVerdict, settlement: BatchSettlement) {
        for message in settlement.keep + settlement.release {
            self.records[message.messageID]?.setStatus(SpanStatus(code: .error))
        }
        for record in self.records.values {
            record.end()
        }
        if case .failed(let reason) = verdict {
            self.function?.recordError(BatchFailure(reason: reason))
        }
        self.function?.end()
        self.service?.end()
    }
}

/// Why a batch failed as a whole, as its trace records it.
struct BatchFailure: Error, CustomStringConvertible {
    /// The reason, in a sentence.
    let reason: String

    var description: String { self.reason }
}
