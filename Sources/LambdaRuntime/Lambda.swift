import Logging

/// The entry point of a function process on Lambda.
public enum Lambda {
    /// Runs this process as a Lambda function, and never returns.
    ///
    /// Reads the configuration from the environment, builds the handler once with `makeHandler` (the cold start) and
    /// serves invocations from the Runtime API until SIGTERM, when it finishes the invocations in flight and exits 0.
    /// Any failure before the first invocation is reported to `/init/error` and ends the process with status 1.
    /// - Parameter environment: The process environment, when the caller has read it already (reading it again
    ///   costs a cold start).
    public static func main(
        environment: [String: String] = ProcessEnvironment.current(), makeHandler: @escaping LambdaHandlerFactory
    ) async -> Never {
        let status = await LambdaProcess(environment: environment, makeHandler: makeHandler).run()
        ProcessEnvironment.terminate(status: status)
    }
}

/// One function process: its initialisation, its workers, and its shutdown.
struct LambdaProcess {
    let environment: [String: String]
    let makeHandler: LambdaHandlerFactory

    /// Runs the process and returns its exit status.
    func run() async -> Int32 {
        let configuration: LambdaConfiguration
        do {
            configuration = try LambdaConfiguration(environment: self.environment)
        } catch {
            Self.reportEarlyFailure(LambdaFunctionError(describing: error), environment: self.environment)
            return 1
        }
        LoggingSystem.bootstrap { _ in
            LambdaLogHandler(
                sink: StandardOutputLogSink(), logLevel: configuration.logLevel, format: configuration.logFormat)
        }
        let logger = Logger(label: "stratus.runtime")

        let firstConnection: RuntimeAPIConnection
        do {
            firstConnection = try RuntimeAPIConnection.connect(to: configuration.runtimeAPI)
        } catch {
            ProcessEnvironment.writeToStandardError(
                "Cannot reach the Runtime API at \(configuration.runtimeAPI): \(error)",
                format: configuration.logFormat
            )
            return 1
        }

        let handler: any ByteBufferLambdaHandler
        do {
            handler = try await self.makeHandler(
                LambdaInitializationContext(
                    handlerName: configuration.handlerName,
                    function: configuration.function,
                    environment: self.environment,
                    logger: logger
                )
            )
        } catch {
            let report = LambdaFunctionError(describing: error)
            logger.critical(
                "Initialisation failed",
                metadata: ["errorType": "\(report.errorType)", "errorMessage": "\(report.errorMessage)"])
            try? RuntimeAPIClient(connection: firstConnection).reportInitError(report)
            return 1
        }

        let server = InvocationServer(
            configuration: configuration,
            executor: InvocationExecutor(handler: handler, takesValues: false),
            logger: logger,
            watchdog: DeadlineWatchdog(runtimeAPI: configuration.runtimeAPI, logger: logger),
            traceIDEnvironment: configuration.maxConcurrency == 1 ? TraceIDEnvironment() : nil
        )
        return await server.serve(firstConnection: firstConnection)
    }

    /// Reports a failure that happened before the configuration could be read: to `/init/error` when the Runtime API
    /// address is known, and always to standard error.
    private static func reportEarlyFailure(_ report: LambdaFunctionError, environment: [String: String]) {
        ProcessEnvironment.writeToStandardError(
            "\(report.errorType): \(report.errorMessage)",
            format: LambdaLogFormat(environment: environment)
        )
        guard let address = environment["AWS_LAMBDA_RUNTIME_API"].flatMap(RuntimeAPIAddress.init) else { return }
        guard let connection = try? RuntimeAPIConnection.connect(to: address) else { return }
        try? RuntimeAPIClient(connection: connection).reportInitError(report)
        connection.close()
    }
}
