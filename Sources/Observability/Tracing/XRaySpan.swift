public import LambdaEvents
public import Tracing

/// A span of ``XRayTracer``: a segment or subsegment while recording, nothing at all (no allocation, every call a
/// no-op) when the trace is not sampled or tracing is off.
public struct XRaySpan: Span {
    let record: XRaySpanRecord?
    /// The context the span was started in.
    private let startedIn: ServiceContext

    init(record: XRaySpanRecord?, startedIn context: ServiceContext) {
        self.record = record
        self.startedIn = context
    }

    /// The context the span runs in; while recording, it carries the span as the parent of spans started inside it.
    /// Made when asked for: most spans (a store call, an HTTP call) start nothing inside them, and copying the context
    /// to add the span costs more than the rest of starting one.
    public var context: ServiceContext {
        guard let record else { return self.startedIn }
        var context = self.startedIn
        context[XRayOpenSpanKey.self] = record
        return context
    }

    /// Whether the span records a segment; `false` when the trace is not sampled or tracing is off.
    public var isRecording: Bool { self.record != nil }

    /// The segment id, while recording.
    public var segmentID: String? { self.record?.id }

    /// The segment's name; setting it has no effect when not recording.
    public var operationName: String {
        get { self.record?.name ?? "" }
        nonmutating set { self.record?.name = newValue }
    }

    /// The span's attributes, kept while recording; nothing when not.
    public var attributes: SpanAttributes {
        get { self.record?.attributes ?? [:] }
        nonmutating set { self.record?.attributes = newValue }
    }

    /// Marks the segment failed when `status` is an error, which ends it as a `fault` unless marked `error` or
    /// `throttle`.
    public func setStatus(_ status: SpanStatus) {
        if status.code == .error { self.record?.markFailed() }
    }

    /// X-Ray documents have no events; they are dropped.
    public func addEvent(_ event: SpanEvent) {}

    /// X-Ray documents have no links; they are dropped.
    public func addLink(_ link: SpanLink) {}

    /// Adds `error` to the segment's cause and marks it failed; `attributes` and `instant` are ignored.
    public func recordError<Instant: TracerInstant>(
        _ error: any Error, attributes: SpanAttributes, at instant: @autoclosure () -> Instant
    ) {
        self.record?.recordError(error)
    }

    /// Ends the segment at `instant` and hands it to the emitter; does nothing when not recording.
    public func end<Instant: TracerInstant>(at instant: @autoclosure () -> Instant) {
        guard let record else { return }
        record.end(at: XRayTracer.epochSeconds(instant()))
    }

    /// Adds an indexed annotation (string, number or boolean), filterable in X-Ray.
    public func annotate(_ key: String, _ value: JSONValue) {
        self.annotate([key: value])
    }

    /// Adds indexed annotations (strings, numbers or booleans), filterable in X-Ray, at once: the segment is changed
    /// once, and its annotations made with room for them all.
    public func annotate(_ annotations: [String: JSONValue]) {
        self.record?.update { document in
            guard var kept = document.annotations else {
                document.annotations = annotations
                return
            }
            // Taken out of the document while merged, so that the merge changes the one copy in place.
            document.annotations = nil
            kept.merge(annotations) { _, new in new }
            document.annotations = kept
        }
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
