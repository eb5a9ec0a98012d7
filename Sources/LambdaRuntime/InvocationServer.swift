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

    /// Serves until SIGTERM (status 0) or a broken Runtime API connection (status 1), the calling thread serving as
    /// the first worker, and returns once every worker has ended.
    ///
    /// SIGTERM's handler is installed first (a pipe and `signal`, no thread), so that a SIGTERM after the first
    /// invocation is never lost. The other workers' threads start next; then a thread of its own starts the SIGTERM
    /// observer and the watchdog, whose dispatch threads start from it; and the calling thread goes straight on to the
    /// first `next`. No thread start, and no wake-up of another core for a new thread, stands between the handler
    /// being made and the first invocation.
    /// - Parameters:
    ///   - firstConnection: the first worker's connection, opened before the handler was made.
    ///   - executor: the calling thread's executor, which made the handler.
    func serve(firstConnection: RuntimeAPIConnection, executor: WorkerThreadExecutor) -> Int32 {
        let terminations = SignalObserver(signal: SIGTERM) {
            self.logger.info("SIGTERM received: finishing the invocations in flight")
            self.shutdown.drain()
        }
        // The calling thread is always a worker, whatever a configuration made in code asks for.
        let workers = max(self.configuration.maxConcurrency, 1)
        let exits = WorkerExits(workers: workers)
        for index in 1..<workers {
            let started = WorkerThread.start {
                exits.record(self.work(index: index, givenConnection: nil, executor: WorkerThreadExecutor()))
            }
            if !started {
                self.logger.critical("Worker \(index) cannot start a thread")
                exits.record(1)
            }
        }
        let startSupervision: @Sendable () -> Void = {
            terminations.startDelivering()
            self.watchdog.start()
        }
        if !WorkerThread.start(startSupervision) {
            startSupervision()
        }
        exits.record(self.work(index: 0, givenConnection: firstConnection, executor: executor))
        let status = exits.waitForAll()
        terminations.cancel()
        return status
    }

    /// One worker's whole life, on the thread `executor` belongs to: its connection (the first worker's is given),
    /// then its loop.
    private func work(index: Int, givenConnection: RuntimeAPIConnection?, executor: WorkerThreadExecutor) -> Int32 {
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
        return InvocationWorker(index: index, connection: connection, server: self, executor: executor).run()
    }
}
