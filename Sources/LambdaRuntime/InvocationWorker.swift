import Logging
import NIOCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Serves invocations one after another over one Runtime API connection, on one thread (the process's main thread
/// for the first worker, a thread of its own for each other): it blocks in `next`, runs the handler's `async` work
/// on that same thread (``WorkerThreadExecutor``) and posts the outcome, with no hop to another thread on the way.
///
/// The worker's whole loop is one task, which the thread runs: blocking in `next` or in posting blocks only the
/// worker's own thread, which has nothing else to run meanwhile, and an invocation costs no task of its own (a task
/// made, scheduled and destroyed, and the memory its async frames need, allocated afresh each time, where one
/// long-lived task keeps reusing its own: 156,832 → 148,461 instructions in a warm `health` invocation).
final class InvocationWorker: Sendable {
    private let index: Int
    private let connection: RuntimeAPIConnection
    private let server: InvocationServer
    private let executor: WorkerThreadExecutor

    /// - Parameter executor: the executor of the thread that calls ``run()``.
    init(index: Int, connection: RuntimeAPIConnection, server: InvocationServer, executor: WorkerThreadExecutor) {
        self.index = index
        self.connection = connection
        self.server = server
        self.executor = executor
    }

    /// Serves until SIGTERM (status 0) or a broken Runtime API connection (status 1); blocks the calling thread.
    func run() -> Int32 {
        self.executor.run { await self.serveUntilStopped() }
    }

    private func serveUntilStopped() async -> Int32 {
        let client = RuntimeAPIClient(connection: self.connection)
        while self.server.shutdown.willWaitForNext(worker: self.index, on: self.connection) {
            let invocation: Invocation
            do {
                invocation = try client.nextInvocation()
            } catch let malformed where malformed.code == .malformedInvocation {
                self.server.shutdown.didReceiveInvocation(worker: self.index)
                guard self.refuse(malformed, with: client) else { return 1 }
                continue
            } catch {
                if self.server.shutdown.isDraining { return 0 }
                self.server.logger.critical("Lost the Runtime API: \(error)")
                return 1
            }
            self.server.shutdown.didReceiveInvocation(worker: self.index)
            do {
                guard try await self.serve(invocation, with: client) else { return 1 }
            } catch {
                self.server.logger.critical("Cannot report to the Runtime API: \(error)")
                return 1
            }
        }
        self.connection.close()
        return 0
    }

    /// Fails a malformed invocation with ``LambdaRuntimeError/Code/malformedInvocation`` when its request id can be reported to.
    /// - Returns: `false` when it cannot, and the process must end.
    private func refuse(_ malformed: LambdaRuntimeError, with client: RuntimeAPIClient) -> Bool {
        guard let requestID = malformed.requestID else {
            self.server.logger.critical("\(malformed)")
            return false
        }
        let metadata: Logger.Metadata = [LambdaContext.requestIDMetadataKey: "\(requestID)"]
        self.server.logger.error("\(malformed)", metadata: metadata)
        do {
            try client.report(.error(LambdaFunctionError(describing: malformed)), for: requestID)
        } catch let refused where refused.code == .reportRefused {
            self.server.logger.warning("\(refused)", metadata: metadata)
        } catch {
            self.server.logger.critical("Cannot report to the Runtime API: \(error)")
            return false
        }
        return true
    }

    /// Runs one invocation under its deadline, reports its outcome, then runs what the invocation left for after its
    /// response (``LambdaContext/afterResponse(_:)``).
    /// - Returns: `false` when the deadline won and the process is ending.
    private func serve(_ invocation: Invocation, with client: RuntimeAPIClient) async throws(LambdaRuntimeError)
        -> Bool
    {
        let metadata = invocation.metadata
        let settlement = FirstCallerFlag()
        let watchdogToken = self.server.watchdog.arm(for: metadata, settlement: settlement)
        let afterResponseWork = AfterResponseWork()
        let outcome: InvocationOutcome
        do {
            let context = try LambdaContext(
                metadata: metadata,
                function: self.server.configuration.function,
                isColdStart: self.server.coldStart.claim(),
                logger: self.server.logger,
                afterResponseWork: afterResponseWork
            )
            self.server.traceIDEnvironment?.export(metadata.traceID)
            outcome = await self.server.executor.invoke(event: invocation.event, context: context)
        } catch {
            outcome = .error(LambdaFunctionError(describing: error))
        }
        guard settlement.claim() else {
            // The deadline won: the watchdog is reporting the timeout and ends the process when it is sent.
            sleep(10)
            return false
        }
        self.server.watchdog.disarm(watchdogToken)
        do {
            try client.report(outcome, for: metadata.requestID)
        } catch let refused where refused.code == .reportRefused {
            self.server.logger.warning(
                "\(refused)", metadata: [LambdaContext.requestIDMetadataKey: "\(metadata.requestID)"])
        }
        afterResponseWork.runAll()
        return true
    }
}
