import Logging
import NIOCore
import NIOPosix
import Synchronization

/// Enforces invocation deadlines from an event loop of its own, so that a handler blocking its thread cannot stop
/// it: at a deadline it reports `Sandbox.Timedout` over a fresh Runtime API connection and ends the process, so
/// that Lambda starts a new one.
///
/// Arming and disarming touch only a table: the watchdog's loop scans it every ``scanInterval`` and schedules an
/// exact timer for any deadline due before the next scan, so an invocation that finishes in time costs no wake-up
/// of another thread. The loop's thread starts off the cold-start path (``start()``); invocations armed before it
/// runs are caught by its first scan.
final class DeadlineWatchdog: Sendable {
    /// A handle to disarm the watchdog for one invocation.
    struct Token: Sendable {
        fileprivate let id: UInt64
    }

    private struct Armed: Sendable {
        var metadata: InvocationMetadata
        var settlement: FirstCallerFlag
        var receivedAt: ContinuousClock.Instant
    }

    private struct Table {
        var nextID: UInt64 = 0
        var armed: [UInt64: Armed] = [:]
    }

    static let scanInterval: TimeAmount = .milliseconds(100)

    private let runtimeAPI: RuntimeAPIAddress
    private let logger: Logger
    private let table = Mutex(Table())

    init(runtimeAPI: RuntimeAPIAddress, logger: Logger) {
        self.runtimeAPI = runtimeAPI
        self.logger = logger
    }

    /// Starts the watchdog's own event loop and its scans; they run until the process ends.
    func start() {
        let eventLoop = MultiThreadedEventLoopGroup(numberOfThreads: 1).next()
        eventLoop.scheduleRepeatedTask(initialDelay: .zero, delay: Self.scanInterval) { _ in
            self.scan(on: eventLoop)
        }
    }

    /// Watches one invocation until ``disarm(_:)``.
    func arm(for metadata: InvocationMetadata, settlement: FirstCallerFlag) -> Token {
        let armed = Armed(metadata: metadata, settlement: settlement, receivedAt: .now)
        return self.table.withLock { table in
            table.nextID &+= 1
            table.armed[table.nextID] = armed
            return Token(id: table.nextID)
        }
    }

    /// Stops watching an invocation that settled in time.
    func disarm(_ token: Token) {
        _ = self.table.withLock { $0.armed.removeValue(forKey: token.id) }
    }

    /// Schedules an exact timer for every deadline due before the next scan.
    private func scan(on eventLoop: any EventLoop) {
        let horizon = WallClock.nowMilliseconds() + Int64(Self.scanInterval.nanoseconds / 1_000_000)
        let due = self.table.withLock { table -> [Armed] in
            let ids = table.armed.filter { $0.value.metadata.deadline.millisecondsSinceEpoch <= horizon }.map(\.key)
            return ids.compactMap { table.armed.removeValue(forKey: $0) }
        }
        for armed in due {
            let remaining = armed.metadata.deadline.millisecondsSinceEpoch - WallClock.nowMilliseconds()
            eventLoop.scheduleTask(in: .milliseconds(max(0, remaining))) { self.fire(armed, on: eventLoop) }
        }
    }

    private func fire(_ armed: Armed, on eventLoop: any EventLoop) {
        guard armed.settlement.claim() else { return }
        let metadata = armed.metadata
        let report = LambdaFunctionError.timeout(after: ContinuousClock.now - armed.receivedAt)
        self.logger.error(
            "\(report.errorMessage)", metadata: [LambdaContext.requestIDMetadataKey: "\(metadata.requestID)"])
        eventLoop.scheduleTask(in: .seconds(2)) { ProcessEnvironment.terminate(status: 1) }
        RuntimeAPIConnection.connecting(to: self.runtimeAPI, on: eventLoop)
            .flatMap { RuntimeAPIClient(connection: $0).report(.error(report), for: metadata.requestID) }
            .whenComplete { _ in ProcessEnvironment.terminate(status: 1) }
    }
}
