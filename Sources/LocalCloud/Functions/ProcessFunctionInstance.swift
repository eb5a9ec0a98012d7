public import Cloud
public import LambdaRuntime
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// A function running as a real `bootstrap` child process against its own Runtime API emulator, exactly as on Lambda:
/// same environment variables, same protocol, same deadline and exit semantics.
///
/// After a timeout or a crash the process is gone, as on Lambda; ``isAlive`` tells the owner to start a new instance.
public final class ProcessFunctionInstance: FunctionInstance {
    /// The function as the manifest declares it.
    public let function: Function
    /// The name, memory, region and log names the process is started with.
    public let metadata: FunctionMetadata
    private let emulator: RuntimeAPIEmulator
    private let server: Task<Void, any Error>
    private let process: ChildProcess
    /// When the process was spawned.
    public let spawnedAt: ContinuousClock.Instant
    private let initDurationTaken = FirstCallerFlag()

    /// Starts the Runtime API emulator, then `executable` as the function's process.
    /// - Parameters:
    ///   - executable: the `bootstrap` (or any other Lambda runtime) to run.
    ///   - arguments: arguments for `executable`, e.g. the handler of a runtime that takes it on the command line.
    ///   - environment: extra variables, on top of those Lambda sets.
    ///   - timeoutGrace: how long after a deadline the runtime may take to report the timeout itself before the
    ///     emulator declares it and ends the process.
    ///   - concurrency: invocations served at once; above 1 the process runs as a Lambda Managed Instance
    ///     (`AWS_LAMBDA_MAX_CONCURRENCY`).
    ///   - logSink: receives every line the process writes.
    public static func start(
        executable: String,
        arguments: [String] = [],
        function: Function,
        metadata: FunctionMetadata,
        environment: [String: String] = [:],
        timeoutGrace: Duration = .milliseconds(250),
        concurrency: Int = 1,
        logSink: any LogSink
    ) async throws -> ProcessFunctionInstance {
        let killSwitch = Mutex<ChildProcess?>(nil)
        let emulator = RuntimeAPIEmulator(
            function: metadata,
            timeout: function.timeout,
            timeoutGrace: timeoutGrace,
            concurrency: concurrency
        ) { _ in
            // Lambda ends an execution environment whose invocation timed out.
            killSwitch.withLock { $0 }?.send(signal: SIGKILL)
        }
        let server = Task { try await emulator.run() }
        let address: RuntimeAPIAddress
        do {
            address = try await emulator.listeningAddress()
        } catch {
            server.cancel()
            throw error
        }
        var variables = Self.lambdaEnvironment(function: function, metadata: metadata, runtimeAPI: address)
        if concurrency > 1 {
            variables["AWS_LAMBDA_MAX_CONCURRENCY"] = String(concurrency)
        }
        variables.merge(environment) { _, extra in extra }
        let startedAt = ContinuousClock.now
        let process: ChildProcess
        do {
            process = try ChildProcess(
                executable: executable, arguments: arguments, environment: variables, output: logSink)
        } catch {
            server.cancel()
            throw error
        }
        killSwitch.withLock { $0 = process }
        let instance = ProcessFunctionInstance(
            function: function,
            metadata: metadata,
            emulator: emulator,
            server: server,
            process: process,
            spawnedAt: startedAt
        )
        Task {
            let status = await process.waitForExit()
            emulator.runtimeGone(
                LambdaFunctionError(
                    errorMessage: "Runtime exited with error: exit status \(status)",
                    errorType: "Runtime.ExitError"
                )
            )
        }
        return instance
    }

    private init(
        function: Function,
        metadata: FunctionMetadata,
        emulator: RuntimeAPIEmulator,
        server: Task<Void, any Error>,
        process: ChildProcess,
        spawnedAt: ContinuousClock.Instant
    ) {
        self.function = function
        self.metadata = metadata
        self.emulator = emulator
        self.server = server
        self.process = process
        self.spawnedAt = spawnedAt
    }

    /// The variables Lambda sets for a function process on a custom runtime.
    static func lambdaEnvironment(
        function: Function,
        metadata: FunctionMetadata,
        runtimeAPI: RuntimeAPIAddress
    ) -> [String: String] {
        [
            "AWS_LAMBDA_RUNTIME_API": runtimeAPI.description,
            "_HANDLER": function.name,
            "AWS_LAMBDA_FUNCTION_NAME": metadata.name,
            "AWS_LAMBDA_FUNCTION_VERSION": metadata.version,
            "AWS_LAMBDA_FUNCTION_MEMORY_SIZE": String(metadata.memoryLimitInMB),
            "AWS_LAMBDA_LOG_GROUP_NAME": metadata.logGroupName,
            "AWS_LAMBDA_LOG_STREAM_NAME": metadata.logStreamName,
            "AWS_LAMBDA_INITIALIZATION_TYPE": "on-demand",
            "AWS_REGION": metadata.region,
            "AWS_DEFAULT_REGION": metadata.region,
            "AWS_EXECUTION_ENV": "AWS_Lambda_provided.al2023",
            "TZ": ":UTC",
            "LANG": "en_US.UTF-8",
            "PATH": "/usr/local/bin:/usr/bin:/bin",
        ]
    }

    /// Hands the request to the process through the Runtime API emulator and waits for its answer, a timeout or the
    /// process's exit.
    public func invoke(_ request: InvocationRequest) async -> InvocationResult {
        var result = await self.emulator.invoke(request)
        if let initEnded = self.emulator.initializationEndedAt ?? (result.error != nil ? ContinuousClock.now : nil),
            self.initDurationTaken.claim()
        {
            result.initDuration = initEnded - self.spawnedAt
        }
        return result
    }

    /// Runs tasks on the thread of the instance's Runtime API connection: prefer it (`withTaskExecutorPreference`)
    /// around a run of invocations to save two thread switches on each.
    package var executor: RuntimeAPITaskExecutor {
        self.emulator.executor
    }

    /// Returns once the process waits for its next invocation (or is gone): where a benchmark starts its clock.
    package func untilRuntimeWaits() async {
        await self.emulator.untilRuntimeWaits()
    }

    /// Whether the process still runs; after a timeout or a crash it does not, and a new instance is needed.
    public var isAlive: Bool {
        self.process.exitStatus == nil
    }

    /// The peak resident memory of the function's process (`VmHWM`), in bytes.
    public var peakMemoryBytes: Int? {
        self.process.peakMemoryBytes()
    }

    /// The process id of the function's process.
    public var processIdentifier: Int32 {
        self.process.processIdentifier
    }

    /// Sends SIGTERM, waits up to `grace` for the process to finish its invocation and exit, then kills it.
    /// - Returns: the process's exit status.
    @discardableResult
    public func stop(grace: Duration = .seconds(2)) async -> Int32 {
        self.process.send(signal: SIGTERM)
        let deadline = ContinuousClock.now + grace
        while self.process.exitStatus == nil, ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(5))
        }
        self.process.send(signal: SIGKILL)
        let finalStatus = await self.process.waitForExit()
        self.server.cancel()
        return finalStatus
    }

    /// Waits for the process to exit on its own and returns its status.
    public func waitForExit() async -> Int32 {
        await self.process.waitForExit()
    }

    /// Stops the process: SIGTERM, then SIGKILL if it does not exit in time.
    public func shutdown() async {
        await self.stop()
    }
}
