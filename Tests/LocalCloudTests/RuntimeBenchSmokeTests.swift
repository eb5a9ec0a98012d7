import Foundation
import StratusTesting
import Testing

/// A short run of `stratus bench runtime` with the debug `bootstrap` and the C baseline, so the benchmark tooling
/// stays working; the real measurement (release build, hundreds of samples) is `scripts/bench-runtime.sh`.
@Suite("stratus bench runtime (smoke)")
struct RuntimeBenchSmokeTests {
    @Test func measuresBothRuntimesAndReportsRatios() async throws {
        let workspace = try TemporaryDirectory()
        let baseline = workspace.path("baseline-runtime")
        let compile = try await Self.run(
            "/usr/bin/env",
            [
                "cc", "-O2", "-o", baseline,
                TestEnvironment.packageRoot.appendingPathComponent("scripts/bench/baseline-runtime.c").path,
            ]
        )
        #expect(compile.status == 0, "\(compile.output)")

        let bench = try await Self.run(
            TestEnvironment.stratus,
            [
                "bench", "runtime",
                "--bootstrap", TestEnvironment.bootstrap,
                "--baseline", baseline,
                "--event", ExampleEvents.path("health"),
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

    /// The minimal Runtime API of `scripts/bench-runtime.sh` drives the debug `bootstrap` (health, with the real
    /// API Gateway event) and the C baseline, and the summary turns its figures into ratios and targets.
    @Test func theMinimalRuntimeAPIMeasuresTheFunctionAndTheFloor() async throws {
        let workspace = try TemporaryDirectory()
        let scripts = TestEnvironment.packageRoot.appendingPathComponent("scripts/bench")
        let server = workspace.path("minimal-runtime-api")
        let baseline = workspace.path("baseline-runtime")
        for (output, source) in [(server, "minimal-runtime-api.c"), (baseline, "baseline-runtime.c")] {
            let compile = try await Self.run(
                "/usr/bin/env",
                ["cc", "-O2", "-Wall", "-Werror", "-o", output, scripts.appendingPathComponent(source).path])
            #expect(compile.status == 0, "\(compile.output)")
        }
        let event = ExampleEvents.path("health-apigateway")
        var lines: [String] = []
        for runtime in [TestEnvironment.bootstrap, baseline] {
            let run = try await Self.run(
                server, ["--event", event, "--cold", "2", "--warm", "20", "--warmup", "2", "--", runtime])
            #expect(run.status == 0, "\(run.output)")
            let line = try #require(run.output.split(separator: "\n").last.map(String.init))
            #expect(
                line.hasPrefix("cold_p50_us=") && line.contains(" warm_p50_us=") && line.contains(" peak_rss_bytes="),
                "\(line)")
            lines.append(line)
        }
        let summary = try await Self.run(
            "/usr/bin/env",
            [
                "python3", scripts.appendingPathComponent("runtime_summary.py").path, "--cold", "2", "--warm", "20",
                "--function", lines[0], "--baseline", lines[1], "--zip-bytes", "1000", "--emulator-warm-ms", "0.5",
                "--one-core-function", lines[0], "--one-core-baseline", lines[1], "--one-core-emulator-warm-ms", "0.5",
            ])
        #expect(summary.status == 0, "\(summary.output)")
        #expect(summary.output.contains("ratio"))
        #expect(summary.output.contains("warm p50 ≤ 2× C"))
        #expect(summary.output.contains("emulator warm round trip ≤ 1.3× the minimal server's"))
        // The one-core figures are informative: lines of their own, no verdict.
        let oneCore = summary.output.split(separator: "\n").drop { !$0.hasPrefix("on one core") }.prefix(3)
        #expect(oneCore.count == 3, "\(summary.output)")
        #expect(
            oneCore.dropFirst().map { $0.hasPrefix("  bootstrap: ") || $0.hasPrefix("  emulator: ") } == [true, true])
    }

    static func run(_ executable: String, _ arguments: [String]) async throws -> (status: Int32, output: String) {
        let run = try await runToCompletion(executable, arguments, mergingErrors: true)
        return (run.status, run.outputText)
    }
}
