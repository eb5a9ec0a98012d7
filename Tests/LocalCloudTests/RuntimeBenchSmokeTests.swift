import Foundation
import Testing

/// A short run of `stratus bench runtime` with the debug `bootstrap` and the C baseline, so the benchmark tooling
/// stays working; the real measurement (release build, hundreds of samples) is `scripts/bench-runtime.sh`.
@Suite("stratus bench runtime (smoke)")
struct RuntimeBenchSmokeTests {
    @Test func measuresBothRuntimesAndReportsRatios() async throws {
        let workspace = FileManager.default.temporaryDirectory.appendingPathComponent("stratus-bench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: workspace, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: workspace) }
        let baseline = workspace.appendingPathComponent("baseline-runtime").path
        let compile = try await Self.run(
            "/usr/bin/env",
            ["cc", "-O2", "-o", baseline, TestEnvironment.packageRoot.appendingPathComponent("scripts/bench/baseline-runtime.c").path]
        )
        #expect(compile.status == 0, "\(compile.output)")

        let bench = try await Self.run(TestEnvironment.stratus, [
            "bench", "runtime",
            "--bootstrap", TestEnvironment.bootstrap,
            "--baseline", baseline,
            "--event", TestEnvironment.packageRoot.appendingPathComponent("Examples/events/health.json").path,
            "--cold-starts", "2",
            "--warm-invocations", "20",
        ])
        #expect(bench.status == 0, "\(bench.output)")
        let lines = bench.output.split(separator: "\n").map(String.init)
        #expect(lines.contains { $0.hasPrefix("bootstrap ") && $0.contains(" ms") && $0.hasSuffix("MB   ") })
        #expect(lines.contains { $0.hasPrefix("C baseline ") && $0.contains(" ms") })
        #expect(lines.contains { $0.hasPrefix("ratio ") && $0.contains("×") })
        #expect(lines.contains { $0.contains("cold start p50 ≤ 5× baseline") })
    }

    static func run(_ executable: String, _ arguments: [String]) async throws -> (status: Int32, output: String) {
        let run = try await runToCompletion(executable, arguments, mergingErrors: true)
        return (run.status, run.outputText)
    }
}
