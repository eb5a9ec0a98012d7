import LambdaEvents
import LambdaRuntime
import Synchronization
import Tracing

/// The state of one recorded span: its document as it grows, and the subsegments of its children that ended while
/// it was open. When it ends, it goes into its parent's document if the parent is still open, else to the emitter.
final class XRaySpanRecord: Sendable {
    let id: String
    let traceID: String
    private let kind: SpanKind
    private let parent: XRaySpanRecord?
    private let emitter: any SegmentEmitter
    private let state: Mutex<State>

    private struct State {
        var document: SegmentDocument
        var attributes = SpanAttributes()
        var failed = false
        var children: [SegmentDocument] = []
        var ended = false
    }

    /// - Parameter parentID: Set for the first span of a piece of work that continues a caller's trace. A server span
    ///   is then a segment of its own whose parent is the caller's (sub)segment; any other span is a subsegment of the
    ///   caller's segment (as a function's work is of the segment Lambda records).
    init(
        name: String, traceID: String, parent: XRaySpanRecord?, parentID: String?, kind: SpanKind, startTime: Double,
        emitter: any SegmentEmitter
    ) {
        let id = XRayTraceHeader.newSegmentID()
        var document = SegmentDocument(name: name, id: id, startTime: startTime)
        if parent == nil {
            document.traceID = traceID
            document.parentID = parentID
            document.type = parentID == nil || kind == .server ? nil : "subsegment"
        }
        self.id = id
        self.traceID = traceID
        self.kind = kind
        self.parent = parent
        self.emitter = emitter
        self.state = Mutex(State(document: document))
    }

    var name: String {
        get { self.state.withLock { $0.document.name } }
        set { self.state.withLock { $0.document.name = SegmentDocument.acceptableName(newValue) } }
    }

    var attributes: SpanAttributes {
        get { self.state.withLock { $0.attributes } }
        set { self.state.withLock { $0.attributes = newValue } }
    }

    func update(_ change: (inout SegmentDocument) -> Void) {
        self.state.withLock { change(&$0.document) }
    }

    func markFailed() {
        self.state.withLock { $0.failed = true }
    }

    /// Adds `error` to the cause, named as Lambda would report it.
    func recordError(_ error: any Error) {
        let report = LambdaFunctionError(describing: error)
        let exception = SegmentDocument.Cause.Exception(
            id: XRayTraceHeader.newSegmentID(), message: report.errorMessage, type: report.errorType
        )
        self.state.withLock { state in
            state.failed = true
            var cause = state.document.cause ?? SegmentDocument.Cause(exceptions: [])
            cause.exceptions.append(exception)
            state.document.cause = cause
        }
    }

    func end(at endTime: Double) {
        let finished: SegmentDocument? = self.state.withLock { state in
            guard !state.ended else { return nil }
            state.ended = true
            var document = state.document
            document.endTime = endTime
            SpanAttributeMapping.apply(state.attributes, kind: self.kind, to: &document)
            if state.failed, document.error != true, document.throttle != true { document.fault = true }
            if !state.children.isEmpty { document.subsegments = state.children }
            return document
        }
        guard let finished else { return }
        if let parent {
            if parent.adopt(finished) { return }
            var standalone = finished
            standalone.type = "subsegment"
            standalone.traceID = self.traceID
            standalone.parentID = parent.id
            self.emitter.emit(standalone)
        } else {
            self.emitter.emit(finished)
        }
    }

    /// Takes a child's finished subsegment into this document; `false` once this span has ended.
    private func adopt(_ child: SegmentDocument) -> Bool {
        self.state.withLock { state in
            guard !state.ended else { return false }
            state.children.append(child)
            return true
        }
    }
}
