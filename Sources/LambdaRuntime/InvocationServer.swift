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
    ///
    /// SIGTERM's handler is installed first (a pipe and `signal`, no thread), so that a SIGTERM after the first
    /// invocation is never lost. Then the workers' threads start, straight from here: the first `next` goes out before
    /// the SIGTERM observer and the watchdog start their dispatch threads, and without a child task (a thread of the
    /// cooperative pool) to start each worker from, which cost a cold start about a millisecond of threads starting
    /// one another.
    /// - Parameter firstConnection: the first worker's connection, opened before the handler was made.
    func serve(firstConnection: RuntimeAPIConnection) async -> Int32 {
        let terminations = SignalObserver(signal: SIGTERM) {
            self.logger.info("SIGTERM received: finishing the invocations in flight")
            self.shutdown.drain()
        }
        let status = await withCheckedContinuation { (continuation: CheckedContinuation<Int32, Never>) in
            let exits = WorkerExits(workers: self.configuration.maxConcurrency) { continuation.resume(returning: $0) }
            for index in 0..<self.configuration.maxConcurrency {
                let connection = index == 0 ? firstConnection : nil
                if !WorkerThread.start({ exits.record(self.work(index: index, givenConnection: connection)) }) {
                    self.logger.critical("Worker \(index) cannot start a thread")
                    exits.record(1)
                }
            }
            terminations.startDelivering()
            self.watchdog.start()
        }
        terminations.cancel()
        return status
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
