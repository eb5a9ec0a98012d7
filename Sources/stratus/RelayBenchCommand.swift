import ArgumentParser
import Cloud
import Foundation
import Histogram
import LocalCloud

/// `stratus bench relay`: commits changes with outbox events at a fixed rate into a fresh store and measures how
/// long each event takes from its commit being asked for to its reaching the publisher of an ``OutboxRelay``
/// (issue 15: p99 ≤ 20 ms at 200 changes/s).
struct RelayBenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "relay",
        abstract: "Measure the outbox relay's commit-to-publish latency at a fixed rate of changes."
    )

    @Option(help: "Changes committed per second.")
    var rate: Int = 200

    @Option(help: "How many seconds to commit changes for.")
    var seconds: Double = 10

    @Option(help: "The p99 target in milliseconds.")
    var targetMilliseconds: Double = 20

    @Flag(help: "Exit with status 1 when the p99 target is missed.")
    var enforceTarget = false

    func validate() throws {
        guard (1...10_000).contains(self.rate) else { throw ValidationError("--rate must be from 1 to 10000") }
        guard self.seconds > 0, self.seconds <= 3600 else {
            throw ValidationError("--seconds must be above 0 and at most 3600")
        }
        guard self.targetMilliseconds > 0 else { throw ValidationError("--target-milliseconds must be above 0") }
    }

    func run() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("stratus-bench-relay-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try SQLiteItemStore(path: folder.appendingPathComponent("store.sqlite").path)
        let recorder = RelayLatencyRecorder()
        let changes = max(1, Int((Double(self.rate) * self.seconds).rounded()))
        let published = try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await OutboxRelay(store: store, publisher: recorder).run() }
            try await self.commit(changes, into: store, noting: recorder)
            let drained = await Self.waitForAll(changes, publishedTo: recorder)
            group.cancelAll()
            return drained
        }
        let latencies = recorder.latencies
        let p99 = Double(latencies.valueAtPercentile(99)) / 1000
        print("Outbox relay benchmark: \(changes) changes at \(self.rate)/s, commit to publish")
        print(
            String(
                format: "p50 %.2f ms   p99 %.2f ms   max %.2f ms   published %d of %d",
                Double(latencies.valueAtPercentile(50)) / 1000, p99, Double(latencies.max) / 1000,
                recorder.publishedCount, changes))
        let met = published && p99 <= self.targetMilliseconds
        print(String(format: "p99 ≤ %.0f ms: %@", self.targetMilliseconds, met ? "met" : "MISSED"))
        if self.enforceTarget, !met {
            throw ExitCode.failure
        }
    }

    /// Commits `changes` changes, each with its outbox event, one every 1/`rate` s from now (an open loop: a commit
    /// that is late does not push the ones after it back).
    private func commit(_ changes: Int, into store: SQLiteItemStore, noting recorder: RelayLatencyRecorder)
        async throws
    {
        let clock = ContinuousClock()
        let start = clock.now
        let interval = Duration.seconds(1) / self.rate
        for number in 0..<changes {
            try await clock.sleep(until: start + interval * number)
            let event = try OutboxEvent(
                source: "stratus.bench", detailType: "ChangeMade", time: SystemClock().nowISO8601,
                detail: ["number": number])
            recorder.commitStarts(event.id)
            try await store.transactWrite([
                .put(["PK": .string("CHANGE#\(number)"), "SK": "CHANGE", "number": .int(number)]),
                .put(event.item),
            ])
        }
    }

    /// Waits up to 10 s for `changes` events to reach `recorder`; whether they all did.
    private static func waitForAll(_ changes: Int, publishedTo recorder: RelayLatencyRecorder) async -> Bool {
        let deadline = ContinuousClock.now + .seconds(10)
        while recorder.publishedCount < changes {
            guard ContinuousClock.now < deadline, (try? await Task.sleep(for: .milliseconds(5))) != nil else {
                return false
            }
        }
        return true
    }
}
