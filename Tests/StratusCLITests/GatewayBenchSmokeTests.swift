import Foundation
import StratusTesting
import Testing

/// A short run of `scripts/bench-gateway.sh` on the debug `stratus`, so the benchmark keeps working: a warm-up and one
/// round of one second per series (GET and POST against the bare route, SQS SendMessage through /_aws), each of which
/// must finish without an error response (the summary exits when wrk saw one), waiting at most 5 s for an idle gateway
/// (other tests keep the machine busy). No ratio is asserted: a debug build's means nothing; the real measurement
/// (release build, three rounds of ten seconds) is the script run by hand.
@Suite("bench-gateway.sh (smoke)")
struct GatewayBenchSmokeTests {
    @Test(.timeLimit(.minutes(3))) func everySeriesIsMeasuredAndReported() async throws {
        let script = TestEnvironment.packageRoot.appendingPathComponent("scripts/bench-gateway.sh").path
        let run = try await runToCompletion(
            "/usr/bin/env",
            [
                "STRATUS=\(TestEnvironment.stratus)", "SKIP_BUILD=1", "ROUNDS=1", "DURATION=1s", "WARMUP=1s",
                "IDLE_WAIT=5", "bash",
                script,
            ],
            mergingErrors: true)
        #expect(run.status == 0, "\(run.outputText)")
        for line in [
            "gateway GET /orders/{id}", "gateway POST /orders", "SQS SendMessage via /_aws",
            "of the bare route's POST (no target)", "POST bursts' events all handled",
        ] {
            #expect(run.outputText.contains(line), "\(run.outputText)")
        }
    }

    /// A malformed setting stops the script with a message naming it, before it builds or starts anything (wrk would
    /// print only its usage text). `STRATUS` points nowhere: reaching a server would fail differently.
    @Test(arguments: [
        ("WARMUP=abc", "WARMUP must be a time such as 3s, or 0, not 'abc'"),
        ("DURATION=10x", "DURATION must be a time such as 10s, not '10x'"),
        ("ROUNDS=0", "ROUNDS must be a positive count, not '0'"),
        ("CONNECTIONS=-4", "CONNECTIONS must be a positive count, not '-4'"),
    ])
    func aMalformedSettingIsRefusedBeforeAnythingStarts(setting: String, message: String) async throws {
        let script = TestEnvironment.packageRoot.appendingPathComponent("scripts/bench-gateway.sh").path
        let run = try await runToCompletion(
            "/usr/bin/env", ["STRATUS=/nonexistent/stratus", "SKIP_BUILD=1", setting, "bash", script],
            mergingErrors: true)
        #expect(run.status == 2, "\(run.outputText)")
        #expect(run.outputText == "bench-gateway.sh: \(message)\n")
    }
}
