import Foundation
import StratusTesting
import Testing

/// `OutboxWriter` commits changes with outbox events and relays them into a log file; it is killed with SIGKILL at
/// random moments and started again. Every event of a change it reported committed reaches the log at least once,
/// and every copy in the log carries its event's ID.
@Suite struct OutboxRelayCrashTests {
    static let writer = "\(TestEnvironment.buildDirectory)/OutboxWriter"

    /// Runs the writer on `folder` until it has reported `commits` commits, kills it with SIGKILL, and returns the
    /// IDs of every commit it reported in whole lines.
    static func runUntilKilled(in folder: String, after commits: Int) async throws -> [String] {
        let writer = Process()
        writer.executableURL = URL(fileURLWithPath: Self.writer)
        writer.arguments = [folder]
        let output = Pipe()
        writer.standardOutput = output
        try writer.run()
        // Read on a thread of its own: a blocking read must not hold one of the few cooperative threads.
        let printed = await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                var printed = ""
                while printed.split(separator: "\n").count < commits {
                    let chunk = output.fileHandleForReading.availableData
                    guard !chunk.isEmpty else { break }
                    printed += String(decoding: chunk, as: UTF8.self)
                }
                kill(writer.processIdentifier, SIGKILL)
                writer.waitUntilExit()
                printed += String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
                continuation.resume(returning: printed)
            }
        }
        #expect(writer.terminationReason == .uncaughtSignal)
        let lines = printed.split(separator: "\n", omittingEmptySubsequences: true)
        let whole = printed.hasSuffix("\n") ? lines[...] : lines.dropLast()
        return whole.compactMap { line in line.hasPrefix("committed ") ? String(line.dropFirst(10)) : nil }
    }

    /// The log's lines as (event ID, the `id` in the envelope); a line cut off by a kill is left out.
    static func published(in folder: String) throws -> [(eventId: String, envelopeId: String?)] {
        let log = (try? String(contentsOfFile: "\(folder)/published.log", encoding: .utf8)) ?? ""
        return log.split(separator: "\n").compactMap { line in
            let fields = line.split(separator: "\t", maxSplits: 1)
            guard fields.count == 2,
                let envelope = try? JSONSerialization.jsonObject(with: Data(fields[1].utf8)) as? [String: Any]
            else { return nil }
            return (String(fields[0]), envelope["id"] as? String)
        }
    }

    @Test(.timeLimit(.minutes(2))) func everyCommittedEventReachesTheBusThroughKillsAtRandomMoments() async throws {
        let directory = try TemporaryDirectory()
        let folder = directory.url.path
        var committed: [String] = []
        for _ in 0..<6 {
            committed += try await Self.runUntilKilled(in: folder, after: Int.random(in: 5...150))
        }
        #expect(committed.count >= 30)
        // A last run relays what the others left; it is killed once every committed event is in the log.
        let writer = Process()
        writer.executableURL = URL(fileURLWithPath: Self.writer)
        writer.arguments = [folder]
        writer.standardOutput = FileHandle.nullDevice
        try writer.run()
        defer {
            kill(writer.processIdentifier, SIGKILL)
            writer.waitUntilExit()
        }
        let everyCommitPublished = (try? await eventually(timeout: .seconds(60)) {
            Set(committed).isSubset(of: try Self.published(in: folder).map(\.eventId))
        }) != nil
        let missing = Set(committed).subtracting(try Self.published(in: folder).map(\.eventId))
        #expect(everyCommitPublished, "committed but never published: \(missing.prefix(5))")
        let published = try Self.published(in: folder)
        #expect(published.allSatisfy { $0.eventId == $0.envelopeId }, "a copy changed its event ID")
    }
}
