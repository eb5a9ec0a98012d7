import Foundation
import StratusTesting
import Testing

/// `stratus serve`'s AWS endpoint as boto3 and the aws CLI use it (`Tests/Fixtures/python/sqs_protocol_check.py` for
/// SQS, `events_protocol_check.py` for EventBridge), and `stratus queues` over what they left, before and after a
/// restart.
@Suite(
    "SQS and EventBridge through boto3 and the aws CLI", .serialized,
    .enabled(if: BotoPython.path != nil || TestEnvironment.isCI))
struct AWSProtocolServeTests {
    /// The check scripts, one per service.
    static let scripts = ["sqs_protocol_check.py", "events_protocol_check.py"].map { name in
        TestEnvironment.packageRoot.appendingPathComponent("Tests/Fixtures/python/\(name)").path
    }

    /// Runs each check script's `mode` against the server at `url`, expecting them to pass.
    static func check(_ mode: String, url: URL, sourceLocation: SourceLocation = #_sourceLocation) async throws {
        for script in Self.scripts { try await Self.check(script, mode, url: url, sourceLocation: sourceLocation) }
    }

    /// Runs `script`'s `mode` against the server at `url`, expecting it to pass.
    static func check(_ script: String, _ mode: String, url: URL, sourceLocation: SourceLocation) async throws {
        let python = try #require(BotoPython.path, "boto3 and the aws CLI are not installed: run scripts/test.sh")
        let run = try await runToCompletion(
            python, [script, url.appendingPathComponent("_aws").absoluteString, mode], mergingErrors: true)
        #expect(run.status == 0, "\(run.outputText)", sourceLocation: sourceLocation)
        #expect(run.outputText.hasSuffix("all checks passed\n"), "\(run.outputText)", sourceLocation: sourceLocation)
    }

    @Test(.timeLimit(.minutes(3))) func everyOperationWorksAndTheQueuesBusesAndRulesSurviveARestart() async throws {
        let directory = try TemporaryDirectory()
        let data = directory.path("data")
        var (process, url, _) = try await StratusServe.start(dataDirectory: data)
        defer { if process.isRunning { process.terminate() } }
        try await Self.check("check", url: url)

        let listed = try await runToCompletion(
            TestEnvironment.stratus, ["queues", "--url", url.absoluteString, "--data-dir", data])
        #expect(listed.status == 0, "\(listed.errorText)")
        let lines = listed.outputText.split(separator: "\n").map {
            $0.split(separator: " ", omittingEmptySubsequences: true)
        }
        #expect(lines.first?.first == "QUEUE")
        // kept: 1 visible, none in flight or delayed, an age, no dead-letter queue.
        let kept = try #require(lines.first { $0.first == "kept" })
        #expect(Array(kept[1...3]) == ["1", "0", "0"])
        #expect(kept[4].hasSuffix("s"))

        kill(process.processIdentifier, SIGTERM)
        process.waitUntilExit()
        let offline = try await runToCompletion(TestEnvironment.stratus, ["queues", "--data-dir", data])
        #expect(offline.status == 0)
        #expect(offline.outputText.contains("steps.fifo"))
        #expect(offline.outputText.contains("work-dlq"))

        (process, url, _) = try await StratusServe.start(dataDirectory: data)
        try await Self.check("after-restart", url: url)
    }

    @Test func queuesWithoutADataFolderIsAClearError() async throws {
        let directory = try TemporaryDirectory()
        let run = try await runToCompletion(TestEnvironment.stratus, ["queues", "--data-dir", directory.path("none")])
        #expect(run.status != 0)
        #expect(run.errorText.contains("queues.sqlite does not exist"))
        #expect(!FileManager.default.fileExists(atPath: directory.path("none")), "reading creates nothing")
    }
}

/// The Python the suite runs its check with.
enum BotoPython {
    /// A Python with boto3 and the aws CLI beside it: `STRATUS_PYTHON`, else the project's `.venv`.
    static let path: String? = {
        [
            ProcessInfo.processInfo.environment["STRATUS_PYTHON"],
            TestEnvironment.packageRoot.appendingPathComponent(".venv/bin/python").path,
        ].compactMap { $0 }.first { path in
            let aws = URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent("aws").path
            guard FileManager.default.isExecutableFile(atPath: path), FileManager.default.isExecutableFile(atPath: aws)
            else { return false }
            let probe = Process()
            probe.executableURL = URL(fileURLWithPath: path)
            probe.arguments = ["-c", "import importlib.util as u, sys; sys.exit(0 if u.find_spec('boto3') else 1)"]
            probe.standardOutput = FileHandle.nullDevice
            probe.standardError = FileHandle.nullDevice
            guard (try? probe.run()) != nil else { return false }
            probe.waitUntilExit()
            return probe.terminationStatus == 0
        }
    }()
}
