public import Cloud
public import LambdaRuntime
public import Logging
import NIOCore
import Synchronization

/// A function running inside this process: its handler is built once, on the first invocation, exactly as a
/// `bootstrap` process builds it at its cold start, and every invocation gets a full ``LambdaContext``.
///
/// The handler runs on the caller's thread until it first suspends, so a warm invocation costs no thread hop. The
/// deadline is enforced for a handler that awaits: the caller gets `Sandbox.Timedout` at the deadline, and the handler
/// is cancelled. Unlike a process, a handler that ignores cancellation cannot be stopped: it finishes in the
/// background and its result is dropped; one that blocks its thread without awaiting holds its caller until it
/// returns (run it as a process, `--process`, to have such a handler killed at its deadline).
public final class InProcessFunctionInstance: FunctionInstance {
    /// The function as the manifest declares it.
    public let function: Function
    /// The name, memory, region and log names the function's context reports.
    public let metadata: FunctionMetadata
    /// The function's ARN in the local account, which every invocation's context and trace carry: made once.
    public let functionARN: String
    private let environment: [String: String]
    private let ports: CloudPorts
    private let logSink: any LogSink
    private let logLevel: Logger.Level
    private let coldStart = FirstCallerFlag()
    private let initialization = Mutex<Task<(InvocationExecutor, Duration), any Error>?>(nil)
    /// The handler once it is built: a warm invocation takes it without awaiting the initialisation again.
    private let ready = Mutex<InvocationExecutor?>(nil)

    /// An instance of `function`, not yet initialised: the handler is built on the first invocation with `environment`
    /// and `ports`, and its lines go to `logSink` at `logLevel` and above.
    public init(
        function: Function,
        metadata: FunctionMetadata,
        environment: [String: String] = [:],
        ports: CloudPorts = .unconfigured("This function instance was given no store"),
        logSink: any LogSink,
        logLevel: Logger.Level = .info
    ) {
        self.function = function
        self.metadata = metadata
        self.functionARN = metadata.arn(account: LocalAccount.id)
        self.environment = environment
        self.ports = ports
        self.logSink = logSink
        self.logLevel = logLevel
    }

    /// Invokes the handler with the request's event bytes, building it first on a cold start; a failed
    /// initialisation, a thrown error or a passed deadline comes back as the outcome's error.
    public func invoke(_ request: InvocationRequest) async -> InvocationResult {
        let executor: InvocationExecutor
        let initDuration: Duration?
        do {
            (executor, initDuration) = try await self.initialize()
        } catch {
            return InvocationResult(
                requestID: request.requestID,
                outcome: .error(LambdaFunctionError(describing: error)),
                duration: .zero
            )
        }
        let started = ContinuousClock.now
        let outcome = await self.run(
            requestID: request.requestID, traceID: request.traceID,
            clientContext: request.clientContext, cognitoIdentity: request.cognitoIdentity,
            failed: InvocationOutcome.error
        ) { context in
            await executor.invoke(event: request.event, context: context)
        }
        return InvocationResult(
            requestID: request.requestID,
            outcome: outcome,
            duration: ContinuousClock.now - started,
            initDuration: initDuration
        )
    }

    /// Invokes the function with `event` as a value: a handler that takes `Event` gets it without the JSON round trip
    /// (its output comes back as a value); any other handler gets its JSON. The gateway's path for HTTP API events.
    public func invoke<Event: Encodable & Sendable>(
        value event: Event,
        requestID: String,
        traceID: String? = nil
    ) async -> InvocationValueOutcome {
        let executor: InvocationExecutor
        do {
            (executor, _) = try await self.initialize()
        } catch {
            return .outcome(.error(LambdaFunctionError(describing: error)))
        }
        return await self.run(
            requestID: requestID, traceID: traceID, clientContext: nil, cognitoIdentity: nil,
            failed: { .outcome(.error($0)) },
            work: { context in await executor.invoke(value: event, context: context) }
        )
    }

    /// Whether the handler is built: the next invocation is warm.
    public var isInitialized: Bool { self.ready.withLock { $0 != nil } }

    /// The peak resident memory of the process the function runs in, in bytes: in process, Lambda's figure is ours.
    public var peakMemoryBytes: Int? {
        MemoryStatus.peakResidentBytesOfCurrentProcess()
    }

    /// Does nothing: an in-process handler holds no process to end.
    public func shutdown() async {}

    private var logger: Logger {
        var logger = Logger(label: self.function.name) { [logSink] _ in
            LambdaLogHandler(sink: logSink, logLevel: .trace)
        }
        logger.logLevel = self.logLevel
        return logger
    }

    /// Builds the handler on first use. Returns the init duration only to the invocation that paid for it;
    /// a failed initialisation is tried again by the next invocation, as Lambda does.
    private func initialize() async throws -> (InvocationExecutor, Duration?) {
        if let executor = self.ready.withLock({ $0 }) { return (executor, nil) }
        let (task, isOwner) = self.initialization.withLock { slot in
            if let task = slot { return (task, false) }
            let context = LambdaInitializationContext(
                handlerName: self.function.name,
                function: self.metadata,
                environment: self.environment,
                logger: self.logger,
                logSink: self.logSink
            )
            let task = Task { [function, ports] in
                let started = ContinuousClock.now
                let handler = try await function.makeHandler(FunctionContext(initialization: context, ports: ports))
                return (InvocationExecutor(handler: handler), ContinuousClock.now - started)
            }
            slot = task
            return (task, true)
        }
        do {
            let (executor, duration) = try await task.value
            self.ready.withLock { $0 = executor }
            return (executor, isOwner ? duration : nil)
        } catch {
            self.initialization.withLock { $0 = nil }
            throw error
        }
    }

    /// Runs `work` with a fresh context and answers its result, or what `failed` makes of Lambda's report when the
    /// deadline passes first (or the context cannot be made).
    private func run<Outcome: Sendable>(
        requestID: String,
        traceID: String?,
        clientContext: String?,
        cognitoIdentity: String?,
        failed: @escaping @Sendable (LambdaFunctionError) -> Outcome,
        work: @escaping @Sendable (LambdaContext) async -> Outcome
    ) async -> Outcome {
        let metadata = InvocationMetadata(
            requestID: requestID,
            deadline: .after(self.function.timeout),
            invokedFunctionARN: self.functionARN,
            traceID: traceID,
            clientContext: clientContext,
            cognitoIdentity: cognitoIdentity
        )
        let context: LambdaContext
        do {
            context = try LambdaContext(
                metadata: metadata,
                function: self.metadata,
                isColdStart: self.coldStart.claim(),
                logger: self.logger
            )
        } catch {
            return failed(LambdaFunctionError(describing: error))
        }
        let timeout = self.function.timeout
        let remaining = metadata.deadline.remainingTime().components
        let settlement = FirstCallerFlag()
        let deadlines = InvocationDeadlines.shared
        return await withCheckedContinuation { continuation in
            // The handler starts on this thread, without a hop to another; its end or the deadline, whichever comes
            // first, answers the caller.
            let running = Task.immediate {
                let outcome = await work(context)
                deadlines.disarm(settlement)
                if settlement.claim() { continuation.resume(returning: outcome) }
            }
            // A handler that finished without suspending needs no watch; one still running is answered at its
            // deadline if it has not answered by then (a disarm that came first is repeated after arming).
            guard !settlement.isClaimed else { return }
            let deadline =
                NIODeadline.now() + .seconds(remaining.seconds) + .nanoseconds(remaining.attoseconds / 1_000_000_000)
            deadlines.arm(settlement, at: deadline) {
                guard settlement.claim() else { return }
                running.cancel()
                let report = LambdaFunctionError.timeout(after: timeout)
                context.logger.error("\(report.errorMessage)")
                continuation.resume(returning: failed(report))
            }
            if settlement.isClaimed { deadlines.disarm(settlement) }
        }
    }
}
