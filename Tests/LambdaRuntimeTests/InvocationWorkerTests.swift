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

    @Test func workLeftForAfterTheResponseRunsOnceTheResponseIsPostedAndBeforeTheNextInvocationIsAskedFor()
        async throws
    {
        let api = try await ScriptedRuntimeAPI.start(answering: [
            RuntimeAPIClientTests.invocation(RuntimeAPIClientTests.validHeaders(requestID: "req-1")),
            .init(status: .accepted),
        ])
        let handler = LeavingWorkForLater(api: api)
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
                continuation.resume(returning: InvocationWorker(index: 0, connection: connection, server: server).run())
            }
            if !started { continuation.resume(returning: -1) }
        }
        connection.close()
        await api.stop()
        #expect(status == 1)
        let base = RuntimeAPIClientTests.base
        #expect(
            handler.seenAfterResponse.withLock { $0 }
                == ["GET \(base)/invocation/next", "POST \(base)/invocation/req-1/response"])
        #expect(api.received.count == 3, "the next invocation is asked for after the work ran")
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
