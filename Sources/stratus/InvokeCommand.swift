import App
import ArgumentParser
import Cloud
import Foundation
import LambdaRuntime
import LocalCloud
import Middleware
import NIOCore
import Observability

/// `stratus invoke FUNCTION --event FILE|-`: one invocation, printed like Lambda prints it.
struct InvokeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "invoke",
        abstract: "Invoke a function once and print its response, its log lines and Lambda's REPORT line.",
        discussion: """
            The response goes to standard output; START, the function's log lines, END and REPORT go to standard error.
            The exit status is 0 when the function succeeded and 1 when it reported an error.
            """
    )

    @Argument(help: "The function to invoke, as the app manifest names it.")
    var function: String

    @Option(name: .long, help: "A file holding the JSON event, or - for standard input. Default: {}.")
    var event: String?

    @Flag(name: .long, help: "Run the function as a real bootstrap process against the Runtime API emulator.")
    var process = false

    @Option(name: .long, help: "The bootstrap executable for --process. Default: the one built next to stratus.")
    var bootstrap: String?

    @Option(name: .long, help: "A client context JSON to pass to the function.")
    var clientContext: String?

    @Option(name: .long, help: "An X-Ray trace header to continue (Root=...;Parent=...;Sampled=1).")
    var traceID: String?

    @Option(
        name: .customLong("data-dir"), help: "Where the local cloud keeps its data (in-process runs use its store).")
    var dataDirectory = ".stratus"

    func run() async throws {
        let manifest = ReferenceApp.manifest
        try manifest.validate()
        guard let function = manifest.function(named: self.function) else {
            throw CommandLineError(
                ManifestError.unknownFunction(self.function, known: manifest.functionNames).description)
        }
        let event = try EventInput.read(from: self.event)
        let metadata = FunctionMetadata(
            name: function.name,
            memoryLimitInMB: function.memoryMB,
            logStreamName: Self.logStreamName()
        )
        // What the invocation writes and traces is kept in the data folder's telemetry, as `stratus serve` keeps it.
        let dataDirectory = LocalDataDirectory(path: self.dataDirectory)
        try dataDirectory.restrictToOwner()
        let recorder = TelemetryRecorder(store: try dataDirectory.openTelemetryStore())
        let daemon = try await XRayDaemonListener.start(port: 0, recorder: recorder)
        let environment = ["AWS_XRAY_DAEMON_ADDRESS": daemon.address()]
        let sink = recorder.capturing(function.name, forwardingTo: StandardErrorLogSink())
        let instance: any FunctionInstance
        do {
            if self.process {
                instance = try await ProcessFunctionInstance.start(
                    executable: try BootstrapLocator.locate(self.bootstrap),
                    function: function,
                    metadata: metadata,
                    environment: environment,
                    logSink: sink
                )
            } else {
                let ports = CloudPorts(
                    store: try dataDirectory.openStore(), clock: dataDirectory.clock,
                    secrets: dataDirectory.secretStore
                )
                .traced(by: XRayTracer(emitter: recorder), tableName: ServeCommand.tableName)
                instance = InProcessFunctionInstance(
                    function: function, metadata: metadata, environment: environment, ports: ports, logSink: sink
                )
            }
        } catch {
            await daemon.close()
            throw error
        }

        let request = InvocationRequest(event: event, traceID: self.traceID, clientContext: self.clientContext)
        sink.write(line: "START RequestId: \(request.requestID) Version: \(metadata.version)")
        let result = await instance.invoke(request)
        sink.write(line: "END RequestId: \(request.requestID)")
        sink.write(
            line: result.reportLine(memorySizeMB: metadata.memoryLimitInMB, peakMemoryBytes: instance.peakMemoryBytes))
        await instance.shutdown()
        recorder.record(
            InvocationRecord(
                timeMilliseconds: WallClock.nowMilliseconds() - result.duration.wholeMilliseconds,
                function: function.name,
                durationMicroseconds: result.duration.wholeMicroseconds,
                outcome: result.error == nil ? .success : .error,
                isColdStart: true
            ))
        if self.traceID.flatMap(XRayTraceHeader.init)?.sampled == true {
            // The function's segments left before its answer; give the datagrams a moment to be read.
            try? await Task.sleep(for: .milliseconds(100))
        }
        await daemon.close()
        try? await recorder.flush()

        switch result.outcome {
        case .response(let body):
            FileHandle.standardOutput.write(Data(body.readableBytesView) + Data("\n".utf8))
        case .error(let report):
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            FileHandle.standardOutput.write(try encoder.encode(report) + Data("\n".utf8))
            throw ExitCode.failure
        }
    }

    /// A log stream name in Lambda's form: `YYYY/MM/DD/[$LATEST]<32 hex>`.
    private static func logStreamName() -> String {
        let day = String(WallClock.iso8601(milliseconds: WallClock.nowMilliseconds()).prefix(10)).replacingOccurrences(
            of: "-", with: "/")
        return "\(day)/[$LATEST]\(UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased())"
    }
}
