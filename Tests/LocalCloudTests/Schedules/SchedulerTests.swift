import Cloud
import Foundation
import JSONCoding
import LambdaEvents
import LocalCloud
import StratusTesting
import Synchronization
import Testing

/// The local scheduler on a manual clock: it fires at the schedule's times, inside the flexible window, never makes
/// up for runs missed while it was down, and does not repeat a run across a restart.
@Suite("Local scheduler")
struct SchedulerTests {
    let folder: TemporaryDirectory
    let history: ScheduleHistory

    init() throws {
        self.folder = try TemporaryDirectory()
        self.history = try ScheduleHistory(path: self.folder.path("schedules.json"))
    }

    static func schedule(
        _ expression: String, target: ScheduleTarget = .function("reports-daily"), input: JSONValue? = nil,
        window: FlexibleTimeWindow = .off
    ) throws -> Schedule {
        Schedule(
            name: "reports", expression: try ScheduleExpression(parsing: expression), target: target, input: input,
            flexibleTimeWindow: window)
    }

    func scheduler(
        _ schedules: [Schedule], clock: ObservedClock, invoker: RecordingScheduleInvoker,
        windowDelay: @escaping @Sendable (Int64) -> Int64 = { _ in 0 }
    ) throws -> Scheduler {
        try Scheduler(
            schedules: schedules, invoker: invoker, history: self.history, clock: clock,
            pollInterval: .milliseconds(2), windowDelay: windowDelay)
    }

    static func utc(_ text: String) throws -> Int64 {
        guard case .at(let time) = try ScheduleExpression(parsing: "at(\(text))") else { return 0 }
        return time.secondsSinceEpoch * 1000
    }

    @Test func firesEachRunWithTheScheduledEventEnvelope() async throws {
        let clock = try ObservedClock(utc: "2026-01-01T09:59:30")
        let invoker = RecordingScheduleInvoker(clock: clock)
        let scheduler = try self.scheduler([Self.schedule("cron(0/5 * * * ? *)")], clock: clock, invoker: invoker)
        try await whileRunning(scheduler) {
            try await clock.settle()
            #expect(invoker.deliveries.isEmpty)
            clock.advance(by: .seconds(30))
            try await eventually { invoker.deliveries.count == 1 }
            clock.advance(by: .seconds(299))
            try await clock.settle()
            #expect(invoker.deliveries.count == 1)
            clock.advance(by: .seconds(1))
            try await eventually { invoker.deliveries.count == 2 }
        }
        let events = try invoker.deliveries.map { try $0.event() }
        #expect(events.map(\.time) == ["2026-01-01T10:00:00Z", "2026-01-01T10:05:00Z"])
        #expect(events.allSatisfy { $0.source == "aws.events" && $0.detailType == "Scheduled Event" })
        #expect(events[0].resources == ["arn:aws:scheduler:us-east-1:123456789012:schedule/default/reports"])
        #expect(Set(events.map(\.id)).count == 2)
        #expect(invoker.deliveries.allSatisfy { $0.target == .function("reports-daily") && $0.schedule == "reports" })
        #expect(try self.history.lastFired("reports") == Self.utc("2026-01-01T10:05:00"))
    }

    @Test func aScheduleWithAnInputSendsItUnchangedToAQueue() async throws {
        let clock = try ObservedClock(utc: "2026-01-01T10:00:00")
        let invoker = RecordingScheduleInvoker(clock: clock)
        let schedule = try Self.schedule("rate(1 hour)", target: .queue("reminders"), input: ["kind": "reminder"])
        let scheduler = try self.scheduler([schedule], clock: clock, invoker: invoker)
        try await whileRunning(scheduler) {
            // A rate with no history runs at once, as a Scheduler rate without a start date does.
            try await eventually { invoker.deliveries.count == 1 }
        }
        #expect(invoker.deliveries[0].target == .queue("reminders"))
        #expect(JSONValue(parsing: invoker.deliveries[0].payload) == ["kind": "reminder"])
    }

    @Test func runsMissedWhileDownAreNotMadeUpFor() async throws {
        try self.history.record("reports", firedAt: Self.utc("2026-01-01T10:00:00"))
        let clock = try ObservedClock(utc: "2026-01-01T13:02:00")
        let invoker = RecordingScheduleInvoker(clock: clock)
        let scheduler = try self.scheduler([Self.schedule("cron(0/5 * * * ? *)")], clock: clock, invoker: invoker)
        try await whileRunning(scheduler) {
            try await clock.settle()
            #expect(invoker.deliveries.isEmpty)
            clock.advance(by: .seconds(180))
            try await eventually { invoker.deliveries.count == 1 }
        }
        #expect(try invoker.deliveries.map { try $0.event().time } == ["2026-01-01T13:05:00Z"])
    }

    @Test func aRestartWithinTheMinuteDoesNotRepeatTheRun() async throws {
        let clock = try ObservedClock(utc: "2026-01-01T10:00:00")
        let first = RecordingScheduleInvoker(clock: clock)
        let schedules = [try Self.schedule("cron(0/5 * * * ? *)")]
        try await whileRunning(try self.scheduler(schedules, clock: clock, invoker: first)) {
            try await eventually { first.deliveries.count == 1 }
        }
        clock.advance(by: .seconds(30))
        let second = RecordingScheduleInvoker(clock: clock)
        let restarted = try Scheduler(
            schedules: schedules, invoker: second, history: ScheduleHistory(path: self.history.path), clock: clock,
            pollInterval: .milliseconds(2))
        try await whileRunning(restarted) {
            try await clock.settle()
            #expect(second.deliveries.isEmpty)
            clock.advance(by: .seconds(270))
            try await eventually { second.deliveries.count == 1 }
        }
        #expect(try second.deliveries[0].event().time == "2026-01-01T10:05:00Z")
    }

    @Test func anAtScheduleFiresOnceAndIsThenDone() async throws {
        let clock = try ObservedClock(utc: "2026-01-01T10:00:00")
        let invoker = RecordingScheduleInvoker(clock: clock)
        let schedules = [try Self.schedule("at(2026-01-01T10:01:00)")]
        let scheduler = try self.scheduler(schedules, clock: clock, invoker: invoker)
        async let run: Void = scheduler.run()
        clock.advance(by: .seconds(60))
        await run  // returns by itself: the only schedule has no run left
        #expect(invoker.deliveries.count == 1)
        let again = RecordingScheduleInvoker(clock: clock)
        await (try self.scheduler(schedules, clock: clock, invoker: again)).run()
        #expect(again.deliveries.isEmpty)
    }

    @Test func aFlexibleWindowDelaysTheRunWithinTheWindow() async throws {
        let clock = try ObservedClock(utc: "2026-01-01T09:59:00")
        let invoker = RecordingScheduleInvoker(clock: clock)
        let windows = RecordedWindows()
        let schedule = try Self.schedule(
            "cron(0 10 * * ? *)", window: try #require(FlexibleTimeWindow.flexible(minutes: 15)))
        let scheduler = try self.scheduler([schedule], clock: clock, invoker: invoker) { window in
            windows.append(window)
            return window - 1
        }
        try await whileRunning(scheduler) {
            clock.advance(by: .seconds(60))
            try await clock.settle()
            clock.advance(by: .seconds(14 * 60 + 59) + .milliseconds(998))
            try await clock.settle()
            #expect(invoker.deliveries.isEmpty)
            clock.advance(by: .milliseconds(1))
            try await eventually { invoker.deliveries.count == 1 }
        }
        // One pick for this run, one for the next day's, which the scheduler waits for next.
        #expect(windows.values.prefix(2) == [900_000, 900_000])
        #expect(invoker.deliveries[0].clockReading == (try Self.utc("2026-01-01T10:15:00")) - 1)
        #expect(try invoker.deliveries[0].event().time == "2026-01-01T10:00:00Z")
    }

    @Test func theDefaultWindowDelayStaysInsideTheWindow() {
        let delays = (0..<1000).map { _ in Scheduler.randomDelay(within: 60_000) }
        #expect(delays.allSatisfy { (0..<60_000).contains($0) })
        #expect(Set(delays).count > 1)
        #expect(Scheduler.randomDelay(within: 1) == 0)
    }

    @Test func aHistoryFileThatIsNotOursIsRefused() throws {
        let path = self.folder.path("other.json")
        try Data("not json".utf8).write(to: URL(fileURLWithPath: path))
        #expect(throws: (any Error).self) { try ScheduleHistory(path: path) }
        try Data(count: ScheduleHistory.maximumFileBytes + 1).write(to: URL(fileURLWithPath: path))
        #expect(throws: (any Error).self) { try ScheduleHistory(path: path) }
    }

    @Test func disabledSchedulesNeverFireAndUnknownZonesAreRefused() async throws {
        let clock = try ObservedClock(utc: "2026-01-01T10:00:00")
        let invoker = RecordingScheduleInvoker(clock: clock)
        var disabled = try Self.schedule("rate(1 minute)")
        disabled.isEnabled = false
        await (try self.scheduler([disabled], clock: clock, invoker: invoker)).run()
        #expect(invoker.deliveries.isEmpty)
        var elsewhere = try Self.schedule("cron(0 10 * * ? *)")
        elsewhere.timeZoneIdentifier = "Nowhere/Town"
        #expect(throws: ScheduleExpressionError.self) {
            try self.scheduler([elsewhere], clock: clock, invoker: invoker)
        }
    }
}

/// The window lengths handed to a scheduler's delay picker.
final class RecordedWindows: Sendable {
    private let recorded = Mutex<[Int64]>([])

    var values: [Int64] { self.recorded.withLock { $0 } }

    func append(_ window: Int64) {
        self.recorded.withLock { $0.append(window) }
    }
}
