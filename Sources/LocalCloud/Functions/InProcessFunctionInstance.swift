public import Cloud
public import LambdaRuntime
public import Logging
import Synchronization

/// A function running inside this process: its handler is built once, on the first invocation, exactly as a
/// `bootstrap` process builds it at its cold start, and every invocation gets a full ``LambdaContext``.
///
/// The deadline is enforced: the caller gets `Sandbox.Timedout` at the deadline. Unlike a process, a handler task
/// that ignores cancellation cannot be stopped; it finishes in the background and its result is dropped.
public final class InProcessFunctionInstance: FunctionInstance {
    public let function: Function
    public let metadata: FunctionMetadata
    private let environment: [String: String]
    private let ports: CloudPorts
    private let logSink: any LogSink
    private let logLevel: Logger.Level
    private let coldStart = ColdStartFlag()
    private let initialization = Mutex<Task<(InvocationExecutor, Duration), any Error>?>(nil)

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
        self.environment = environment
        self.ports = ports
        self.logSink = logSink
        self.logLevel = logLevel
    }

    public func invoke(_ request: InvocationRequest) async -> InvocationResult {
        let executor: InvocationExecutor
        let initDuration: Duration?
        do {
            (executor, initDuration) = try await self.initialize()
        } catch {
            return InvocationResult(
                requestID: request.requestID,
                outcome: .error(LambdaErrorReport(describing: error)),
                duration: .zero,
                peakMemoryBytes: MemoryStatus.peakResidentBytesOfCurrentProcess()
            )
        }
        let started = ContinuousClock.now
        let outcome = await self.run(request, on: executor)
        return InvocationResult(
            requestID: request.requestID,
            outcome: outcome,
            duration: ContinuousClock.now - started,
            initDuration: initDuration,
            peakMemoryBytes: MemoryStatus.peakResidentBytesOfCurrentProcess()
        )
    }

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
        let (task, isOwner) = self.initialization.withLock { slot in
            if let task = slot { return (task, false) }
            let context = LambdaInitializationContext(
                handlerName: self.function.name,
                function: self.metadata,
                environment: self.environment,
                logger: self.logger
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
            return (executor, isOwner ? duration : nil)
        } catch {
            self.initialization.withLock { $0 = nil }
            throw error
        }
    }

    private func run(_ request: InvocationRequest, on executor: InvocationExecutor) async -> InvocationOutcome {
        let metadata = InvocationMetadata(
            requestID: request.requestID,
            deadline: .after(self.function.timeout),
            invokedFunctionARN: self.metadata.arn(account: LocalAccount.id),
            traceID: request.traceID,
            clientContext: request.clientContext,
            cognitoIdentity: request.cognitoIdentity
        )
        let context: LambdaContext
        do {
            context = try LambdaContext(
                metadata: metadata,
                function: self.metadata,
                isColdStart: self.coldStart.take(),
                logger: self.logger
            )
        } catch {
            return .error(LambdaErrorReport(describing: error))
        }
        let timeout = self.function.timeout
        let settlement = InvocationSettlement()
        return await withCheckedContinuation { continuation in
            let work = Task { await executor.invoke(event: request.event, context: context) }
            let timer = Task {
                try? await Task.sleep(for: metadata.deadline.remainingTime())
                guard !Task.isCancelled, settlement.settle() else { return }
                work.cancel()
                let report = LambdaErrorReport.timeout(after: timeout)
                context.logger.error("\(report.errorMessage)")
                continuation.resume(returning: .error(report))
            }
            Task {
                let outcome = await work.value
                timer.cancel()
                if settlement.settle() { continuation.resume(returning: outcome) }
            }
        }
    }
}
