import Logging
import NIOCore
import Synchronization
import Testing

@testable import LambdaRuntime

/// The Runtime API loop of one worker against a scripted Runtime API: what it does around an invocation.
@Suite("Invocation worker")
struct InvocationWorkerTests {
    /// Answers `{}` and leaves work for after the response that records what the Runtime API had received by then.
    final class LeavingWorkForLater: ByteBufferLambdaHandler {
        let api: ScriptedRuntimeAPI
        let seenAfterResponse = Mutex<[String]?>(nil)

        init(api: ScriptedRuntimeAPI) { self.api = api }

        func handle(_ event: ByteBuffer, context: LambdaContext) async throws -> ByteBuffer {
            context.afterResponse {
                let received = self.api.received.map { "\($0.method) \($0.uri)" }
                self.seenAfterResponse.withLock { $0 = received }
            }
            return ByteBuffer(string: "{}")
        }
    }

    /// Records whether its code may block the thread it runs on, alone and beside a sibling task.
    final class ProbingThread: ByteBufferLambdaHandler {
        let mayBlock = Mutex<[Bool]>([])

        func handle(_ event: ByteBuffer, context: LambdaContext) async throws -> ByteBuffer {
            self.mayBlock.withLock { $0.append(InvocationThread.mayBlock) }
            async let sibling: Void = Task.yield()
            self.mayBlock.withLock { $0.append(InvocationThread.mayBlock) }
            await sibling
            return ByteBuffer(string: "{}")
        }
    }

    /// Serves one scripted invocation (`req-1`) with `handler` on a worker's thread, as the runtime does.
    /// - Returns: the worker's exit status: 1, as the script ends after the response.
    private func serveOneInvocation(
        with handler: some ByteBufferLambdaHandler, api: ScriptedRuntimeAPI
    ) async throws -> Int32 {
        let logger = Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }
        let server = InvocationServer(
            configuration: LambdaConfiguration(
                runtimeAPI: api.address, handlerName: "probe", function: FunctionMetadata(name: "probe")),
            executor: InvocationExecutor(handler: handler),
            logger: logger,
            watchdog: DeadlineWatchdog(runtimeAPI: api.address, logger: logger),
            traceIDEnvironment: nil
        )
        let connection = try RuntimeAPIConnection.connect(to: api.address)
        // The script ends after the response: the second `next` is answered 500 and the worker stops with status 1.
        let status = await withCheckedContinuation { (continuation: CheckedContinuation<Int32, Never>) in
            let started = WorkerThread.start {
                continuation.resume(
                    returning: InvocationWorker(
                        index: 0, connection: connection, server: server, executor: WorkerThreadExecutor()
                    ).run())
            }
            if !started { continuation.resume(returning: -1) }
        }
        connection.close()
        await api.stop()
        return status
    }

    private static func scriptOfOneInvocation() -> [ScriptedRuntimeAPI.Answer] {
        [
            RuntimeAPIClientTests.invocation(RuntimeAPIClientTests.validHeaders(requestID: "req-1")),
            .init(status: .accepted),
        ]
    }

    @Test func workLeftForAfterTheResponseRunsOnceTheResponseIsPostedAndBeforeTheNextInvocationIsAskedFor()
        async throws
    {
        let api = try await ScriptedRuntimeAPI.start(answering: Self.scriptOfOneInvocation())
        let handler = LeavingWorkForLater(api: api)
        #expect(try await self.serveOneInvocation(with: handler, api: api) == 1)
        let base = RuntimeAPIClientTests.base
        #expect(
            handler.seenAfterResponse.withLock { $0 }
                == ["GET \(base)/invocation/next", "POST \(base)/invocation/req-1/response"])
        #expect(api.received.count == 3, "the next invocation is asked for after the work ran")
    }

    /// A handler's code may block its thread in I/O (what the AWS client does there) while nothing else of the
    /// invocation waits for the thread, and may not while a sibling task does.
    @Test func aHandlerMayBlockItsThreadUnlessOtherWorkWaitsForIt() async throws {
        let api = try await ScriptedRuntimeAPI.start(answering: Self.scriptOfOneInvocation())
        let handler = ProbingThread()
        #expect(try await self.serveOneInvocation(with: handler, api: api) == 1)
        #expect(handler.mayBlock.withLock { $0 } == [true, false])
        #expect(!InvocationThread.mayBlock)
    }

    @Test func withoutTheRuntimeAPILoopWorkLeftForAfterTheResponseRunsAtOnce() {
        let ran = Mutex(false)
        LambdaContext.probe.afterResponse { ran.withLock { $0 = true } }
        #expect(ran.withLock { $0 })
    }
}

extension LambdaContext {
    /// A context made as a test makes one, with no Runtime API loop behind it.
    fileprivate static var probe: LambdaContext {
        LambdaContext(
            requestID: "req-1", invokedFunctionARN: "arn:aws:lambda:us-east-1:123456789012:function:probe",
            deadline: .after(.seconds(10)), function: FunctionMetadata(name: "probe"), isColdStart: false,
            logger: Logger(label: "test") { _ in SwiftLogNoOpLogHandler() })
    }
}
