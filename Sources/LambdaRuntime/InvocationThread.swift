/// The thread a Lambda function's handler runs on: the runtime's worker receives an invocation on a thread of its own
/// and runs the handler's `async` work there, one invocation at a time.
///
/// On that thread, a client may do its I/O by blocking the thread instead of handing it to an event loop and being
/// resumed from there, which costs two thread switches a call: nothing else needs the thread while the handler waits,
/// as long as none of the invocation's other work is queued for it (``mayBlock``). ``AWSHTTPClient`` does this.
public enum InvocationThread {
    /// Runs `operation` to its end on the calling thread as the runtime runs a handler, and returns its result: the
    /// thread runs the operation's jobs itself, and clients that block in I/O on an invocation's thread block this
    /// one. It blocks the calling thread until then: call it from a thread of your own (a tool's, a benchmark's).
    public static func run<Result: Sendable>(_ operation: @escaping @Sendable () async -> Result) -> Result {
        WorkerThreadExecutor().run(operation)
    }

    /// Whether the calling code may block its thread in I/O: it runs on an invocation's thread, and no other job of
    /// that thread waits to run (a sibling task started with `async let` or in a task group, a continuation resumed
    /// from elsewhere), which a blocked thread would hold back.
    package static var mayBlock: Bool {
        guard let executor = WorkerThreadExecutor.current else { return false }
        return !executor.hasWaitingJobs
    }
}
