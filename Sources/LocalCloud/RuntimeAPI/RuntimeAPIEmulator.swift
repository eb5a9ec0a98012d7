import HTTPTypes
import Hummingbird
public import LambdaRuntime
import Logging
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
public final class RuntimeAPIEmulator: Sendable {
    /// The function whose invocations the emulator serves.
    public let function: FunctionMetadata
    /// How long an invocation may run before its deadline.
    public let timeout: Duration
    /// How long after the deadline the emulator waits for the runtime's own report before declaring the timeout.
    public let timeoutGrace: Duration
    /// The AWS account ID in the invoked function ARN.
    public let accountID: String
    private let host: String
    private let port: Int
    private let state: RuntimeAPIState
    private let onTimeout: @Sendable (String) -> Void
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
        self.function = function
        self.timeout = timeout
        self.timeoutGrace = timeoutGrace
        self.accountID = accountID
        self.host = host
        self.port = port
        self.state = RuntimeAPIState(timeout: timeout, concurrency: max(1, concurrency))
        self.onTimeout = onTimeout
        self.address = MultiThreadedEventLoopGroup.singleton.any().makePromise(of: RuntimeAPIAddress.self)
    }

    /// The function's ARN, as the runtime receives it in `Lambda-Runtime-Invoked-Function-Arn`.
    public var functionARN: String {
        self.function.arn(account: self.accountID)
    }

    /// Serves the Runtime API until the surrounding task is cancelled.
    public func run() async throws {
        let application = Application(
            router: self.makeRouter(),
            configuration: .init(address: .hostname(self.host, port: self.port), serverName: nil),
            onServerRunning: { [address] channel in
                if let port = channel.localAddress?.port {
                    address.succeed(RuntimeAPIAddress(host: self.host, port: port))
                }
            },
            logger: Logger(label: "stratus.runtime-api", factory: { _ in SwiftLogNoOpLogHandler() })
        )
        do {
            try await application.run()
            self.address.fail(CancellationError())
        } catch {
            self.address.fail(error)
            throw error
        }
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

    private func makeRouter() -> Router<BasicRequestContext> {
        let router = Router()
        let base = "/2018-06-01/runtime"
        router.get("\(base)/invocation/next") { _, _ in
            await self.answerNext()
        }
        router.post("\(base)/invocation/:requestID/response") { request, context in
            let requestID = context.parameters.get("requestID") ?? ""
            return await self.accept(request) { (body, size) throws(RuntimeAPIRequestError) in
                if size > LambdaLimits.maxResponseBytes {
                    try self.state.complete(requestID: requestID, with: .error(.responseTooLarge(bytes: size)))
                    throw RuntimeAPIRequestError.payloadTooLarge(size)
                }
                try self.state.complete(requestID: requestID, with: .response(body))
            }
        }
        router.post("\(base)/invocation/:requestID/error") { request, context in
            let requestID = context.parameters.get("requestID") ?? ""
            return await self.accept(request) { (body, _) throws(RuntimeAPIRequestError) in
                try self.state.complete(requestID: requestID, with: .error(Self.errorReport(body, request: request)))
            }
        }
        router.post("\(base)/init/error") { request, _ in
            await self.accept(request) { (body, _) throws(RuntimeAPIRequestError) in
                try self.state.failInitialization(Self.errorReport(body, request: request))
            }
        }
        return router
    }

    private func answerNext() async -> Response {
        switch await self.state.nextInvocation() {
        case .refused(let refusal):
            return Self.refusalResponse(refusal)
        case .invocation(let request, let deadline):
            self.watch(requestID: request.requestID, deadline: deadline)
            var headers = HTTPFields()
            headers[.contentType] = "application/json"
            headers[Self.field(RuntimeAPIHeader.requestID)] = request.requestID
            headers[Self.field(RuntimeAPIHeader.deadline)] = String(deadline.millisecondsSinceEpoch)
            headers[Self.field(RuntimeAPIHeader.invokedFunctionARN)] = self.functionARN
            headers[Self.field(RuntimeAPIHeader.traceID)] = request.traceID ?? XRayTraceHeader.unsampled().description
            if let clientContext = request.clientContext {
                headers[Self.field(RuntimeAPIHeader.clientContext)] = clientContext
            }
            if let cognitoIdentity = request.cognitoIdentity {
                headers[Self.field(RuntimeAPIHeader.cognitoIdentity)] = cognitoIdentity
            }
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: request.event))
        }
    }

    /// Declares the timeout when the runtime has not answered `timeoutGrace` after the deadline.
    private func watch(requestID: String, deadline: LambdaDeadline) {
        let wait = deadline.remainingTime() + self.timeoutGrace
        Task {
            try? await Task.sleep(for: wait)
            if self.state.expire(requestID: requestID) {
                self.onTimeout(requestID)
            }
        }
    }

    /// Reads a report's whole body, keeping at most the response limit but counting every byte, and applies it.
    private func accept(
        _ request: Request,
        apply: (_ body: ByteBuffer, _ size: Int) throws(RuntimeAPIRequestError) -> Void
    ) async -> Response {
        var body = ByteBuffer()
        var size = 0
        do {
            for try await chunk in request.body {
                size += chunk.readableBytes
                if size <= LambdaLimits.maxResponseBytes {
                    var chunk = chunk
                    body.writeBuffer(&chunk)
                }
            }
        } catch {
            return Self.refusalResponse(.invalidStateTransition("the request body could not be read"))
        }
        do {
            try apply(body, size)
            var headers = HTTPFields()
            headers[.contentType] = "application/json"
            return Response(
                status: .accepted, headers: headers, body: .init(byteBuffer: ByteBuffer(string: #"{"status":"OK"}"#)))
        } catch {
            return Self.refusalResponse(error)
        }
    }

    private static func errorReport(_ body: ByteBuffer, request: Request) -> LambdaFunctionError {
        let headerType = request.headers[Self.field(RuntimeAPIHeader.functionErrorType)]
        if let report = try? JSONDecoder().decode(ErrorRequestBody.self, from: Data(body.readableBytesView)) {
            return LambdaFunctionError(
                errorMessage: report.errorMessage ?? "",
                errorType: report.errorType ?? headerType ?? "Unhandled",
                stackTrace: report.stackTrace ?? []
            )
        }
        return LambdaFunctionError(errorMessage: String(buffer: body), errorType: headerType ?? "Unhandled")
    }

    private static func refusalResponse(_ refusal: RuntimeAPIRequestError) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/json"
        let body = (try? JSONEncoder().encode(refusal.report)).map { ByteBuffer(bytes: $0) } ?? ByteBuffer()
        return Response(status: .init(code: refusal.status), headers: headers, body: .init(byteBuffer: body))
    }

    private static func field(_ name: String) -> HTTPField.Name {
        HTTPField.Name(name)!
    }
}

/// An error report as runtimes send it, where every field may be missing.
private struct ErrorRequestBody: Decodable {
    var errorMessage: String?
    var errorType: String?
    var stackTrace: [String]?
}
