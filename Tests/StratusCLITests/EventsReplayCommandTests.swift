import Cloud
import Foundation
import LocalCloud
import StratusTesting
import Testing

/// `stratus events replay` as a user runs it: the real executable against a data folder whose bus has an archive.
@Suite("stratus events replay")
struct EventsReplayCommandTests {
    /// 2025-12-01T00:00:00Z and the two hours after it.
    static let base: Int64 = 1_764_547_200_000
    static let hour: Int64 = 3_600_000

    /// A data folder with a bus archiving everything, a rule to a queue and another rule, and one event on each
    /// of the hours `base`, `base + 1h` (already delivered once).
    struct DataFolder {
        let directory: TemporaryDirectory
        let queues: SQLiteMessageQueue
        let bus: SQLiteEventBus

        init() async throws {
            self.directory = try TemporaryDirectory()
            self.queues = try SQLiteMessageQueue(path: self.directory.path("queues.sqlite"))
            self.bus = try SQLiteEventBus(path: self.directory.path("bus.sqlite"), queues: self.queues)
            try await self.queues.createQueue("orders-queue")
            try await self.queues.createQueue("audit-queue")
            for (rule, queue) in [("to-queue", "orders-queue"), ("audit", "audit-queue")] {
                try await self.bus.putRule(EventRule(name: rule, eventPattern: #"{"source": ["orders"]}"#))
                _ = try await self.bus.putTargets(
                    [RuleTarget(id: "q", destination: .queue(queue))], rule: rule, bus: "default")
            }
            try await self.bus.createArchive(EventArchive(name: "everything", sourceBus: "default"))
            for offset in 0..<2 {
                _ = try await self.bus.putEvents([
                    PutEventsEntry(
                        source: "orders", detailType: "OrderPlaced", detail: #"{"n": \#(offset)}"#,
                        timeMilliseconds: EventsReplayCommandTests.base + Int64(offset) * EventsReplayCommandTests.hour)
                ])
            }
            try await self.bus.deliverDue()
            _ = try await self.messages(on: "orders-queue")
            _ = try await self.messages(on: "audit-queue")
        }

        /// The bodies on `queue`: events as compact JSON with their members sorted.
        func messages(on queue: String) async throws -> [String] {
            try await self.queues.receive(from: queue, maxMessages: 10, waitTime: .zero).map(\.body)
        }

        func replay(_ arguments: [String]) async throws -> ProcessRun {
            try await runToCompletion(
                TestEnvironment.stratus, ["events", "replay", "--data-dir", self.directory.path("")] + arguments)
        }
    }

    @Test func replaysTheWindowToTheNamedRuleWithReplayName() async throws {
        let folder = try await DataFolder()
        let run = try await folder.replay([
            "--archive", "everything", "--from", "2025-12-01T00:30:00Z", "--to", "2025-12-01T02:00:00Z",
            "--rule", "to-queue", "--name", "fix-1",
        ])
        #expect(run.status == 0, "\(run.errorText)")
        #expect(run.outputText.contains("Replay fix-1: 1 events of everything sent to the bus default"))
        try await folder.bus.deliverDue()
        let replayed = try await folder.messages(on: "orders-queue")
        #expect(replayed.count == 1)
        #expect(replayed.first?.contains(#""detail":{"n":1}"#) == true)
        #expect(replayed.first?.contains(#""replay-name":"fix-1""#) == true)
        #expect(try await folder.messages(on: "audit-queue").isEmpty, "only the rule named gets the replay")
        #expect(try await folder.bus.describeReplay("fix-1").state == .completed)
    }

    @Test func anUnknownArchiveOrRuleOrABadTimeIsAClearErrorAndANonZeroExit() async throws {
        let folder = try await DataFolder()
        let window = ["--from", "2025-12-01T00:00:00Z", "--to", "2025-12-02T00:00:00Z"]
        let missing = try await folder.replay(["--archive", "nope"] + window)
        #expect(missing.status != 0)
        #expect(missing.errorText.contains("ResourceNotFoundException: Archive nope does not exist."))
        let rule = try await folder.replay(["--archive", "everything", "--rule", "ghost"] + window)
        #expect(rule.status != 0)
        #expect(rule.errorText.contains("Rule ghost does not exist on EventBus"))
        let time = try await folder.replay([
            "--archive", "everything", "--from", "yesterday", "--to", "2025-12-02T00:00:00Z",
        ])
        #expect(time.status != 0)
        #expect(time.errorText.contains("--from must be an ISO 8601 time"))
        let backwards = try await folder.replay(
            ["--archive", "everything", "--from", "2025-12-02T00:00:00Z", "--to", "2025-12-01T00:00:00Z"])
        #expect(backwards.status != 0)
        #expect(backwards.errorText.contains("ValidationException"))
    }
}
