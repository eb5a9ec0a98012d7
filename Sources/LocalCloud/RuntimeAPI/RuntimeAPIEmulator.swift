public import LambdaRuntime
import NIOCore
import NIOPosix
import Observability

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Lambda's Runtime API for one function instance, served on loopback: the same endpoints, headers, deadlines and
/// error reports as on Lambda, so that any faithful runtime (our `bootstrap`, AWS's `awslambdaric`) runs against it.
///
/// One invocation is in flight at a time, or up to `concurrency` for a runtime that serves several at once
/// (`AWS_LAMBDA_MAX_CONCURRENCY`, Lambda Managed Instances). An invocation still unanswered ``timeoutGrace`` after its deadline fails
/// with `Sandbox.Timedout`, and ``onTimeout`` lets the owner end the instance as Lambda would.
///
/// Each runtime connection is served by a thread of its own that blocks in `recv` (``RuntimeAPIConnection``), as
/// the runtime's loop does on its side: a poll of `next` is answered by the thread that invokes when it waits, and a
/// report completes its caller on the connection's thread. A caller that prefers ``executor`` while it invokes runs
/// on that thread, so that a warm round trip wakes no thread but the runtime's and the connection's.
public final class RuntimeAPIEmulator: Sendable {
    /// The function whose invocations the emulator serves.
    public let function: FunctionMetadata
    /// How long an invocation may run before its deadline.
    public let timeout: Duration
    /// How long after the deadline the emulator waits for the runtime's own report before declaring the timeout.
    public let timeoutGrace: Duration
    /// The AWS account ID in the invoked function ARN.
    public let accountID: String
    /// The function's ARN, as the runtime receives it in `Lambda-Runtime-Invoked-Function-Arn`.
    public let functionARN: String
    /// Runs tasks on the thread of the connection that resumed them: prefer it (`withTaskExecutorPreference`) around
    /// a run of invocations to save two thread switches on each.
    package var executor: RuntimeAPITaskExecutor { .shared }
    private let host: String
    private let port: Int
    private let state: RuntimeAPIState
    private let address: EventLoopPromise<RuntimeAPIAddress>

    /// An emulator for `function` on `host:port` (port 0 picks a free one); `onTimeout` gets the request ID of
    /// each invocation that timed out.
    public init(
        function: FunctionMetadata,
        timeout: Duration,
        timeoutGrace: Duration = .milliseconds(250),
        accountID: String = LocalAccount.id,
        host: String = "127.0.0.1",
        port: Int = 0,
        concurrency: Int = 1,
        onTimeout: @escaping @Sendable (String) -> Void = { _ in }
    ) {
        // Deadlines are kept on an event loop's timers; the connections have threads of their own.
        let eventLoop = MultiThreadedEventLoopGroup.singleton.any()
        self.function = function
        self.timeout = timeout
        self.timeoutGrace = timeoutGrace
        self.accountID = accountID
        self.functionARN = function.arn(account: accountID)
        self.host = host
        self.port = port
        self.state = RuntimeAPIState(
            timeout: timeout,
            timeoutGrace: timeoutGrace,
            concurrency: max(1, concurrency),
            timers: eventLoop,
            onTimeout: onTimeout
        )
        self.address = eventLoop.makePromise(of: RuntimeAPIAddress.self)
    }

    /// Serves the Runtime API until the surrounding task is cancelled, then closes its socket and connections.
    public func run() async throws {
        let listener: RuntimeAPIListener
        do {
            listener = try RuntimeAPIListener(host: self.host, port: self.port)
            try listener.start(serving: self)
        } catch {
            self.address.fail(error)
            throw error
        }
        self.address.succeed(RuntimeAPIAddress(host: self.host, port: listener.port))
        let (cancelled, cancel) = AsyncStream.makeStream(of: Never.self)
        await withTaskCancellationHandler {
            for await _ in cancelled {}
        } onCancel: {
            cancel.finish()
        }
        listener.stop()
    }

    /// Where the Runtime API listens (`AWS_LAMBDA_RUNTIME_API`), once ``run()`` has bound it.
    public func listeningAddress() async throws -> RuntimeAPIAddress {
        try await self.address.futureResult.get()
    }

    /// Invokes the function and waits for the outcome, however long the runtime takes to start.
    public func invoke(_ request: InvocationRequest) async -> InvocationResult {
        let (outcome, duration) = await self.state.invoke(request)
        return InvocationResult(requestID: request.requestID, outcome: outcome, duration: duration)
    }

    /// Tells the emulator that the runtime is gone: whatever waits for it fails with `report`
    /// (Lambda's `Runtime.ExitError` when its process exited).
    public func runtimeGone(_ report: LambdaFunctionError) {
        self.state.close(reporting: report)
    }

    /// Returns once the runtime waits in `/invocation/next` with nothing to hand it (or is gone): where a benchmark
    /// starts the clock of a warm invocation.
    package func untilRuntimeWaits() async {
        await self.state.untilRuntimeWaits()
    }

    /// When the runtime first asked for an invocation, which ends its initialisation.
    public var initializationEndedAt: ContinuousClock.Instant? {
        self.state.firstPollAt
    }

    /// How many invocations wait for the runtime to ask for them: what a test waits for before it acts on a
    /// waiting invocation.
    package var queuedInvocationCount: Int {
        self.state.queuedCount
    }

    /// The failure the runtime reported to `/init/error`, if any.
    public var initializationFailure: LambdaFunctionError? {
        self.state.initFailure
    }

    /// Serves one request of a runtime's connection: the answer to write once the tasks the request resumed have run
    /// (a caller gets its result before the runtime gets its `202`, as the minimal Runtime API reads its clock first),
    /// or `nil` when `reply` gets it later (a poll of `next` waiting for an invocation).
    func serve(_ request: RuntimeAPIHTTPRequest, reply: RuntimeAPIReply) -> RuntimeAPIResponse? {
        let body = request.body
        switch RuntimeAPIRoute(method: request.method, target: request.target) {
        case nil:
            return .notFound(request.target)
        case .next:
            self.state.nextInvocation { poll in reply.send(self.answer(poll)) }
            return nil
        case .response(let requestID):
            return self.accept { () throws(RuntimeAPIRequestError) in
                if request.size > LambdaLimits.maxResponseBytes {
                    try self.state.complete(
                        requestID: requestID, with: .error(.responseTooLarge(bytes: request.size)))
                    throw RuntimeAPIRequestError.payloadTooLarge(request.size)
                }
                try self.state.complete(requestID: requestID, with: .response(body))
            }
        case .error(let requestID):
            return self.accept { () throws(RuntimeAPIRequestError) in
                try self.state.complete(
                    requestID: requestID,
                    with: .error(Self.errorReport(body, functionErrorType: request.functionErrorType)))
            }
        case .initError:
            return self.accept { () throws(RuntimeAPIRequestError) in
                try self.state.failInitialization(
                    Self.errorReport(body, functionErrorType: request.functionErrorType))
            }
        }
    }

    /// The answer to a poll of `next`: the event with Lambda's headers, or the refusal.
    private func answer(_ poll: RuntimeAPIState.Poll) -> RuntimeAPIResponse {
        switch poll {
        case .refused(let refusal):
            return .refusal(refusal)
        case .invocation(let request, let deadline):
            var headers: [(name: String, value: String)] = [
                (RuntimeAPIHeader.requestID, request.requestID),
                (RuntimeAPIHeader.deadline, String(deadline.millisecondsSinceEpoch)),
                (RuntimeAPIHeader.invokedFunctionARN, self.functionARN),
                (RuntimeAPIHeader.traceID, request.traceID ?? XRayTraceHeader.unsampled().description),
            ]
            if let clientContext = request.clientContext {
                headers.append((RuntimeAPIHeader.clientContext, clientContext))
            }
            if let cognitoIdentity = request.cognitoIdentity {
                headers.append((RuntimeAPIHeader.cognitoIdentity, cognitoIdentity))
            }
            return RuntimeAPIResponse(status: .ok, headers: headers, body: request.event)
        }
    }

    /// Applies a report and answers `202 Accepted`, or the refusal when the protocol does not allow it.
    private func accept(_ apply: () throws(RuntimeAPIRequestError) -> Void) -> RuntimeAPIResponse {
        do {
            try apply()
            return .accepted
        } catch {
            return .refusal(error)
        }
    }

    private static func errorReport(_ body: ByteBuffer, functionErrorType headerType: String?) -> LambdaFunctionError {
        if let report = try? JSONDecoder().decode(ErrorRequestBody.self, from: Data(body.readableBytesView)) {
            return LambdaFunctionError(
                errorMessage: report.errorMessage ?? "",
                errorType: report.errorType ?? headerType ?? "Unhandled",
                stackTrace: report.stackTrace ?? []
            )
        }
        return LambdaFunctionError(errorMessage: String(buffer: body), errorType: headerType ?? "Unhandled")
    }
}

/// An error report as runtimes send it, where every field may be missing.
private struct ErrorRequestBody: Decodable {
    var errorMessage: String?
    var errorType: String?
    var stackTrace: [String]?
}
