import Foundation
import LambdaRuntime
import Testing

@testable import LocalCloud

/// A child process's exit is reported after its last lines have reached the log sink, and a descendant that keeps the
/// output open does not hold the exit back for ever.
@Suite struct ChildProcessTests {
    /// A sink that takes a while over each line, as a sink under load does.
    private final class SlowSink: LogSink {
        let lines = InMemoryLogSink()

        func write(line: String) {
            usleep(1_000)
            self.lines.write(line: line)
        }
    }

    @Test func everyLineWrittenBeforeTheExitIsInTheSinkWhenTheExitIsKnown() async throws {
        let sink = SlowSink()
        let process = try ChildProcess(
            executable: "/bin/sh", arguments: ["-c", "i=0; while [ $i -lt 300 ]; do echo line $i; i=$((i+1)); done"],
            environment: [:], output: sink)
        #expect(await process.waitForExit() == 0)
        #expect(sink.lines.lines.count == 300)
        #expect(sink.lines.lines.last == "line 299")
    }

    @Test func aDescendantHoldingTheOutputOpenDelaysTheExitOnlyBoundedly() async throws {
        let sink = InMemoryLogSink()
        let started = ContinuousClock.now
        let process = try ChildProcess(
            executable: "/bin/sh", arguments: ["-c", "sleep 30 & echo $!"], environment: [:], output: sink)
        #expect(await process.waitForExit() == 0)
        #expect(ContinuousClock.now - started < .seconds(10))
        let descendant = try #require(sink.lines.first.flatMap { Int32($0) })
        kill(descendant, SIGKILL)
    }
}
