import Logging
import NIOCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Serves invocations from the Runtime API with as many workers as the configuration allows, each on its own
/// connection, enforcing every invocation's deadline, until SIGTERM.
struct InvocationServer: Sendable {
    let configuration: LambdaConfiguration
    let executor: InvocationExecutor
    let logger: Logger
    private let coldStart = ColdStartFlag()
    private let shutdown = ShutdownCoordinator()

    init(configuration: LambdaConfiguration, executor: InvocationExecutor, logger: Logger) {
        self.configuration = configuration
        self.executor = executor
        self.logger = logger
    }

    /// Serves until SIGTERM (status 0) or a broken Runtime API connection (status 1).
    func serve(firstConnection: RuntimeAPIConnection, on eventLoop: any EventLoop) async -> Int32 {
        let terminations = SignalObserver(signal: SIGTERM)
        return await withTaskGroup(of: Int32?.self) { group in
            group.addTask {
                for await _ in terminations.signals {
                    self.logger.info("SIGTERM received: finishing the invocations in flight")
                    self.shutdown.drain()
                    return nil
                }
                return nil
            }
            let workers = await withTaskGroup(of: Int32.self) { workers in
                for worker in 0..<self.configuration.maxConcurrency {
                    workers.addTask {
                        await self.runWorker(worker, firstConnection: worker == 0 ? firstConnection : nil, on: eventLoop)
                    }
                }
                return await workers.reduce(into: Int32(0)) { status, workerStatus in status = max(status, workerStatus) }
            }
            terminations.cancel()
            group.cancelAll()
            return workers
        }
    }

    private func runWorker(_ worker: Int, firstConnection: RuntimeAPIConnection?, on eventLoop: any EventLoop) async -> Int32 {
        let connection: RuntimeAPIConnection
        if let firstConnection {
            connection = firstConnection
        } else {
            do {
                connection = try await RuntimeAPIConnection.connect(to: self.configuration.runtimeAPI, on: eventLoop)
            } catch {
                self.logger.critical("Worker \(worker) cannot reach the Runtime API: \(error)")
                return 1
            }
        }
        let client = RuntimeAPIClient(connection: connection)
        while self.shutdown.willWaitForNext(worker: worker, on: connection) {
            let invocation: Invocation
            do {
                invocation = try await client.nextInvocation()
            } catch {
                if self.shutdown.isDraining { return 0 }
                self.logger.critical("Lost the Runtime API: \(error)")
                return 1
            }
            self.shutdown.didReceiveInvocation(worker: worker)
            do {
                try await self.serve(invocation, with: client)
            } catch {
                self.logger.critical("Cannot report to the Runtime API: \(error)")
                return 1
            }
        }
        connection.close()
        return 0
    }

    /// Runs one invocation under its deadline and reports its outcome.
    private func serve(_ invocation: Invocation, with client: RuntimeAPIClient) async throws {
        let metadata = invocation.metadata
        let receivedAt = ContinuousClock.now
        let settlement = InvocationSettlement()
        let logger = self.logger
        let remaining = metadata.deadline.millisecondsSinceEpoch - WallClock.nowMilliseconds()
        let watchdog = client.connection.eventLoop.scheduleTask(in: .milliseconds(max(0, remaining))) {
            guard settlement.settle() else { return }
            let report = LambdaErrorReport.timeout(after: ContinuousClock.now - receivedAt)
            logger.error("\(report.errorMessage)", metadata: [LambdaContext.requestIDMetadataKey: "\(metadata.requestID)"])
            client.report(.error(report), for: metadata.requestID).whenComplete { _ in
                ProcessEnvironment.terminate(status: 1)
            }
            client.connection.eventLoop.scheduleTask(in: .seconds(2)) { ProcessEnvironment.terminate(status: 1) }
        }

        let outcome: InvocationOutcome
        do {
            let context = try LambdaContext(
                metadata: metadata,
                function: self.configuration.function,
                isColdStart: self.coldStart.take(),
                logger: logger
            )
            if self.configuration.maxConcurrency == 1 {
                ProcessEnvironment.exportTraceID(metadata.traceID)
            }
            outcome = await self.executor.invoke(event: invocation.event, context: context)
        } catch {
            outcome = .error(LambdaErrorReport(describing: error))
        }

        guard settlement.settle() else {
            // The deadline won: its report is on the way and the process is about to end.
            try await Task.sleep(for: .seconds(60))
            return
        }
        watchdog.cancel()
        do {
            try await client.report(outcome, for: metadata.requestID).get()
        } catch let rejection as RuntimeAPIRejection {
            logger.warning("\(rejection)", metadata: [LambdaContext.requestIDMetadataKey: "\(metadata.requestID)"])
        }
    }
}
