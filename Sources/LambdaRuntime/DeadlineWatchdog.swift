import Dispatch
import Logging
import Synchronization

/// Enforces invocation deadlines from a dispatch queue of its own, so that a handler blocking its thread cannot stop
/// it: at a deadline it reports `Sandbox.Timedout` over a fresh Runtime API connection and ends the process, so
/// that Lambda starts a new one.
///
/// Arming and disarming touch only a table: the watchdog's queue scans it every ``scanIntervalMilliseconds`` and schedules an
/// exact timer for any deadline due before the next scan, so an invocation that finishes in time costs no wake-up
/// of another thread. Dispatch starts the queue's thread only when the first scan is due, off the cold-start path;
/// invocations armed before it runs are caught by that scan.
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
        /// One entry per invocation under way: a few at most, so a list (a dictionary's first use costs a cold
        /// start a search of the conformance tables).
        var armed: [(id: UInt64, armed: Armed)] = []
    }

    static let scanIntervalMilliseconds = 100

    private let runtimeAPI: RuntimeAPIAddress
    private let logger: Logger
    private let table = Mutex(Table())
    private let queue = DispatchQueue(label: "stratus.deadline-watchdog")

    init(runtimeAPI: RuntimeAPIAddress, logger: Logger) {
        self.runtimeAPI = runtimeAPI
        self.logger = logger
    }

    /// Starts the scans; they run until the process ends.
    func start() {
        self.queue.async { self.scan() }
    }

    /// Watches one invocation until ``disarm(_:)``.
    func arm(for metadata: InvocationMetadata, settlement: FirstCallerFlag) -> Token {
        let armed = Armed(metadata: metadata, settlement: settlement, receivedAt: .now)
        return self.table.withLock { table in
            table.nextID &+= 1
            table.armed.append((table.nextID, armed))
            return Token(id: table.nextID)
        }
    }

    /// Stops watching an invocation that settled in time.
    func disarm(_ token: Token) {
        self.table.withLock { $0.armed.removeAll { $0.id == token.id } }
    }

    /// Schedules an exact timer for every deadline due before the next scan, and the next scan.
    private func scan() {
        self.queue.asyncAfter(deadline: .now() + .milliseconds(Self.scanIntervalMilliseconds)) { self.scan() }
        let horizon = WallClock.nowMilliseconds() + Int64(Self.scanIntervalMilliseconds)
        let due = self.table.withLock { table -> [Armed] in
            let split = table.armed.partition { $0.armed.metadata.deadline.millisecondsSinceEpoch <= horizon }
            defer { table.armed.removeSubrange(split...) }
            return table.armed[split...].map(\.armed)
        }
        for armed in due {
            let remaining = armed.metadata.deadline.millisecondsSinceEpoch - WallClock.nowMilliseconds()
            self.queue.asyncAfter(deadline: .now() + .milliseconds(Int(max(0, remaining)))) { self.fire(armed) }
        }
    }

    private func fire(_ armed: Armed) {
        guard armed.settlement.claim() else { return }
        let metadata = armed.metadata
        let report = LambdaFunctionError.timeout(after: ContinuousClock.now - armed.receivedAt)
        self.logger.error(
            "\(report.errorMessage)", metadata: [LambdaContext.requestIDMetadataKey: "\(metadata.requestID)"])
        // However the report goes, the process ends within two seconds.
        DispatchQueue.global().asyncAfter(deadline: .now() + .seconds(2)) { ProcessEnvironment.terminate(status: 1) }
        if let connection = try? RuntimeAPIConnection.connect(to: self.runtimeAPI) {
            try? RuntimeAPIClient(connection: connection).report(.error(report), for: metadata.requestID)
        }
        ProcessEnvironment.terminate(status: 1)
    }
}
