public import Cloud
public import Logging

/// What invokes an app's functions besides the gateway, on any ``MessageQueue``: a ``QueuePoller`` per queue
/// trigger of the manifest, and the ``Scheduler`` of its schedules (which invoke functions or send to queues). The
/// local cloud runs them on its SQLite queues; `stratus serve --backend aws` on SQS.
public struct FunctionTriggers: Sendable {
    private let pollers: [QueuePoller]
    private let scheduler: Scheduler?

    /// The triggers of `manifest` on `queues`, invoking functions through `functions`; `tracing` traces the
    /// pollers' invocations.
    ///
    /// - Throws: ``LocalEventBackboneError`` when a schedule's expression, input or time zone is invalid, or a
    ///   queue trigger is out of Lambda's bounds.
    public init(
        manifest: AppManifest,
        queues: any MessageQueue,
        functions: FunctionInstanceInvoker,
        scheduleHistory: ScheduleHistory,
        tracing: QueuePollerTracing? = nil,
        clock: any Clock = SystemClock(),
        logger: Logger = Logger(label: "stratus.event-backbone")
    ) throws(LocalEventBackboneError) {
        do {
            self.pollers = try manifest.functions.flatMap(\.queueTriggers).map {
                mapping throws(EventSourceMappingError) in
                try QueuePoller(mapping: mapping, queue: queues, invoker: functions, clock: clock, tracing: tracing)
            }
        } catch {
            throw LocalEventBackboneError("Queue trigger: \(error.message)")
        }
        let schedules: [Schedule]
        do { schedules = try manifest.schedules() } catch { throw LocalEventBackboneError(error.description) }
        if schedules.isEmpty {
            self.scheduler = nil
        } else {
            do {
                self.scheduler = try Scheduler(
                    schedules: schedules, invoker: ScheduleDeliveries(functions: functions, queues: queues),
                    history: scheduleHistory, clock: clock, logger: logger)
            } catch {
                throw LocalEventBackboneError("Schedule: \(error.description) \(error.reason)")
            }
        }
    }

    /// Runs every poller and the scheduler until the task is cancelled.
    public func run() async {
        await withDiscardingTaskGroup { group in
            for poller in self.pollers {
                group.addTask { await poller.run() }
            }
            if let scheduler = self.scheduler {
                group.addTask { await scheduler.run() }
            }
        }
    }
}
