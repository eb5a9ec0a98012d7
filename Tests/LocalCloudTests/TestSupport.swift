import Cloud
import Foundation
import LambdaRuntime
import LocalCloud
import NIOCore
import Testing

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
            Issue.record(
                "expected a response, got \(report.errorType): \(report.errorMessage)", sourceLocation: sourceLocation)
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
