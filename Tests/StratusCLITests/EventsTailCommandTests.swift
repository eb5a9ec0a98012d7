import Foundation
import StratusTesting
import Synchronization
import Testing

/// `stratus events tail` as a user runs it: the real executable against a real `stratus serve` whose app bus carries
/// the events of a registration and an order. Local only: the command reads `/_stratus/api/events`, the local bus's
/// record of what crossed it; with `--backend aws` the events cross EventBridge, which serve does not see.
@Suite("stratus events tail", .serialized)
struct EventsTailCommandTests {

    /// What a process printed so far, gathered as it arrives.
    final class PrintedText: Sendable {
        let text = Mutex("")
    }

    @Test(.timeLimit(.minutes(2))) func printsEachEventThatCrossedTheBusWithTheRulesItMatched() async throws {
        let directory = try TemporaryDirectory()
        let data = directory.path("data")
        let (process, url, _) = try await StratusServe.start(dataDirectory: data)
        defer { if process.isRunning { process.terminate() } }
        let (token, _) = try await ServedShopping.registerAndOrder(at: url)

        let tail = ["events", "tail", "--url", url.absoluteString, "--data-dir", data]
        let lines = try await eventually(timeout: .seconds(20), interval: .milliseconds(200)) {
            () async throws -> [String]? in
            let run = try await runToCompletion(TestEnvironment.stratus, tail)
            #expect(run.status == 0, "\(run.errorText)")
            let lines = run.outputText.split(separator: "\n").map(String.init)
            return lines.count >= 2 ? lines : nil
        }
        for type in ["UserRegistered", "OrderCreated"] {
            let line = try #require(lines.first { $0.contains("  \(type)  ") }, "\(lines)")
            #expect(line.contains("  app  ") && line.contains("→ ") && line.contains("notifications"), "\(line)")
        }
        let newest = try await runToCompletion(TestEnvironment.stratus, tail + ["--limit", "1"])
        #expect(newest.outputText.split(separator: "\n").count == 1)

        let follower = Process()
        follower.executableURL = URL(fileURLWithPath: TestEnvironment.stratus)
        follower.arguments = tail + ["--follow"]
        let output = Pipe()
        let printed = PrintedText()
        output.fileHandleForReading.readabilityHandler = { handle in
            let chunk = String(decoding: handle.nextChunk(), as: UTF8.self)
            printed.text.withLock { $0 += chunk }
        }
        follower.standardOutput = output
        try follower.run()
        defer {
            output.fileHandleForReading.readabilityHandler = nil
            if follower.isRunning { kill(follower.processIdentifier, SIGTERM) }
        }
        try await eventually(timeout: .seconds(20), interval: .milliseconds(200)) {
            printed.text.withLock { $0.contains("UserRegistered") }
        }
        let (another, _, _) = try await StratusServe.send(
            "POST", url.appending(path: "orders"), token: token,
            body: #"{"items":[{"sku":"B-2","quantity":3,"unitPrice":400}],"currency":"EUR"}"#)
        #expect(another == 201)
        try await eventually(timeout: .seconds(20), interval: .milliseconds(200)) {
            printed.text.withLock { $0.components(separatedBy: "  OrderCreated  ").count == 3 }
        }
        #expect(follower.isRunning, "--follow keeps going until stopped")
    }

    @Test func withoutARunningServerItIsAClearErrorAndANonZeroExit() async throws {
        let directory = try TemporaryDirectory()
        let run = try await runToCompletion(
            TestEnvironment.stratus,
            ["events", "tail", "--url", "http://127.0.0.1:9", "--data-dir", directory.path("data")])
        #expect(run.status != 0)
        #expect(run.errorText.contains("Cannot reach stratus serve at http://127.0.0.1:9"), "\(run.errorText)")
        let badLimit = try await runToCompletion(TestEnvironment.stratus, ["events", "tail", "--limit", "0"])
        #expect(badLimit.status != 0 && badLimit.errorText.contains("--limit must be between 1 and 1000"))
    }
}
