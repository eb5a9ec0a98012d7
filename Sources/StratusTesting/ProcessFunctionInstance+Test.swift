public import Cloud
public import LambdaRuntime
public import LocalCloud
public import NIOCore

/// A function declaration for a runtime whose handler is not ours (the C baseline, awslambdaric).
public func externalFunction(_ name: String, timeout: Duration = .seconds(3)) -> Function {
    Function(name, timeout: timeout) { _ -> ForeignHandler in ForeignHandler() }
}

/// Stands in for a handler that lives in another process.
public struct ForeignHandler: ByteBufferLambdaHandler {
    /// Answers the event unchanged; never called, since the instance runs in another process.
    public init() {}

    public func handle(_ event: ByteBuffer, context: LambdaContext) async throws -> ByteBuffer { event }
}

/// Starts `executable` as a function instance, runs `body`, and always stops the process.
public func withProcessInstance<T>(
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
