import Cloud
import Foundation
import LambdaRuntime
import LocalCloud
import NIOCore
import Testing

/// Paths and tools the integration tests need.
enum TestEnvironment {
    /// The folder that holds the test runner and every executable `swift build --build-tests` built.
    static let buildDirectory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        .path.replacingOccurrences(of: "/StratusPackageTests.xctest/Contents/MacOS", with: "")

    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    static var bootstrap: String { Self.executable("bootstrap") }
    static var runtimeFixtures: String { Self.executable("RuntimeFixtures") }
    static var stratus: String { Self.executable("stratus") }
    static var storeWriter: String { Self.executable("StoreWriter") }

    private static func executable(_ name: String) -> String {
        let candidates = [
            "\(Self.buildDirectory)/\(name)",
            Self.packageRoot.appendingPathComponent(".build/debug/\(name)").path,
        ]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) } ?? candidates[0]
    }

    /// The Python with the test tools installed (`awslambdaric`, `openapi-spec-validator`, `aws-xray-sdk`): `STRATUS_PYTHON`, else
    /// the project's `.venv`.
    static let python: String? = {
        let candidates = [
            ProcessInfo.processInfo.environment["STRATUS_PYTHON"],
            Self.packageRoot.appendingPathComponent(".venv/bin/python").path,
        ].compactMap { $0 }
        return candidates.first { path in
            guard FileManager.default.isExecutableFile(atPath: path) else { return false }
            let probe = Process()
            probe.executableURL = URL(fileURLWithPath: path)
            // Looked up, not imported: importing them takes a second, and this runs while other tests do.
            probe.arguments = ["-c", "import importlib.util as u, sys; sys.exit(0 if u.find_spec('awslambdaric') and u.find_spec('openapi_spec_validator') and u.find_spec('aws_xray_sdk') else 1)"]
            probe.standardOutput = FileHandle.nullDevice
            probe.standardError = FileHandle.nullDevice
            guard (try? probe.run()) != nil else { return false }
            probe.waitUntilExit()
            return probe.terminationStatus == 0
        }
    }()

    /// Whether this run is CI, where a missing tool fails the tests instead of skipping them.
    static let isCI = ProcessInfo.processInfo.environment["CI"] == "true"

    /// Tests that need `awslambdaric` run when it is installed, and always on CI (where its absence is a failure).
    static var awsLambdaRICAvailable: Bool { Self.python != nil || Self.isCI }
}

extension ByteBuffer {
    /// The buffer's bytes as UTF-8 text.
    var text: String { String(buffer: self) }
}

extension InvocationResult {
    /// The response body, recording an issue when the invocation failed.
    func responseText(sourceLocation: SourceLocation = #_sourceLocation) -> String? {
        switch self.outcome {
        case .response(let body):
            return body.text
        case .error(let report):
            Issue.record("expected a response, got \(report.errorType): \(report.errorMessage)", sourceLocation: sourceLocation)
            return nil
        }
    }

    /// The response decoded as JSON.
    func responseJSON(sourceLocation: SourceLocation = #_sourceLocation) throws -> [String: Any] {
        let text = try #require(self.responseText(sourceLocation: sourceLocation), sourceLocation: sourceLocation)
        return try #require(
            try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any],
            sourceLocation: sourceLocation
        )
    }
}

/// A function declaration for a runtime whose handler is not ours (the C baseline, awslambdaric).
func externalFunction(_ name: String, timeout: Duration = .seconds(3)) -> Function {
    Function(name, timeout: timeout) { _ -> ForeignHandler in ForeignHandler() }
}

/// Stands in for a handler that lives in another process.
struct ForeignHandler: ByteBufferLambdaHandler {
    func handle(_ event: ByteBuffer, context: LambdaContext) async throws -> ByteBuffer { event }
}

/// Starts `executable` as a function instance, runs `body`, and always stops the process.
func withProcessInstance<T>(
    executable: String,
    arguments: [String] = [],
    function: Function,
    environment: [String: String] = [:],
    timeoutGrace: Duration = .milliseconds(250),
    concurrency: Int = 1,
    logSink: any LogSink = InMemoryLogSink(),
    _ body: (ProcessFunctionInstance) async throws -> T
) async throws -> T {
    let instance = try await ProcessFunctionInstance.start(
        executable: executable,
        arguments: arguments,
        function: function,
        metadata: FunctionMetadata(name: function.name, memoryLimitInMB: function.memoryMB),
        environment: environment,
        timeoutGrace: timeoutGrace,
        concurrency: concurrency,
        logSink: logSink
    )
    do {
        let result = try await body(instance)
        await instance.stop(grace: .milliseconds(500))
        return result
    } catch {
        await instance.stop(grace: .milliseconds(500))
        throw error
    }
}

/// What a program run to its end printed, and how it ended.
struct ProcessRun {
    var status: Int32
    var output: Data
    var errors: Data

    var outputText: String { String(decoding: self.output, as: UTF8.self) }
    var errorText: String { String(decoding: self.errors, as: UTF8.self) }
}

/// Runs a program to its end, waiting on threads of their own (a blocking wait must not hold one of the few
/// cooperative threads, which the timing tests running alongside need). With `mergingErrors`, standard error goes
/// to `output` too.
func runToCompletion(
    _ executable: String,
    _ arguments: [String],
    input: Data? = nil,
    currentDirectory: URL? = nil,
    mergingErrors: Bool = false
) async throws -> ProcessRun {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    if let currentDirectory { process.currentDirectoryURL = currentDirectory }
    let output = Pipe()
    let errors = mergingErrors ? output : Pipe()
    let standardInput = Pipe()
    process.standardOutput = output
    process.standardError = errors
    process.standardInput = standardInput
    try process.run()
    return await withCheckedContinuation { continuation in
        DispatchQueue.global().async {
            if let input { standardInput.fileHandleForWriting.write(input) }
            try? standardInput.fileHandleForWriting.close()
            // Standard error is drained on another thread, so that neither pipe can fill up and stall the program.
            let errorData = ErrorDrain(mergingErrors ? nil : errors)
            let data = output.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            continuation.resume(returning: ProcessRun(status: process.terminationStatus, output: data, errors: errorData.wait()))
        }
    }
}

/// Reads a pipe to its end on a thread of its own.
private final class ErrorDrain: @unchecked Sendable {
    private var data = Data()
    private let done = DispatchSemaphore(value: 0)

    init(_ pipe: Pipe?) {
        guard let pipe else {
            self.done.signal()
            return
        }
        DispatchQueue.global().async {
            self.data = pipe.fileHandleForReading.readDataToEndOfFile()
            self.done.signal()
        }
    }

    func wait() -> Data {
        self.done.wait()
        return self.data
    }
}
