import Logging

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Serves invocations from the Runtime API with as many workers as the configuration allows, each on its own
/// connection and thread, with a watchdog enforcing every deadline, until SIGTERM.
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
    /// - Parameter firstConnection: the first worker's connection, opened before the handler was made.
    func serve(firstConnection: RuntimeAPIConnection) async -> Int32 {
        let terminations = SignalObserver(signal: SIGTERM) {
            self.logger.info("SIGTERM received: finishing the invocations in flight")
            self.shutdown.drain()
        }
        defer { terminations.cancel() }
        self.watchdog.start()
        return await withTaskGroup(of: Int32.self) { workers in
            for index in 0..<self.configuration.maxConcurrency {
                workers.addTask {
                    let status = await WorkerThread.run {
                        self.work(index: index, givenConnection: index == 0 ? firstConnection : nil)
                    }
                    guard let status else {
                        self.logger.critical("Worker \(index) cannot start a thread")
                        return 1
                    }
                    return status
                }
            }
            return await workers.reduce(into: Int32(0)) { status, workerStatus in status = max(status, workerStatus) }
        }
    }

    /// One worker's whole life, on its own thread: its connection (the first worker's is given), then its loop.
    private func work(index: Int, givenConnection: RuntimeAPIConnection?) -> Int32 {
        let connection: RuntimeAPIConnection
        if let given = givenConnection {
            connection = given
        } else {
            do {
                connection = try RuntimeAPIConnection.connect(to: self.configuration.runtimeAPI)
            } catch {
                self.logger.critical("Worker \(index) cannot reach the Runtime API: \(error)")
                return 1
            }
        }
        return InvocationWorker(index: index, connection: connection, server: self).run()
    }
}
