import Cloud
import EventBusContract
import LocalCloud
import StratusTesting
import Testing

/// The `EventBus` contract, run on the SQLite bus delivering to SQLite queues: each check gets both in fresh files,
/// on one manual clock, and delivers what is due when the check asks.
@Suite struct SQLiteEventBusContractTests {
    @Test(arguments: EventBusContract.checks)
    func contract(_ check: EventBusContract.Check) async throws {
        let directory = try TemporaryDirectory()
        let clock = ManualClock()
        let queues = try SQLiteMessageQueue(path: directory.path("queues.sqlite"), clock: clock)
        let bus = try SQLiteEventBus(path: directory.path("bus.sqlite"), queues: queues, clock: clock)
        try await check.run(
            EventBusContract.Harness(bus: bus, queues: queues, advance: { clock.advance(by: $0) }) {
                while try await bus.deliverDue() > 0 {}
            })
    }
}
