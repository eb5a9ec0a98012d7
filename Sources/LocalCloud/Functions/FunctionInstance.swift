/// One running copy of a function that serves invocations: in this process, or as a `bootstrap` child process
/// behind the Runtime API emulator.
public protocol FunctionInstance: Sendable {
    /// Invokes the function and waits for the outcome, which is never a thrown error: whatever went wrong is reported
    /// the way Lambda reports it (function error, timeout, init error, runtime exit).
    func invoke(_ request: InvocationRequest) async -> InvocationResult

    /// The largest resident memory the instance has reached so far, in bytes, when it can be read: the figure of
    /// Lambda's `REPORT` line. Read only when asked, so that invocations whose report nobody prints do not pay for it.
    var peakMemoryBytes: Int? { get }

    /// Ends the instance as Lambda ends an execution environment: SIGTERM, then a hard stop if it lingers.
    func shutdown() async
}
