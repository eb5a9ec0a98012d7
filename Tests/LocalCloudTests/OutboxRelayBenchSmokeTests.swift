import StratusTesting
import Testing

/// A one-second run of `stratus bench relay`, so the benchmark keeps working; the real measurement (ten seconds at
/// 200 changes/s, release build) is `scripts/bench-relay.sh`.
@Suite("stratus bench relay (smoke)")
struct OutboxRelayBenchSmokeTests {
    @Test(.timeLimit(.minutes(1))) func commitsAtTheRateAndReportsTheLatencyAgainstTheTarget() async throws {
        let bench = try await runToCompletion(
            TestEnvironment.stratus, ["bench", "relay", "--rate", "200", "--seconds", "1"], mergingErrors: true)
        #expect(bench.status == 0, "\(bench.outputText)")
        let lines = bench.outputText.split(separator: "\n").map(String.init)
        #expect(lines.contains { $0.hasPrefix("p50 ") && $0.contains(" p99 ") && $0.hasSuffix("published 200 of 200") })
        #expect(lines.contains { $0.hasPrefix("p99 ≤ 20 ms: ") && ($0.hasSuffix("met") || $0.hasSuffix("MISSED")) })
    }
}
