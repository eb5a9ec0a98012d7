import Logging

/// The entry point of a function process on Lambda.
public enum Lambda {
    /// Runs this process as a Lambda function on the calling thread, and never returns.
    ///
    /// Reads the configuration from the environment, builds the handler once with `makeHandler` (the cold start) and
    /// serves invocations from the Runtime API until SIGTERM, when it finishes the invocations in flight and exits 0.
    /// Any failure before the first invocation is reported to `/init/error` and ends the process with status 1.
    ///
    /// Call it from the top level of `main.swift` without `await`: the calling thread builds the handler (its
    /// `async` work runs on that thread) and then serves as the first worker, so the first invocation waits for no
    /// thread to start. An `async` top level would hand the main thread to the concurrency runtime's main queue
    /// instead, whose `dispatch_main` ends it with `pthread_exit`, unwinding its stack at every cold start.
    /// - Parameter environment: The process environment, when the caller has read it already (reading it again
    ///   costs a cold start).
    public static func main(
        environment: [String: String] = ProcessEnvironment.current(), makeHandler: @escaping LambdaHandlerFactory
    ) -> Never {
        let status = LambdaProcess(environment: environment, makeHandler: makeHandler).run()
        ProcessEnvironment.terminate(status: status)
    }
}

/// One function process: its initialisation, its workers, and its shutdown.
struct LambdaProcess {
    let environment: [String: String]
    let makeHandler: LambdaHandlerFactory

    /// Runs the process on the calling thread and returns its exit status.
    func run() -> Int32 {
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

        let executor = WorkerThreadExecutor()
        let initialization = LambdaInitializationContext(
            handlerName: configuration.handlerName,
            function: configuration.function,
            environment: self.environment,
            logger: logger
        )
        let made = executor.run {
            [makeHandler = self.makeHandler] () async -> Result<any ByteBufferLambdaHandler, any Error> in
            do {
                return .success(try await makeHandler(initialization))
            } catch {
                return .failure(error)
            }
        }
        let handler: any ByteBufferLambdaHandler
        switch made {
        case .success(let made):
            handler = made
        case .failure(let error):
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
        return server.serve(firstConnection: firstConnection, executor: executor)
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
