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

    /// The child gets standard input, output and error and nothing else of this process, even a descriptor that is
    /// not marked close-on-exec.
    @Test func aChildInheritsOnlyItsStandardStreams() async throws {
        let inheritable = open("/dev/null", O_RDONLY)
        try #require(inheritable > 3)
        defer { close(inheritable) }
        let listing = InMemoryLogSink()
        // `$$` is the shell's own process, whose descriptors are those the spawn left it.
        let process = try ChildProcess(
            executable: "/bin/sh", arguments: ["-c", "ls /proc/$$/fd"], environment: [:], output: listing)
        #expect(await process.waitForExit() == 0)
        let descriptors = Set(listing.lines.compactMap { Int32($0) })
        #expect(descriptors.isSuperset(of: [0, 1, 2]), "\(listing.lines)")
        #expect(!descriptors.contains(inheritable), "\(listing.lines)")
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
