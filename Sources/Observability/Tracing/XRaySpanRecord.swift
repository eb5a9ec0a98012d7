import LambdaEvents
import LambdaRuntime
import Synchronization
import Tracing

/// The state of one recorded span: its document as it grows, and its children that ended while it was open. When it
/// ends inside a parent that is still open, it only records its end time and joins the parent's children: its
/// document (attributes mapped, cause, own children) is made when the outermost span ends, which for a function is
/// after its response (``TracedHandler``), so that a span ending inside the handler costs the caller next to
/// nothing. A span that ends on its own, or after its parent, goes to the emitter.
final class XRaySpanRecord: Sendable {
    let id: String
    let traceID: String
    private let kind: SpanKind
    /// The span open around this one; weak, since the parent keeps its ended children until it ends itself.
    private weak let parent: XRaySpanRecord?
    /// The parent's id, for a subsegment sent on its own after its parent has gone.
    private let parentSpanID: String?
    private let emitter: any SegmentEmitter
    private let state: Mutex<State>

    private struct State {
        var document: SegmentDocument
        var attributes = SpanAttributes()
        var failed = false
        /// Errors recorded while open, described into the cause when the document is made.
        var errors: [any Error] = []
        var children: [XRaySpanRecord] = []
        var endTime: Double?
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
        self.parentSpanID = parent?.id
        self.emitter = emitter
        self.state = Mutex(State(document: document))
    }

    var name: String {
        get { self.state.withLock { $0.document.name } }
        set { self.changeWhileOpen { $0.document.name = SegmentDocument.acceptableName(newValue) } }
    }

    var attributes: SpanAttributes {
        get { self.state.withLock { $0.attributes } }
        set { self.changeWhileOpen { $0.attributes = newValue } }
    }

    func update(_ change: (inout SegmentDocument) -> Void) {
        self.changeWhileOpen { change(&$0.document) }
    }

    func markFailed() {
        self.changeWhileOpen { $0.failed = true }
    }

    /// Applies `change` unless the span has ended: what is set after the end is not recorded, as with any tracer.
    private func changeWhileOpen(_ change: (inout State) -> Void) {
        self.state.withLock { state in
            if state.endTime == nil { change(&state) }
        }
    }

    /// Adds `error` to the cause, named as Lambda would report it once the document is made (after the response,
    /// for a span inside a function), so that recording a failure costs the caller only keeping the error.
    func recordError(_ error: any Error) {
        self.changeWhileOpen { state in
            state.failed = true
            state.errors.append(error)
        }
    }

    func end(at endTime: Double) {
        let ended: Bool = self.state.withLock { state in
            guard state.endTime == nil else { return false }
            state.endTime = endTime
            return true
        }
        guard ended else { return }
        if let parentSpanID {
            if let parent = self.parent, parent.adopt(self) { return }
            var standalone = self.finishedDocument()
            standalone.type = "subsegment"
            standalone.traceID = self.traceID
            standalone.parentID = parentSpanID
            self.emitter.emit(standalone)
        } else {
            self.emitter.emit(self.finishedDocument())
        }
    }

    /// The document of this ended span, with the documents of the children it adopted.
    private func finishedDocument() -> SegmentDocument {
        let (finished, children) = self.state.withLock { state in
            var document = state.document
            document.endTime = state.endTime
            SpanAttributeMapping.apply(state.attributes, kind: self.kind, to: &document)
            if !state.errors.isEmpty {
                var cause = document.cause ?? SegmentDocument.Cause(exceptions: [])
                cause.exceptions += state.errors.map(Self.exception)
                document.cause = cause
            }
            if state.failed, document.error != true, document.throttle != true { document.fault = true }
            return (document, state.children)
        }
        guard !children.isEmpty else { return finished }
        var document = finished
        document.subsegments = children.map { $0.finishedDocument() }
        return document
    }

    /// `error` as an exception of a cause, named as Lambda would report it.
    private static func exception(_ error: any Error) -> SegmentDocument.Cause.Exception {
        let report = LambdaFunctionError(describing: error)
        return SegmentDocument.Cause.Exception(
            id: XRayTraceHeader.newSegmentID(), message: report.errorMessage, type: report.errorType)
    }

    /// Takes an ended child in, to be written into this document when it ends; `false` once this span has ended.
    private func adopt(_ child: XRaySpanRecord) -> Bool {
        self.state.withLock { state in
            guard state.endTime == nil else { return false }
            state.children.append(child)
            return true
        }
    }
}
