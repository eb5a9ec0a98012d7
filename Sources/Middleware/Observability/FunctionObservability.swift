public import LambdaRuntime
public import Observability

/// A function's logger, metrics and tracer, configured from its environment as Powertools reads it: the service is
/// `POWERTOOLS_SERVICE_NAME`, or the function's name without it; lines go where the runtime sends the function's
/// output, segments to `AWS_XRAY_DAEMON_ADDRESS`.
public struct FunctionObservability: Sendable {
    /// The Powertools logger, writing JSON lines to the function's log sink.
    public let logger: PowertoolsLogger
    /// The EMF metrics writer, flushed at the end of each invocation.
    public let metrics: EMFMetrics
    /// The tracer settings read from the environment.
    public let tracing: TracerConfiguration
    /// The X-Ray tracer, sending to the daemon; ``XRayTracer/disabled`` when there is none or tracing is off.
    public let tracer: XRayTracer

    /// Configures logger, metrics and tracer from the function's environment and log sink.
    ///
    /// The service name is set on each configuration rather than in a copy of the environment: copying and growing
    /// the environment's dictionary hashed every variable again at each cold start.
    public init(_ initialization: LambdaInitializationContext) {
        let environment = initialization.environment
        let service =
            environment["POWERTOOLS_SERVICE_NAME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? initialization.function.name
        var logging = LoggerConfiguration(environment: environment)
        logging.service = service
        var metrics = MetricsConfiguration(environment: environment)
        metrics.service = service
        var tracing = TracerConfiguration(environment: environment)
        tracing.service = service
        self.logger = PowertoolsLogger(configuration: logging, sink: initialization.logSink)
        self.metrics = EMFMetrics(configuration: metrics, sink: initialization.logSink)
        self.tracing = tracing
        self.tracer = tracing.makeTracer()
    }

    /// `handler` traced by this function's tracer.
    public func traced<Handler: LambdaHandler>(_ handler: Handler) -> TracedHandler<Handler> {
        TracedHandler(handler, tracer: self.tracer, configuration: self.tracing)
    }
}
