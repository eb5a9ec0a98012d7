import Cloud
import Foundation
import LambdaRuntime
import LocalCloud
import Logging
import Middleware
import Synchronization

/// A SQLite store in a temporary file, a clock the test moves, and counters of how often operations ran.
final class IdempotencyFixture: Sendable {
    let directory: URL
    let store: SQLiteItemStore
    let clock = ManualClock()
    let runs = Mutex(0)

    init() throws {
        self.directory = FileManager.default.temporaryDirectory.appendingPathComponent("stratus-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: self.directory, withIntermediateDirectories: true)
        let clock = self.clock
        self.store = try SQLiteItemStore(
            path: self.directory.appendingPathComponent("store.sqlite").path,
            nowSeconds: { clock.nowMilliseconds / 1000 }
        )
    }

    deinit {
        try? FileManager.default.removeItem(at: self.directory)
    }

    func idempotency(_ configuration: IdempotencyConfiguration = IdempotencyConfiguration()) -> Idempotency {
        let clock = self.clock
        return Idempotency(store: self.store, scope: "orders", configuration: configuration,
            nowMilliseconds: { clock.nowMilliseconds })
    }

    var now: Int64 { self.clock.nowMilliseconds }

    func advance(by duration: Duration) {
        self.clock.advance(by: duration)
    }

    /// Counts a run and returns its number.
    func countRun() -> Int {
        self.runs.withLock { runs in
            runs += 1
            return runs
        }
    }

    var runCount: Int { self.runs.withLock { $0 } }

    /// A context whose deadline is `remaining` after the fixture's clock.
    func context(remaining: Duration = .seconds(3), logs: InMemoryLogSink = InMemoryLogSink()) -> LambdaContext {
        LambdaContext(
            requestID: "req-1",
            invokedFunctionARN: "arn:aws:lambda:us-east-1:123456789012:function:orders",
            deadline: LambdaDeadline(millisecondsSinceEpoch: self.now + remaining.components.seconds * 1000),
            function: FunctionMetadata(name: "orders"),
            isColdStart: false,
            logger: Logger(label: "test") { _ in LambdaLogHandler(sink: logs, logLevel: .info) }
        )
    }
}

/// A clock in milliseconds since the epoch that moves only when told to.
final class ManualClock: Sendable {
    private let milliseconds = Mutex<Int64>(1_800_000_000_000)

    var nowMilliseconds: Int64 { self.milliseconds.withLock { $0 } }

    func advance(by duration: Duration) {
        self.milliseconds.withLock { $0 += duration.wholeMilliseconds }
    }
}
