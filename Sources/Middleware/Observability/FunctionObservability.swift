public import LambdaRuntime
public import Observability

/// A function's logger and metrics, configured from its environment as Powertools reads it: the service is
/// `POWERTOOLS_SERVICE_NAME`, or the function's name without it; lines go where the runtime sends the function's
/// output.
public struct FunctionObservability: Sendable {
    public let logger: PowertoolsLogger
    public let metrics: EMFMetrics

    public init(_ initialization: LambdaInitializationContext) {
        var environment = initialization.environment
        if environment["POWERTOOLS_SERVICE_NAME"]?.isEmpty ?? true {
            environment["POWERTOOLS_SERVICE_NAME"] = initialization.function.name
        }
        self.logger = PowertoolsLogger(configuration: LoggerConfiguration(environment: environment), sink: initialization.logSink)
        self.metrics = EMFMetrics(configuration: MetricsConfiguration(environment: environment), sink: initialization.logSink)
    }
}
