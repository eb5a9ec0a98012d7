import Foundation
import StratusTesting
import Testing

/// The `bootstrap` against a Runtime API that is not ours: a minimal server written from AWS's documentation with
/// Python's standard library, which sends only the required headers.
@Suite("bootstrap against an independent Runtime API")
struct IndependentRuntimeAPITests {
    @Test func servesEveryInvocationAndExitsZeroOnSIGTERM() async throws {
        let fixtures = TestEnvironment.packageRoot.appendingPathComponent("Tests/Fixtures/python")
        let event = ExampleEvents.path("health")
        let data = try await runToCompletion(
            "/usr/bin/env",
            [
                "python3", fixtures.appendingPathComponent("minimal_runtime_api.py").path,
                TestEnvironment.bootstrap, "health", event, event,
            ]
        ).output
        let summary = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(summary["finished"] as? Bool == true)
        #expect(summary["exitStatus"] as? Int == 0)
        let requests = try #require(summary["requests"] as? [[String: Any]])
        let shape = requests.map {
            "\($0["method"] ?? "") \(($0["path"] as? String)?.split(separator: "/").last ?? "")"
        }
        #expect(Array(shape.prefix(4)) == ["GET next", "POST response", "GET next", "POST response"])
        let results = try #require(summary["results"] as? [[String: String]])
        #expect(results.count == 2)
        let first = try #require(results.first?["body"]?.data(using: .utf8))
        let response = try #require(try JSONSerialization.jsonObject(with: first) as? [String: Any])
        #expect(response["statusCode"] as? Int == 503, "the Lambda binary has no store adapter yet")
        #expect((response["body"] as? String)?.contains(#""coldStart":true"#) == true)
        let second = try #require(results.last?["body"])
        #expect(second.contains(#"\"coldStart\":false"#))
    }

    /// A process inherits the signals its parent blocks: the runtime still hears SIGTERM and exits 0.
    @Test func exitsZeroOnSIGTERMEvenWhenStartedWithSIGTERMBlocked() async throws {
        let fixtures = TestEnvironment.packageRoot.appendingPathComponent("Tests/Fixtures/python")
        let event = ExampleEvents.path("health")
        let data = try await runToCompletion(
            "/usr/bin/env",
            [
                "RUNTIME_SIGTERM_BLOCKED=1", "python3", fixtures.appendingPathComponent("minimal_runtime_api.py").path,
                TestEnvironment.bootstrap, "health", event,
            ]
        ).output
        let summary = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(summary["finished"] as? Bool == true)
        #expect(summary["exitStatus"] as? Int == 0, "\(summary["output"] ?? "")")
        #expect((summary["output"] as? String)?.contains("SIGTERM received") == true)
    }
}
