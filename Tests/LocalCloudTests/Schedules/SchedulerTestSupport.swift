import Cloud
import Foundation
import LambdaEvents
import LocalCloud
import StratusTesting
import Synchronization

/// A target invoker that keeps what it was handed, with the clock's reading at the time.
final class RecordingScheduleInvoker: ScheduleTargetInvoker {
    /// One delivery.
    struct Delivery: Sendable {
        let payload: [UInt8]
        let target: ScheduleTarget
        let schedule: String
        let clockReading: Int64

        /// The payload decoded as the scheduled-event envelope.
        func event() throws -> ScheduledEvent {
            try JSONDecoder().decode(ScheduledEvent.self, from: Data(self.payload))
        }
    }

    private let clock: any Clock
    private let recorded = Mutex<[Delivery]>([])

    init(clock: any Clock) {
        self.clock = clock
    }

    var deliveries: [Delivery] { self.recorded.withLock { $0 } }

    func deliver(_ payload: [UInt8], to target: ScheduleTarget, schedule: String) async throws {
        let delivery = Delivery(
            payload: payload, target: target, schedule: schedule, clockReading: self.clock.nowMilliseconds)
        self.recorded.withLock { $0.append(delivery) }
    }
}

/// A ``ManualClock`` that counts how often it is read, so a test can tell the scheduler has looked at the time
/// since the clock last moved (and so would have fired a run that was due).
final class ObservedClock: Clock {
    let manual: ManualClock
    private let reads = Mutex(0)

    init(utc text: String) throws {
        guard case .at(let time) = try ScheduleExpression(parsing: "at(\(text))") else { throw CancellationError() }
        self.manual = ManualClock(nowMilliseconds: time.secondsSinceEpoch * 1000)
    }

    var nowMilliseconds: Int64 {
        self.reads.withLock { $0 += 1 }
        return self.manual.nowMilliseconds
    }

    /// Moves the clock forward.
    func advance(by duration: Duration) {
        self.manual.advance(by: duration)
    }

    /// Returns once the clock has been read twice more: a whole turn of the scheduler's waiting loop.
    func settle() async throws {
        let start = self.reads.withLock { $0 }
        try await eventually { self.reads.withLock { $0 } >= start + 2 }
    }
}

/// Runs `scheduler` while `body` runs, then cancels it.
func whileRunning<Result>(_ scheduler: Scheduler, _ body: () async throws -> Result) async throws -> Result {
    try await withThrowingTaskGroup(of: Void.self) { group in
        group.addTask { await scheduler.run() }
        defer { group.cancelAll() }
        return try await body()
    }
}
