import Observability
import Tracing

/// The trace of handing an event or message on to the next service (the relay's publishing, the bus's delivery):
/// the trace header the receiver gets, and the spans recorded for the hand-off, innermost first. Untraced, it only
/// passes the incoming header on.
struct HandoffTrace: Sendable {
    /// The header the receiver gets: its `Parent` is the innermost span when one is recorded.
    let traceHeader: String?
    /// The spans of the hand-off, innermost first: ended in that order.
    let spans: [XRaySpan]

    /// A hand-off that records nothing and passes `traceHeader` on.
    static func untraced(_ traceHeader: String?) -> HandoffTrace {
        HandoffTrace(traceHeader: traceHeader, spans: [])
    }

    /// The hand-off recorded by `spans`, innermost first; the receiver's header continues under the innermost.
    static func recorded(_ spans: [XRaySpan]) -> HandoffTrace {
        HandoffTrace(traceHeader: spans.first?.context.xrayTraceHeader?.description, spans: spans)
    }

    /// Ends every span; `failure` says why the hand-off did not succeed, if it did not.
    func end(failure: (any Error)?) {
        for span in self.spans {
            if let failure { span.recordError(failure) }
            span.end()
        }
    }
}

extension XRayTracer {
    /// A segment `name` that continues the trace of `traceHeader` under its `Parent`: the first span of a hand-off;
    /// `nil` when tracing is off or the header is missing, unreadable or not sampled.
    func segment(_ name: String, continuing traceHeader: String?) -> XRaySpan? {
        guard self.isEnabled, let header = traceHeader.flatMap(XRayTraceHeader.init), header.sampled == true else {
            return nil
        }
        var context = ServiceContext.topLevel
        context.xrayTraceHeader = header
        return self.startSpan(name, context: context, ofKind: .server)
    }
}
