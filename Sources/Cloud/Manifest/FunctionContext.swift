public import LambdaRuntime
public import Logging

/// What a function's initialiser receives: Lambda's initialisation context and the ports of the cloud it runs in.
public struct FunctionContext: Sendable {
    /// Lambda's initialisation context: handler name, function metadata, environment, logger and log sink.
    public let initialization: LambdaInitializationContext
    /// The ports of the cloud the function runs in: store, identity provider and the rest.
    public let ports: CloudPorts

    /// Creates a context from its parts.
    public init(initialization: LambdaInitializationContext, ports: CloudPorts) {
        self.initialization = initialization
        self.ports = ports
    }

    /// The function's configuration, as Lambda passes it.
    public var function: FunctionMetadata { self.initialization.function }

    /// The environment variables the function was started with.
    public var environment: [String: String] { self.initialization.environment }

    /// The logger for initialisation.
    public var logger: Logger { self.initialization.logger }
}
