import Foundation
import StratusTesting
import Testing

/// A short run of `scripts/bench-notifications.sh` on the debug `stratus`, so the benchmark keeps working: orders at a
/// low rate through the whole event backbone, each of which must become its notification. No timing is asserted; the
/// real measurement (release build, rates searched upward) is the script run by hand.
@Suite("bench-notifications.sh (smoke)")
struct NotificationsBenchSmokeTests {
    @Test(.timeLimit(.minutes(2))) func everyOrderBecomesItsNotification() async throws {
        let script = TestEnvironment.packageRoot.appendingPathComponent("scripts/bench-notifications.sh").path
        let run = try await runToCompletion(
            "/usr/bin/env",
            [
                "STRATUS_BIN=\(TestEnvironment.stratus)", "RATES=20", "SECONDS_PER_RATE=2", "SMOKE=1", "bash", script,
            ],
            mergingErrors: true)
        #expect(run.status == 0, "\(run.outputText)")
        #expect(run.outputText.contains("every order got its notification: 0 missing"), "\(run.outputText)")
    }
}
