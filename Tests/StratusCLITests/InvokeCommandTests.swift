import Foundation
import LambdaRuntime
import LocalCloud
import Observability
import StratusTesting
import Testing

/// `stratus invoke` as a user runs it: the real executable, its output streams and exit status.
@Suite("stratus invoke", .serialized)
struct InvokeCommandTests {
    struct Run {
        var status: Int32
        var standardOutput: String
        var standardError: String
    }

    static func stratus(
        _ arguments: [String], input: String? = nil, environment: [String: String] = [:]
    ) async throws -> Run {
        let run = try await runToCompletion(
            TestEnvironment.stratus, arguments, input: input.map { Data($0.utf8) },
            currentDirectory: TestEnvironment.packageRoot, environment: environment)
        return Run(status: run.status, standardOutput: run.outputText, standardError: run.errorText)
    }

    @Test(arguments: [false, true])
    func healthPrintsTheResponseTheLogAndAReportLine(process: Bool) async throws {
        let data = try TemporaryDirectory()
        let run = try await Self.stratus(
            ["invoke", "health", "--event", "Examples/events/health.json", "--data-dir", data.path("data")]
                + (process ? ["--process", "--bootstrap", TestEnvironment.bootstrap] : [])
        )
        #expect(run.status == 0)
        let response = try #require(
            try JSONSerialization.jsonObject(with: Data(run.standardOutput.utf8)) as? [String: Any])
        // In-process, the function gets the local store; the Lambda binary has no store adapter yet.
        #expect(response["statusCode"] as? Int == (process ? 503 : 200))
        #expect((response["body"] as? String)?.contains(#""store":"\#(process ? "unavailable" : "ok")""#) == true)
        #expect((response["body"] as? String)?.contains(#""coldStart":true"#) == true)
        let lines = run.standardError.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasPrefix("START RequestId: ") == true)
        let report = try #require(lines.first { $0.hasPrefix("REPORT RequestId: ") })
        #expect(report.contains("\tMemory Size: 128 MB\tMax Memory Used: ") && report.contains("\tInit Duration: "))
    }

    @Test(arguments: [false, true])
    func anInvocationsLinesAndSegmentsAreKeptInTheDataFolder(process: Bool) async throws {
        let data = try TemporaryDirectory()
        let root = XRayTraceHeader.newTraceID()
        let run = try await Self.stratus(
            [
                "invoke", "health", "--event", "Examples/events/health.json", "--data-dir", data.path("data"),
                "--trace-id", "Root=\(root);Parent=0123456789abcdef;Sampled=1",
            ]
                + (process ? ["--process", "--bootstrap", TestEnvironment.bootstrap] : [])
        )
        #expect(run.status == 0)
        let store = try TelemetryStore(path: data.path("data/telemetry.sqlite"))
        let lines = try await store.logs(LogFilter(function: "health"))
        #expect(lines.contains { $0.line.hasPrefix("START RequestId: ") })
        #expect(lines.contains { $0.level == "METRIC" && $0.line.contains(#""ColdStart":1"#) })
        let handler = try #require(try await store.segments(ofTrace: root).first)
        #expect(handler.name == "## health" && handler.parentID == "0123456789abcdef")
        #expect(handler.subsegments?.first?.name == "DynamoDB")
        #expect(try await store.invocations(since: 0).map(\.function) == ["health"])
    }

    @Test func echoReadsTheEventFromStandardInputAndShowsItsLogLine() async throws {
        let run = try await Self.stratus(["invoke", "echo", "--event", "-"], input: #"{"hello":"world"}"#)
        #expect(run.status == 0)
        #expect(run.standardOutput.contains(#""event":{"hello":"world"}"#))
        let line = try #require(run.standardError.split(separator: "\n").first { $0.contains("Echoing an event") })
        let logged = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        #expect(logged["level"] as? String == "INFO")
        #expect(logged["service"] as? String == "echo")
        #expect(logged["function_name"] as? String == "echo")
        #expect(logged["cold_start"] as? Bool == true)
    }

    @Test func aFunctionErrorPrintsTheErrorAndExitsOne() async throws {
        let run = try await Self.stratus(["invoke", "health", "--event", "-"], input: #"{"not":"http"}"#)
        #expect(run.status == 1)
        #expect(run.standardOutput.contains(#""errorType":"Runtime.EventDecodingError""#))
        #expect(run.standardError.contains("Status: error\tError Type: Runtime.EventDecodingError"))
    }

    @Test(
        arguments: [
            (
                ["invoke", "payments"], nil,
                "No function named 'payments'. Known functions: health, auth, users, orders, "
                    + "notifications-api, notifications-worker, analytics-worker, analytics-api, dead-letters, "
                    + "dead-letters-api, outbox-relay, echo"
            ),
            (
                ["invoke", "echo", "--event", "/no/such/file.json"], nil,
                "Cannot read the event file '/no/such/file.json'"
            ),
            (["invoke", "echo", "--event", "-"], "{not json", "The event is not valid JSON (standard input)"),
            (
                ["invoke", "echo", "--process", "--bootstrap", "/no/bootstrap"], nil,
                "No bootstrap executable at /no/bootstrap"
            ),
        ] as [([String], String?, String)])
    func badInputIsOneLineAndANonZeroExit(arguments: [String], input: String?, message: String) async throws {
        let run = try await Self.stratus(arguments, input: input)
        #expect(run.status != 0)
        #expect(run.standardOutput.isEmpty)
        let lines = run.standardError.split(separator: "\n")
        #expect(lines.count == 1)
        #expect(lines.first?.contains(message) == true, "stderr: \(run.standardError)")
    }

    /// Standard input is read only up to one byte past Lambda's 6 MB, so a stream without end is refused too; and a
    /// megabyte the command never reads (it stops at the unknown function first) is no crash of either side.
    @Test(arguments: [
        (["invoke", "echo", "--event", "-"], LambdaLimits.maxEventBytes + 1, "The event is larger than 6291456 bytes"),
        (["invoke", "payments", "--event", "-"], 1 << 20, "No function named 'payments'"),
    ])
    func largeInputIsOneLineAndANonZeroExit(arguments: [String], inputBytes: Int, message: String) async throws {
        let run = try await Self.stratus(arguments, input: String(repeating: " ", count: inputBytes))
        #expect(run.status != 0)
        #expect(run.standardError.split(separator: "\n").count == 1)
        #expect(run.standardError.contains(message), "stderr: \(run.standardError)")
    }
}
