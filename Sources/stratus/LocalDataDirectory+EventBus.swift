import Cloud
import LocalCloud
import Observability

extension LocalDataDirectory {
    /// The local bus's file in the folder.
    var eventBusPath: String { self.file("bus.sqlite") }

    /// The scheduler's record of each schedule's last run.
    var scheduleHistoryPath: String { self.file("schedules.json") }

    /// Creates the folder if needed and opens the local bus in it, delivering to `queues` and `functions`; without
    /// them, what it accepts waits in the file for the `stratus serve` that delivers. `tracer` records the deliveries
    /// of sampled events.
    func openEventBus(
        queues: (any MessageQueue)? = nil,
        functions: (any AsyncFunctionInvoker)? = nil,
        tracer: XRayTracer = .disabled
    ) throws -> SQLiteEventBus {
        try self.createFolder(self.path)
        do {
            return try SQLiteEventBus(
                path: self.eventBusPath, queues: queues, functions: functions, clock: self.clock, tracer: tracer)
        } catch {
            throw CommandLineError("Cannot open \(self.eventBusPath): \(error)")
        }
    }
}
