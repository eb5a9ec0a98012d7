import Cloud
import Foundation
import LambdaRuntime
import Logging
import Middleware
import StratusTesting
import Synchronization

/// An in-memory store and a clock the test moves (the store's time to live follows it), and counters of how often
/// operations ran.
final class IdempotencyFixture: Sendable {
    let store: InMemoryItemStore
    let clock: ManualClock
    let runs = Mutex(0)

    init() throws {
        let clock = ManualClock(nowMilliseconds: 1_800_000_000_000)
        self.clock = clock
        self.store = InMemoryItemStore(clock: clock)
    }

    func idempotency(_ configuration: IdempotencyConfiguration = IdempotencyConfiguration()) -> Idempotency {
        Idempotency(store: self.store, scope: "orders", configuration: configuration, clock: self.clock)
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
        .test(
            function: "orders",
            deadline: LambdaDeadline(millisecondsSinceEpoch: self.now + remaining.wholeMilliseconds),
            logSink: logs, logLevel: .info
        )
    }
}
