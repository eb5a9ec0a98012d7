public import Cloud
public import Logging

/// The local cloud's EventBridge Scheduler: fires each enabled schedule at its times, through a
/// ``ScheduleTargetInvoker``, on the time of a ``Clock`` (tests move a manual clock instead of waiting).
///
/// Like Scheduler, it does not make up for time it was not running: on start the next run is the first one from
/// now, and a run whose flexible window closed while the process was stalled (a laptop asleep) is skipped. The
/// ``ScheduleHistory`` remembers each schedule's last run, so a restart within the same minute does not repeat it
/// and an `at` schedule that ran stays done.
public final class Scheduler: Sendable {
    /// A schedule with its zone, resolved once.
    private struct Entry: Sendable {
        let schedule: Schedule
        let zone: any ScheduleTimeZone
    }

    private let entries: [Entry]
    private let invoker: any ScheduleTargetInvoker
    private let clock: any Clock
    private let history: ScheduleHistory
    private let region: String
    private let pollInterval: Duration
    private let windowDelay: @Sendable (Int64) -> Int64
    private let logger: Logger

    /// A scheduler for `schedules`; throws when one names a time zone the database does not know.
    ///
    /// - Parameters:
    ///   - pollInterval: the longest real-time sleep between two looks at `clock`; the scheduler sleeps less when
    ///     the next run is nearer.
    ///   - windowDelay: picks a run's delay in milliseconds within a flexible window of the given length (by
    ///     default uniformly at random, from 0 up to but excluding the length).
    public init(
        schedules: [Schedule],
        invoker: some ScheduleTargetInvoker,
        history: ScheduleHistory,
        clock: any Clock = SystemClock(),
        region: String = "us-east-1",
        pollInterval: Duration = .seconds(1),
        windowDelay: @escaping @Sendable (Int64) -> Int64 = Scheduler.randomDelay(within:),
        logger: Logger = Logger(label: "stratus.scheduler")
    ) throws(ScheduleExpressionError) {
        var entries: [Entry] = []
        for schedule in schedules where schedule.isEnabled {
            entries.append(Entry(schedule: schedule, zone: try IANATimeZone.named(schedule.timeZoneIdentifier)))
        }
        self.entries = entries
        self.invoker = invoker
        self.history = history
        self.clock = clock
        self.region = region
        self.pollInterval = pollInterval
        self.windowDelay = windowDelay
        self.logger = logger
    }

    /// A delay picked uniformly at random from 0 up to but excluding `window` milliseconds (`window` > 0).
    public static func randomDelay(within window: Int64) -> Int64 {
        Int64.random(in: 0..<window)
    }

    /// Fires the schedules until the task is cancelled or none has a run left, then returns.
    public func run() async {
        await withDiscardingTaskGroup { group in
            for entry in self.entries {
                group.addTask { await self.drive(entry) }
            }
        }
    }

    /// Fires one schedule's runs, one after the other, until it has none left or the task is cancelled.
    private func drive(_ entry: Entry) async {
        let schedule = entry.schedule
        let window = schedule.flexibleTimeWindow.milliseconds
        let lastFired = self.history.lastFired(schedule.name)
        let start = self.clock.nowMilliseconds
        // A rate with no run yet starts now, as a Scheduler rate without a start date does.
        let anchor = lastFired ?? start
        var after = Self.noBackfillBound(lastFired: lastFired ?? .min, now: start, window: window)
        while let due = schedule.expression.fireTime(after: after, anchor: anchor, in: entry.zone) {
            let delay = window > 0 ? self.windowDelay(window) : 0
            guard await self.wait(until: due + delay) else { return }
            await self.fire(schedule, scheduledAt: due)
            after = Self.noBackfillBound(lastFired: due, now: self.clock.nowMilliseconds, window: window)
        }
    }

    /// The time after which the next run is looked for: after the last run, and not so far before `now` that the
    /// run's window has already closed (those runs are missed, not made up for).
    private static func noBackfillBound(lastFired: Int64, now: Int64, window: Int64) -> Int64 {
        max(lastFired, now - window - 1)
    }

    /// Sleeps until `clock` reads `milliseconds` or later; `false` when the task was cancelled first.
    private func wait(until milliseconds: Int64) async -> Bool {
        while true {
            let remaining = milliseconds - self.clock.nowMilliseconds
            if remaining <= 0 { return true }
            do {
                try await Task.sleep(for: min(self.pollInterval, .milliseconds(remaining)))
            } catch {
                return false
            }
        }
    }

    /// Delivers one run and records it; a failed delivery is logged, and the run still counts as done.
    private func fire(_ schedule: Schedule, scheduledAt due: Int64) async {
        do {
            let payload = try ScheduledEventPayload.bytes(for: schedule, scheduledAt: due, region: self.region)
            try await self.invoker.deliver(payload, to: schedule.target, schedule: schedule.name)
        } catch {
            self.logger.error(
                "Schedule delivery failed", metadata: ["schedule": "\(schedule.name)", "error": "\(error)"])
        }
        do {
            try self.history.record(schedule.name, firedAt: due)
        } catch {
            self.logger.error(
                "Schedule history not saved", metadata: ["schedule": "\(schedule.name)", "error": "\(error)"])
        }
    }
}
