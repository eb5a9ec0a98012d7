public import Tracing

/// The trace a piece of work belongs to, as its caller passed it in (`X-Amzn-Trace-Id`, `_X_AMZN_TRACE_ID`).
enum XRayTraceHeaderKey: ServiceContextKey {
    typealias Value = XRayTraceHeader
    static var nameOverride: String? { "xray-trace-header" }
}

/// The open span that new spans nest under.
enum XRayOpenSpanKey: ServiceContextKey {
    typealias Value = XRaySpanRecord
    static var nameOverride: String? { "xray-open-span" }
}

extension XRayTraceHeader {
    /// The trace header of the work running now: the invocation's trace, continued under the open span when one is
    /// recording. What events and messages carry on so their consumers continue the trace.
    public static var current: XRayTraceHeader? { ServiceContext.current?.xrayTraceHeader }
}

extension ServiceContext {
    /// The X-Ray trace this context belongs to: the one handed in, continued under the open span if there is one.
    public var xrayTraceHeader: XRayTraceHeader? {
        get {
            if let span = self[XRayOpenSpanKey.self] {
                return XRayTraceHeader(root: span.traceID, parent: span.id, sampled: true)
            }
            return self[XRayTraceHeaderKey.self]
        }
        set { self[XRayTraceHeaderKey.self] = newValue }
    }
}
