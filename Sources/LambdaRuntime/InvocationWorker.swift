import Logging
import NIOCore

/// Serves invocations one after another over one Runtime API connection, isolated to that connection's event loop:
/// receiving the event, running the handler and posting its outcome happen on one thread, with no hop in between.
actor InvocationWorker {
    nonisolated let unownedExecutor: UnownedSerialExecutor
    private let index: Int
    private let connection: RuntimeAPIConnection
    private let server: InvocationServer

    init(index: Int, connection: RuntimeAPIConnection, server: InvocationServer) {
        self.index = index
        self.connection = connection
        self.server = server
        self.unownedExecutor = connection.eventLoop.executor.asUnownedSerialExecutor()
    }

    /// Serves until SIGTERM (status 0) or a broken Runtime API connection (status 1).
    func run() async -> Int32 {
        let client = RuntimeAPIClient(connection: self.connection)
        while self.server.shutdown.willWaitForNext(worker: self.index, on: self.connection) {
            let invocation: Invocation
            do {
                invocation = try await client.nextInvocation()
            } catch let malformed as LambdaRuntimeError where malformed.code == .malformedInvocation {
                self.server.shutdown.didReceiveInvocation(worker: self.index)
                guard await self.refuse(malformed, with: client) else { return 1 }
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
    private func refuse(_ malformed: LambdaRuntimeError, with client: RuntimeAPIClient) async -> Bool {
        guard let requestID = malformed.requestID else {
            self.server.logger.critical("\(malformed)")
            return false
        }
        let metadata: Logger.Metadata = [LambdaContext.requestIDMetadataKey: "\(requestID)"]
        self.server.logger.error("\(malformed)", metadata: metadata)
        do {
            try await client.report(.error(LambdaFunctionError(describing: malformed)), for: requestID).value()
        } catch let refused as LambdaRuntimeError where refused.code == .reportRefused {
            self.server.logger.warning("\(refused)", metadata: metadata)
        } catch {
            self.server.logger.critical("Cannot report to the Runtime API: \(error)")
            return false
        }
        return true
    }

    /// Runs one invocation under its deadline and reports its outcome.
    /// - Returns: `false` when the deadline won and the process is ending.
    private func serve(_ invocation: Invocation, with client: RuntimeAPIClient) async throws -> Bool {
        let metadata = invocation.metadata
        let settlement = FirstCallerFlag()
        let watchdogToken = self.server.watchdog.arm(for: metadata, settlement: settlement)
        let outcome: InvocationOutcome
        do {
            let context = try LambdaContext(
                metadata: metadata,
                function: self.server.configuration.function,
                isColdStart: self.server.coldStart.claim(),
                logger: self.server.logger
            )
            self.server.traceIDEnvironment?.export(metadata.traceID)
            outcome = await self.server.executor.invoke(event: invocation.event, context: context)
        } catch {
            outcome = .error(LambdaFunctionError(describing: error))
        }
        guard settlement.claim() else {
            // The deadline won: the watchdog is reporting the timeout and ends the process when it is sent.
            try? await Task.sleep(for: .seconds(10))
            return false
        }
        self.server.watchdog.disarm(watchdogToken)
        do {
            try await client.report(outcome, for: metadata.requestID).value()
        } catch let refused as LambdaRuntimeError where refused.code == .reportRefused {
            self.server.logger.warning(
                "\(refused)", metadata: [LambdaContext.requestIDMetadataKey: "\(metadata.requestID)"])
        }
        return true
    }
}
