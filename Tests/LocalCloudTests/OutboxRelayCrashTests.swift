import Foundation
import StratusTesting
import Testing

/// `OutboxWriter` commits changes with outbox events and relays them into a log file; it is killed with SIGKILL at
/// random moments and started again. Every event of a change it noted as committed reaches the log at least once,
/// and every copy in the log carries its event's ID.
@Suite struct OutboxRelayCrashTests {
    /// The whole lines of the file at `path` (none when it does not exist yet); a line cut off by a kill is left out.
    static func lines(of path: String) -> [Substring] {
        let text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
        let lines = text.split(separator: "\n")
        return text.hasSuffix("\n") ? lines : Array(lines.dropLast())
    }

    /// The published log's lines as (event ID, the `id` in the envelope).
    static func published(in folder: String) -> [(eventId: String, envelopeId: String?)] {
        Self.lines(of: "\(folder)/published.log").compactMap { line in
            let fields = line.split(separator: "\t", maxSplits: 1)
            guard fields.count == 2 else { return nil }
            let envelope = try? JSONSerialization.jsonObject(with: Data(fields[1].utf8)) as? [String: Any]
            return (String(fields[0]), envelope?["id"] as? String)
        }
    }

    /// Starts the writer on `folder`, waits until `condition` holds, and kills it with SIGKILL.
    static func runWriter(in folder: String, until condition: () throws -> Bool) async throws {
        let writer = Process()
        writer.executableURL = URL(fileURLWithPath: "\(TestEnvironment.buildDirectory)/OutboxWriter")
        writer.arguments = [folder]
        try writer.run()
        var failure: (any Error)?
        do {
            try await eventually(timeout: .seconds(30)) { try condition() }
        } catch {
            failure = error
        }
        kill(writer.processIdentifier, SIGKILL)
        try await eventually { !writer.isRunning }
        #expect(writer.terminationReason == .uncaughtSignal, "the writer stopped by itself")
        if let failure { throw failure }
    }

    @Test(.timeLimit(.minutes(3))) func everyCommittedEventReachesTheBusThroughKillsAtRandomMoments() async throws {
        let directory = try TemporaryDirectory()
        let folder = directory.url.path
        let committedLog = "\(folder)/committed.log"
        for _ in 0..<20 {
            let target = Self.lines(of: committedLog).count + Int.random(in: 5...80)
            try await Self.runWriter(in: folder) { Self.lines(of: committedLog).count >= target }
        }
        // A last run relays what the earlier ones left; it is killed once every change noted so far is published.
        let committed = Set(Self.lines(of: committedLog).map(String.init))
        #expect(committed.count >= 100)
        try await Self.runWriter(in: folder) {
            committed.isSubset(of: Self.published(in: folder).map(\.eventId))
        }
        let changedIds = Self.published(in: folder).filter { $0.eventId != $0.envelopeId }.map(\.eventId)
        #expect(changedIds.isEmpty, "copies whose envelope carries another ID")
    }
}
