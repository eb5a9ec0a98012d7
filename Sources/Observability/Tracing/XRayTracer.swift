public import Tracing

/// A swift-distributed-tracing `Tracer` that records X-Ray segments and hands finished ones to an emitter.
///
/// It never starts a trace: a span is recorded only inside a trace that is sampled, either one handed in (an
/// ``XRayTraceHeader`` in the context, from ``extract(_:into:using:)`` or ``ServiceContext/xrayTraceHeader``) or one a
/// recording span opened. The first span of a handed-in trace is a segment when it is a server span (its
/// `parent_id` the header's `Parent`, if any) and otherwise a subsegment of the header's `Parent`, as a Lambda
/// function's work is of the segment Lambda records; later spans nest in the span open around them. Elsewhere
/// spans cost nothing.
public struct XRayTracer: Tracer {
    /// The span type this tracer starts.
    public typealias Span = XRaySpan

    /// The header that carries the trace between services.
    public static let headerName = "X-Amzn-Trace-Id"

    private let emitter: (any SegmentEmitter)?

    /// - Parameter emitter: Where finished segments go; `nil` turns tracing off.
    public init(emitter: (any SegmentEmitter)?) {
        self.emitter = emitter
    }

    /// A tracer that records nothing.
    public static let disabled = XRayTracer(emitter: nil)

    /// Whether the tracer has an emitter; `false` for ``disabled``.
    public var isEnabled: Bool { self.emitter != nil }

    /// Starts a span: a segment or subsegment when the context carries a sampled trace, a no-op span otherwise.
    public func startSpan<Instant: TracerInstant>(
        _ operationName: String,
        context: @autoclosure () -> ServiceContext,
        ofKind kind: SpanKind,
        at instant: @autoclosure () -> Instant,
        function: String,
        file fileID: String,
        line: UInt
    ) -> XRaySpan {
        guard let emitter else { return XRaySpan(record: nil, startedIn: context()) }
        let context = context()
        let startTime = Self.epochSeconds(instant())
        let record: XRaySpanRecord
        if let open = context[XRayOpenSpanKey.self] {
            record = XRaySpanRecord(
                name: operationName, traceID: open.traceID, parent: open, parentID: nil, kind: kind,
                startTime: startTime, emitter: emitter
            )
        } else if let header = context[XRayTraceHeaderKey.self], header.sampled == true {
            record = Self.firstRecord(operationName, continuing: header, ofKind: kind, at: startTime, emitter: emitter)
        } else {
            return XRaySpan(record: nil, startedIn: context)
        }
        return XRaySpan(record: record, startedIn: context)
    }

    /// Starts the first span of the trace `header` hands in, as ``startSpan(_:context:ofKind:at:function:file:line:)``
    /// does for a context that carries only `header`, without making that context: a function's handler span, whose
    /// own ``XRaySpan/context`` carries the trace on to the spans inside it.
    public func startSpan(
        _ operationName: String, continuing header: XRayTraceHeader, ofKind kind: SpanKind,
        at instant: some TracerInstant = DefaultTracerClock.now
    ) -> XRaySpan {
        guard let emitter, header.sampled == true else {
            var context = ServiceContext.topLevel
            context.xrayTraceHeader = header
            return XRaySpan(record: nil, startedIn: context)
        }
        let record = Self.firstRecord(
            operationName, continuing: header, ofKind: kind, at: Self.epochSeconds(instant), emitter: emitter)
        return XRaySpan(record: record, startedIn: .topLevel)
    }

    /// The record of the first span of the sampled trace `header` hands in: under the header's `Parent`, if any.
    private static func firstRecord(
        _ operationName: String, continuing header: XRayTraceHeader, ofKind kind: SpanKind, at startTime: Double,
        emitter: any SegmentEmitter
    ) -> XRaySpanRecord {
        XRaySpanRecord(
            name: operationName, traceID: header.root, parent: nil, parentID: header.parent, kind: kind,
            startTime: startTime, emitter: emitter)
    }

    /// Does nothing: finished segments are handed to the emitter at once.
    public func forceFlush() {}

    /// Reads an `X-Amzn-Trace-Id` header from `carrier` into `context`; leaves `context` as it is when there is none or
    /// it does not parse.
    public func extract<Carrier, Extract: Extractor>(
        _ carrier: Carrier, into context: inout ServiceContext, using extractor: Extract
    )
    where Extract.Carrier == Carrier {
        if let value = extractor.extract(key: Self.headerName, from: carrier), let header = XRayTraceHeader(value) {
            context.xrayTraceHeader = header
        }
    }

    /// Writes the context's trace header into `carrier` as `X-Amzn-Trace-Id`; writes nothing without one.
    public func inject<Carrier, Inject: Injector>(
        _ context: ServiceContext, into carrier: inout Carrier, using injector: Inject
    )
    where Inject.Carrier == Carrier {
        if let header = context.xrayTraceHeader {
            injector.inject(header.description, forKey: Self.headerName, into: &carrier)
        }
    }

    static func epochSeconds(_ instant: some TracerInstant) -> Double {
        Double(instant.nanosecondsSinceEpoch) / 1_000_000_000
    }
}
