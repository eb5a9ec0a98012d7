public import LambdaEvents
public import Tracing

/// A span of ``XRayTracer``: a segment or subsegment while recording, nothing at all (no allocation, every call a
/// no-op) when the trace is not sampled or tracing is off.
public struct XRaySpan: Span {
    let record: XRaySpanRecord?
    public let context: ServiceContext

    init(record: XRaySpanRecord?, context: ServiceContext) {
        self.record = record
        self.context = context
    }

    public var isRecording: Bool { self.record != nil }

    /// The segment id, while recording.
    public var segmentID: String? { self.record?.id }

    public var operationName: String {
        get { self.record?.name ?? "" }
        nonmutating set { self.record?.name = newValue }
    }

    public var attributes: SpanAttributes {
        get { self.record?.attributes ?? [:] }
        nonmutating set { self.record?.attributes = newValue }
    }

    public func setStatus(_ status: SpanStatus) {
        if status.code == .error { self.record?.markFailed() }
    }

    /// X-Ray documents have no events; they are dropped.
    public func addEvent(_ event: SpanEvent) {}

    /// X-Ray documents have no links; they are dropped.
    public func addLink(_ link: SpanLink) {}

    public func recordError<Instant: TracerInstant>(_ error: any Error, attributes: SpanAttributes, at instant: @autoclosure () -> Instant) {
        self.record?.recordError(error)
    }

    public func end<Instant: TracerInstant>(at instant: @autoclosure () -> Instant) {
        guard let record else { return }
        record.end(at: XRayTracer.epochSeconds(instant()))
    }

    /// Adds an indexed annotation (string, number or boolean), filterable in X-Ray.
    public func annotate(_ key: String, _ value: JSONValue) {
        self.record?.update { $0.annotations = ($0.annotations ?? [:]).merging([key: value]) { _, new in new } }
    }

    /// Adds metadata: any JSON, not indexed, under `namespace`.
    public func addMetadata(_ key: String, _ value: JSONValue, namespace: String) {
        self.record?.update { document in
            var metadata = document.metadata ?? [:]
            metadata[namespace, default: [:]][key] = value
            document.metadata = metadata
        }
    }

    /// Changes the document directly, for fields that have no attribute (such as `origin`).
    public func updateDocument(_ change: (inout SegmentDocument) -> Void) {
        self.record?.update(change)
    }
}
