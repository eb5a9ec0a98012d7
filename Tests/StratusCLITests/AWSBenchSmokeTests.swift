import Foundation
import StratusTesting
import Testing

/// A Python with moto and boto3: `STRATUS_PYTHON`, else the project's `.venv`.
private let motoPython = TestEnvironment.python(with: ["moto", "flask", "boto3"])

/// A short run of `scripts/bench-aws.sh` on the debug `stratus`, so the benchmark keeps working: moto started and
/// stopped, the table made, and the item read with GetItem through Stratus's client and through boto3 for a second
/// each. No rate is asserted; the real measurement (release build, ten seconds each) is the script run by hand.
@Suite(
    "bench-aws.sh (smoke)",
    .enabled(if: motoPython != nil || TestEnvironment.isCI, "moto and boto3 are not installed"))
struct AWSBenchSmokeTests {
    @Test(.timeLimit(.minutes(3))) func bothClientsReadTheItemAndTheRatioIsPrinted() async throws {
        let python = try #require(motoPython, "moto and boto3 are not installed: run scripts/test.sh")
        let script = TestEnvironment.packageRoot.appendingPathComponent("scripts/bench-aws.sh").path
        let run = try await runToCompletion(
            "/usr/bin/env",
            ["STRATUS_BIN=\(TestEnvironment.stratus)", "STRATUS_PYTHON=\(python)", "SMOKE=1", "bash", script],
            mergingErrors: true)
        #expect(run.status == 0, "\(run.outputText)")
        #expect(run.outputText.contains("stratus (DynamoDBItemStore) GetItem: "), "\(run.outputText)")
        #expect(run.outputText.contains(#/boto3 [0-9.]+ GetItem: \d+ round trips/#), "\(run.outputText)")
        #expect(run.outputText.contains("ratio stratus/boto3: "), "\(run.outputText)")
    }
}
