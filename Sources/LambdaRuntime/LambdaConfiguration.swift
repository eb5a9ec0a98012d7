public import Logging

/// The configuration Lambda gives a function process through its environment.
public struct LambdaConfiguration: Sendable, Equatable {
    /// The Runtime API endpoint (`AWS_LAMBDA_RUNTIME_API`, `host:port`).
    public var runtimeAPI: RuntimeAPIAddress
    /// The handler to run (`_HANDLER`).
    public var handlerName: String
    /// The function's own configuration.
    public var function: FunctionMetadata
    /// How many invocations to serve at once (`AWS_LAMBDA_MAX_CONCURRENCY`, Lambda Managed Instances); 1 otherwise.
    public var maxConcurrency: Int
    /// The least severe level that is logged (`AWS_LAMBDA_LOG_LEVEL`, then `LOG_LEVEL`; `INFO` by default).
    public var logLevel: Logger.Level
    /// The form of the runtime's own log lines (`AWS_LAMBDA_LOG_FORMAT`; text by default).
    public var logFormat: LambdaLogFormat

    /// Creates a configuration from its parts; the runtime reads its own with ``init(environment:)``.
    public init(
        runtimeAPI: RuntimeAPIAddress,
        handlerName: String,
        function: FunctionMetadata,
        maxConcurrency: Int = 1,
        logLevel: Logger.Level = .info,
        logFormat: LambdaLogFormat = .text
    ) {
        self.runtimeAPI = runtimeAPI
        self.handlerName = handlerName
        self.function = function
        self.maxConcurrency = maxConcurrency
        self.logLevel = logLevel
        self.logFormat = logFormat
    }

    /// Reads the configuration from a process environment.
    /// - Throws: ``LambdaRuntimeError/Code/invalidConfiguration`` naming the first variable that is missing or malformed.
    public init(environment: [String: String]) throws(LambdaRuntimeError) {
        guard let api = environment["AWS_LAMBDA_RUNTIME_API"], !api.isEmpty else {
            throw LambdaRuntimeError.invalidConfiguration(variable: "AWS_LAMBDA_RUNTIME_API", problem: "is not set")
        }
        guard let address = RuntimeAPIAddress(api) else {
            throw LambdaRuntimeError.invalidConfiguration(
                variable: "AWS_LAMBDA_RUNTIME_API", problem: "must be host:port, got '\(api)'")
        }
        guard let handler = environment["_HANDLER"], !handler.isEmpty else {
            throw LambdaRuntimeError.invalidConfiguration(variable: "_HANDLER", problem: "is not set")
        }
        let memory = try Self.positiveInteger(environment, "AWS_LAMBDA_FUNCTION_MEMORY_SIZE", default: 128)
        let concurrency = try Self.positiveInteger(environment, "AWS_LAMBDA_MAX_CONCURRENCY", default: 1)
        let levelName = environment["AWS_LAMBDA_LOG_LEVEL"] ?? environment["LOG_LEVEL"]
        let level: Logger.Level
        if let levelName {
            guard let parsed = LambdaLogHandler.level(named: levelName) else {
                throw LambdaRuntimeError.invalidConfiguration(
                    variable: environment["AWS_LAMBDA_LOG_LEVEL"] != nil ? "AWS_LAMBDA_LOG_LEVEL" : "LOG_LEVEL",
                    problem: "must be one of TRACE, DEBUG, INFO, WARN, ERROR, FATAL, got '\(levelName)'"
                )
            }
            level = parsed
        } else {
            level = .info
        }
        let name = environment["AWS_LAMBDA_FUNCTION_NAME"] ?? handler
        self.init(
            runtimeAPI: address,
            handlerName: handler,
            function: FunctionMetadata(
                name: name,
                version: environment["AWS_LAMBDA_FUNCTION_VERSION"] ?? "$LATEST",
                memoryLimitInMB: memory,
                logGroupName: environment["AWS_LAMBDA_LOG_GROUP_NAME"],
                logStreamName: environment["AWS_LAMBDA_LOG_STREAM_NAME"] ?? "",
                region: environment["AWS_REGION"] ?? environment["AWS_DEFAULT_REGION"] ?? "us-east-1"
            ),
            maxConcurrency: concurrency,
            logLevel: level,
            logFormat: LambdaLogFormat(environment: environment)
        )
    }

    private static func positiveInteger(
        _ environment: [String: String],
        _ variable: String,
        default defaultValue: Int
    ) throws(LambdaRuntimeError) -> Int {
        guard let text = environment[variable] else { return defaultValue }
        guard let value = Int(text), value > 0 else {
            throw LambdaRuntimeError.invalidConfiguration(
                variable: variable, problem: "must be a positive integer, got '\(text)'")
        }
        return value
    }
}

/// The `host:port` of the Runtime API.
public struct RuntimeAPIAddress: Sendable, Hashable, CustomStringConvertible {
    /// The host name or IP address of the Runtime API, e.g. `127.0.0.1`.
    public var host: String
    /// The TCP port of the Runtime API, 1 to 65535.
    public var port: Int

    /// Creates an address from its parts, unchecked.
    public init(host: String, port: Int) {
        self.host = host
        self.port = port
    }

    /// Parses `host:port`; `nil` when either part is missing or the port is not in 1...65535.
    public init?(_ text: String) {
        guard let colon = text.lastIndex(of: ":") else { return nil }
        let host = String(text[..<colon])
        guard !host.isEmpty, let port = Int(text[text.index(after: colon)...]), (1...65535).contains(port) else {
            return nil
        }
        self.init(host: host, port: port)
    }

    /// The address as `host:port`, the form of `AWS_LAMBDA_RUNTIME_API`.
    public var description: String { "\(self.host):\(self.port)" }
}
