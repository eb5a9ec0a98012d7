public import Cloud
import LambdaEvents
public import LambdaRuntime
public import Observability
import Tracing

/// A handler traced as Powertools' `capture_lambda_handler` does: when the invocation's trace is sampled, a
/// subsegment `## <function>` under the segment Lambda opened, with the annotations `ColdStart` and `Service`, the
/// response (cleaned by ``Redaction/traceMetadata``: no secret, no personal data, no body that is not JSON) or the
/// error as metadata, and every span the handler starts (store, bus, queue and HTTP calls) nested in it. The response
/// is captured and the subsegment sent after the response has gone (``LambdaContext/afterResponse(_:)``), stamped
/// with the time the handler returned. Unsampled or with tracing off, the handler runs with only the trace header in
/// its service context, so the events it raises still carry the trace on (``XRayTraceHeader/current``).
public struct TracedHandler<Handler: LambdaHandler>: LambdaHandler {
    /// The wrapped handler's event type.
    public typealias Event = Handler.Event
    /// The wrapped handler's output type.
    public typealias Output = Handler.Output

    /// The handler that is traced.
    public let handler: Handler
    /// The tracer that records the subsegment.
    public let tracer: XRayTracer
    /// Whether the response and the error are captured, and the `Service` annotation.
    public let configuration: TracerConfiguration

    /// Wraps `handler` so its invocations are traced by `tracer`.
    public init(_ handler: Handler, tracer: XRayTracer, configuration: TracerConfiguration) {
        self.handler = handler
        self.tracer = tracer
        self.configuration = configuration
    }

    /// Runs the handler inside the invocation's trace, recording a subsegment when the trace is sampled.
    ///
    /// - Throws: whatever the handler throws, after recording it on the subsegment.
    public func handle(_ event: Event, context: LambdaContext) async throws -> Output {
        guard let header = context.traceID.flatMap(XRayTraceHeader.init) else {
            return try await self.handler.handle(event, context: context)
        }
        guard self.tracer.isEnabled, header.sampled == true else {
            var traceContext = ServiceContext.topLevel
            traceContext.xrayTraceHeader = header
            return try await ServiceContext.withValue(traceContext) {
                try await self.handler.handle(event, context: context)
            }
        }
        let name = "## \(context.function.name)"
        // Not a server span: on Lambda the function's segment is Lambda's, this is a subsegment of it.
        let span = self.tracer.startSpan(name, continuing: header, ofKind: .internal)
        let namespace = self.configuration.service ?? context.function.name
        span.annotate(["ColdStart": .bool(context.isColdStart), "Service": .string(namespace)])
        let configuration = self.configuration
        do {
            let output = try await ServiceContext.withValue(span.context) {
                try await self.handler.handle(event, context: context)
            }
            let ended = DefaultTracerClock.now
            // Capturing the response and sending the segment wait for nobody: they follow the response.
            context.afterResponse {
                if configuration.capturesResponse, let response = Self.jsonValue(of: output) {
                    span.addMetadata(
                        "\(name) response", Redaction.traceMetadata.redacted(response), namespace: namespace)
                }
                span.end(at: ended)
            }
            return output
        } catch {
            let ended = DefaultTracerClock.now
            if configuration.capturesError {
                span.addMetadata("\(name) error", .string(String(describing: error)), namespace: namespace)
            }
            span.recordError(error)
            context.afterResponse { span.end(at: ended) }
            throw error
        }
    }
}

extension TracedHandler {
    /// The output as a JSON value, to capture it: the tree a self-writing output makes (an HTTP API response makes
    /// it directly), which costs a fraction of building it through an `Encoder`; `nil` when it does not encode.
    static func jsonValue(of output: Output) -> JSONValue? {
        if let writable = output as? any JSONBytesEncodable {
            return writable.jsonValue
        }
        return try? JSONValue(encoding: output)
    }
}

extension TracedHandler: APIDescribing where Handler: APIDescribing {
    /// The wrapped handler's operations, unchanged.
    public var apiOperations: [APIOperation] { self.handler.apiOperations }
}
