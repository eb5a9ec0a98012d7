import App
import ArgumentParser
import Cloud
import Foundation
import Histogram
import LambdaRuntime
import LocalCloud

/// `stratus bench runtime`: cold start, warm round trip and peak memory of a `bootstrap` against a baseline runtime,
/// both through the Runtime API emulator, in one run.
struct RuntimeBenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "runtime",
        abstract: "Measure a bootstrap against a baseline runtime through the Runtime API emulator."
    )

    @Option(help: "The bootstrap executable to measure (build it in release mode for real figures).")
    var bootstrap: String

    @Option(help: "The baseline runtime executable, e.g. the C program scripts/bench-runtime.sh builds.")
    var baseline: String

    @Option(help: "The function to invoke.")
    var function: String = "health"

    @Option(help: "A file holding the JSON event to send.")
    var event: String

    @Option(help: "How many cold starts to measure per runtime.")
    var coldStarts: Int = 20

    @Option(help: "How many warm invocations to measure per runtime.")
    var warmInvocations: Int = 2000

    @Option(help: "The deployment zip of the bootstrap, whose size is reported.")
    var zip: String?

    @Flag(
        help: "Exit with status 1 when a target (cold start ≤ 5×, warm p50 ≤ 1.5×, RSS ≤ 15 MB, zip ≤ 8 MB) is missed.")
    var enforceTargets = false

    func validate() throws {
        guard self.coldStarts > 0, self.warmInvocations > 0 else {
            throw ValidationError("--cold-starts and --warm-invocations must be positive")
        }
    }

    func run() async throws {
        guard let function = ReferenceApp.manifest.function(named: self.function) else {
            throw CommandLineError(
                ManifestError.unknownFunction(self.function, known: ReferenceApp.manifest.functionNames).description)
        }
        let benchmark = RuntimeBenchmark(
            function: function,
            event: try EventInput.read(from: self.event),
            coldStarts: self.coldStarts,
            warmInvocations: self.warmInvocations
        )
        let quiet = DiscardingLogSink()
        let swift = try await benchmark.measure(.init(name: "bootstrap", executable: self.bootstrap), logSink: quiet)
        let c = try await benchmark.measure(.init(name: "C baseline", executable: self.baseline), logSink: quiet)

        let zipBytes = try self.zip.map { path -> Int in
            guard let size = try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int else {
                throw CommandLineError("Cannot read the size of \(path)")
            }
            return size
        }
        let report = RuntimeBenchReport(subject: swift, baseline: c, zipBytes: zipBytes)
        print(
            "Runtime benchmark: \(self.function), \(self.coldStarts) cold starts and \(self.warmInvocations) warm invocations per runtime"
        )
        print(report.table)
        if self.enforceTargets, !report.missedTargets.isEmpty {
            throw ExitCode.failure
        }
    }
}

/// Discards log lines: a benchmark does not print what the function logs.
struct DiscardingLogSink: LogSink {
    func write(line: String) {}
}
