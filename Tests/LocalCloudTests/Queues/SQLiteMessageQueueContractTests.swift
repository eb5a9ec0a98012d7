import Cloud
import LocalCloud
import MessageQueueContract
import StratusTesting
import Testing

/// The `MessageQueue` contract, run on the SQLite queues: each check gets queues in a fresh file, on a manual clock.
@Suite struct SQLiteMessageQueueContractTests {
    @Test(arguments: MessageQueueContract.checks)
    func contract(_ check: MessageQueueContract.Check) async throws {
        let directory = try TemporaryDirectory()
        let clock = ManualClock()
        let queues = try SQLiteMessageQueue(path: directory.path("queues.sqlite"), clock: clock)
        try await check.run(MessageQueueContract.Harness(queues: queues) { clock.advance(by: $0) })
    }
}
