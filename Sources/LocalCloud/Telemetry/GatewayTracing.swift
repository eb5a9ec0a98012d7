import HTTPTypes
public import Observability
import Tracing

/// Traces the gateway's requests as API Gateway and Lambda do in X-Ray: a segment for the stage (`origin`
/// `AWS::ApiGateway::Stage`, the request and status in its `http` block), in it a `Lambda` subsegment for the
/// invocation, and under that the function's own segment (`AWS::Lambda::Function`), whose id is the `Parent` the
/// function receives. An incoming `X-Amzn-Trace-Id` is continued with its sampling decision; without one the
/// sampler decides. Unsampled requests still get a trace id, so their log lines correlate.
public struct GatewayTracing: Sendable {
    /// Decides which requests without a sampling decision are traced.
    public let sampler: TraceSampler
    /// The stage segment's name, API Gateway's `<api>/<stage>`.
    public let stageName: String
    private let tracer: XRayTracer

    /// Traces into `emitter`, sampling new traces with `sampler`, under the stage segment `stageName`.
    public init(
        emitter: any SegmentEmitter, sampler: TraceSampler = TraceSampler(), stageName: String = "stratus/default"
    ) {
        self.tracer = XRayTracer(emitter: emitter)
        self.sampler = sampler
        self.stageName = stageName
    }

    /// Opens the trace of a request.
    func begin(_ request: GatewayRequest) -> GatewayTrace {
        let incoming = request.headers[.amznTraceID].flatMap(XRayTraceHeader.init)
        let sampled = incoming?.sampled ?? self.sampler.shouldSample()
        let header = XRayTraceHeader(
            root: incoming?.root ?? XRayTraceHeader.newTraceID(), parent: incoming?.parent, sampled: sampled)
        guard sampled else { return GatewayTrace(header: header, stage: nil, tracer: self.tracer) }
        var context = ServiceContext.topLevel
        context.xrayTraceHeader = header
        let stage = self.tracer.startSpan(self.stageName, context: context, ofKind: .server)
        stage.updateDocument { $0.origin = "AWS::ApiGateway::Stage" }
        stage.attributes["http.request.method"] = request.method.requestMethod.folded.rawValue
        // The query as the trace keeps it: a sensitive parameter's value (a code, a token) is replaced.
        let query =
            request.rawQueryString.isEmpty ? "" : "?" + Redaction.traceMetadata.redacted(query: request.rawQueryString)
        stage.attributes["url.full"] = request.path + query
        stage.attributes["client.address"] = request.sourceIP
        if let agent = request.headers[.userAgent] {
            stage.attributes["user_agent.original"] = agent
        }
        return GatewayTrace(header: header, stage: stage, tracer: self.tracer)
    }
}

/// One request's trace.
struct GatewayTrace: Sendable {
    /// The trace header of the request (the answer's `x-amzn-trace-id`).
    let header: XRayTraceHeader
    let stage: XRaySpan?
    let tracer: XRayTracer

    /// Opens the invocation of `function`; the result's header is what the function receives.
    func invoking(_ function: String, arn: String) -> InvocationTrace {
        guard let stage else { return InvocationTrace(header: self.header, spans: []) }
        let invoke = self.tracer.startSpan("Lambda", context: stage.context, ofKind: .client)
        invoke.attributes["aws.operation"] = "Invoke"
        invoke.attributes["aws.function_name"] = function
        var functionContext = ServiceContext.topLevel
        functionContext.xrayTraceHeader = XRayTraceHeader(
            root: self.header.root, parent: invoke.segmentID, sampled: true)
        let segment = self.tracer.startSpan(function, context: functionContext, ofKind: .server)
        segment.updateDocument { document in
            document.origin = "AWS::Lambda::Function"
            document.aws = ["function_arn": .string(arn)]
        }
        let header = XRayTraceHeader(root: self.header.root, parent: segment.segmentID, sampled: true)
        return InvocationTrace(header: header, spans: [segment, invoke])
    }

    /// Closes the trace with the status the client got.
    func end(status: Int) {
        guard let stage else { return }
        stage.attributes["http.response.status_code"] = status
        stage.end()
    }
}

/// The invocation part of a request's trace: the function's segment and the gateway's `Lambda` subsegment.
struct InvocationTrace: Sendable {
    /// What the function receives as its trace header.
    let header: XRayTraceHeader
    /// The function's segment, then the invoke subsegment: ended in that order.
    let spans: [XRaySpan]

    /// Ends the invocation; `failure` is the function's error or timeout, if it had one.
    func end(failure: (any Error)?) {
        for span in self.spans {
            if let failure { span.recordError(failure) }
            span.end()
        }
    }
}
