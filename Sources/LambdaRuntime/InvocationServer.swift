import Logging
import NIOCore
import NIOPosix

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Serves invocations from the Runtime API with as many workers as the configuration allows, each on its own
/// connection and event loop, with a watchdog on a further loop enforcing every deadline, until SIGTERM.
struct InvocationServer: Sendable {
    let configuration: LambdaConfiguration
    let executor: InvocationExecutor
    let logger: Logger
    let watchdog: DeadlineWatchdog
    let coldStart = FirstCallerFlag()
    /// Exported while one invocation runs at a time; with several, the process-wide variable could name only one.
    let traceIDEnvironment: TraceIDEnvironment?
    let shutdown = ShutdownCoordinator()

    /// Serves until SIGTERM (status 0) or a broken Runtime API connection (status 1).
    /// - Parameters:
    ///   - workerLoops: one event loop per worker; the first connection lives on the first of them.
    func serve(firstConnection: RuntimeAPIConnection, workerLoops: [any EventLoop]) async -> Int32 {
        let terminations = SignalObserver(signal: SIGTERM)
        return await withTaskGroup(of: Void.self) { group in
            group.addTask { self.watchdog.start() }
            group.addTask {
                for await _ in terminations.signals {
                    self.logger.info("SIGTERM received: finishing the invocations in flight")
                    self.shutdown.drain()
                    return
                }
            }
            let status = await withTaskGroup(of: Int32.self) { workers in
                for (index, eventLoop) in workerLoops.enumerated() {
                    workers.addTask(executorPreference: EventLoopTaskExecutor(eventLoop)) {
                        let connection: RuntimeAPIConnection
                        if index == 0 {
                            connection = firstConnection
                        } else {
                            do {
                                connection = try await RuntimeAPIConnection.connect(
                                    to: self.configuration.runtimeAPI, on: eventLoop)
                            } catch {
                                self.logger.critical("Worker \(index) cannot reach the Runtime API: \(error)")
                                return 1
                            }
                        }
                        return await InvocationWorker(index: index, connection: connection, server: self).run()
                    }
                }
                return await workers.reduce(into: Int32(0)) { status, workerStatus in status = max(status, workerStatus)
                }
            }
            terminations.cancel()
            group.cancelAll()
            return status
        }
    }
}
