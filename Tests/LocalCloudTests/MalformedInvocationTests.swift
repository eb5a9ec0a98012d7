import Foundation
import StratusTesting
import Testing

/// The `bootstrap` against a Runtime API that sends malformed invocations: a deadline no arithmetic should be done
/// on, or a request id that would change the path the runtime reports to.
@Suite("bootstrap against malformed invocations")
struct MalformedInvocationTests {
    /// Serves one `health` event per entry of `headers`, each with those headers replacing the usual ones.
    static func run(_ headers: [[String: String]], logFormat: String = "Text") async throws -> [String: Any] {
        let fixtures = TestEnvironment.packageRoot.appendingPathComponent("Tests/Fixtures/python")
        let event = ExampleEvents.path("health")
        let overrides = String(decoding: try JSONSerialization.data(withJSONObject: headers), as: UTF8.self)
        let data = try await runToCompletion(
            "/usr/bin/env",
            [
                "STRATUS_INVOCATION_HEADERS=\(overrides)", "AWS_LAMBDA_LOG_FORMAT=\(logFormat)", "python3",
                fixtures.appendingPathComponent("minimal_runtime_api.py").path,
                TestEnvironment.bootstrap, "health",
            ] + Array(repeating: event, count: headers.count)
        ).output
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    @Test func aDeadlineOutOfRangeFailsThatInvocationAndTheRuntimeKeepsServing() async throws {
        let summary = try await Self.run([
            ["Lambda-Runtime-Deadline-Ms": String(Int64.max)],
            ["Lambda-Runtime-Deadline-Ms": String(Int64.min)],
            ["Lambda-Runtime-Deadline-Ms": "99999999999999999999"],
            [:],
        ])
        #expect(summary["finished"] as? Bool == true)
        #expect(summary["exitStatus"] as? Int == 0, "\(summary["output"] ?? "")")
        let requests = try #require(summary["requests"] as? [[String: Any]])
        let posts = requests.filter { $0["method"] as? String == "POST" }
        #expect(
            posts.compactMap { ($0["path"] as? String)?.split(separator: "/").last.map(String.init) }
                == ["error", "error", "error", "response"])
        #expect(posts.prefix(3).allSatisfy { $0["errorType"] as? String == "Runtime.MalformedInvocation" })
        let results = try #require(summary["results"] as? [[String: String]])
        #expect(results.first?["body"]?.contains("Lambda-Runtime-Deadline-Ms") == true)
    }

    @Test func aRequestIDThatIsNotAPathSegmentEndsTheProcessWithAClearErrorAndReportsNothing() async throws {
        let summary = try await Self.run([["Lambda-Runtime-Aws-Request-Id": "../../init"]])
        #expect(summary["exitStatus"] as? Int == 1)
        let requests = try #require(summary["requests"] as? [[String: Any]])
        #expect(requests.allSatisfy { $0["method"] as? String == "GET" }, "nothing is posted to a forged path")
        #expect((summary["output"] as? String)?.contains("Lambda-Runtime-Aws-Request-Id") == true)
    }

    @Test func underTheJSONLogFormatTheLinesAboutMalformedInvocationsAreJSONObjects() async throws {
        let deadline = try await Self.run([["Lambda-Runtime-Deadline-Ms": String(Int64.max)], [:]], logFormat: "JSON")
        let requestID = try await Self.run([["Lambda-Runtime-Aws-Request-Id": "../../init"]], logFormat: "JSON")
        let lines = [deadline, requestID].flatMap { summary in
            ((summary["output"] as? String) ?? "").split(separator: "\n").map(String.init)
        }
        let objects = try jsonObjects(lines)
        let refused = try #require(
            objects.first { ($0["message"] as? String)?.contains("Lambda-Runtime-Deadline-Ms") == true })
        #expect(refused["level"] as? String == "ERROR" && refused["requestId"] != nil)
        let fatal = try #require(
            objects.first { ($0["message"] as? String)?.contains("Lambda-Runtime-Aws-Request-Id") == true })
        #expect(fatal["level"] as? String == "FATAL" && fatal["requestId"] == nil)
    }
}
