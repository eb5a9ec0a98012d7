public import LambdaRuntime

/// The ids that find an invocation's log lines and metrics in the log: Lambda's request id, the correlation id and
/// the X-Ray trace id (the trace header's `Root`), as Powertools names them.
public struct InvocationIDs: Sendable, Equatable {
    /// `function_request_id`: Lambda's id of the invocation.
    public let requestID: String
    /// `correlation_id`: the id the event carries through the system, when it has one.
    public let correlationID: String?
    /// `xray_trace_id`: the trace's id, when the invocation has a well-formed trace header.
    public let traceID: String?

    /// The ids of the invocation of `context`, whose event carries `correlationID`.
    public init(context: LambdaContext, correlationID: String?) {
        self.requestID = context.requestID
        self.correlationID = correlationID
        self.traceID = context.traceID.flatMap(XRayTraceHeader.root(of:))
    }

    /// The ids as named members, in Powertools' order, leaving out those the invocation has not.
    public var members: [(name: String, value: String)] {
        var members: [(name: String, value: String)] = []
        members.reserveCapacity(3)
        members.append(("function_request_id", self.requestID))
        if let correlationID { members.append(("correlation_id", correlationID)) }
        if let traceID { members.append(("xray_trace_id", traceID)) }
        return members
    }
}
