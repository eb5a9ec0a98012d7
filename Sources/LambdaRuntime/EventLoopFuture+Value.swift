import NIOCore

extension EventLoopFuture where Value: Sendable {
    /// Waits for the future's value, resuming on the caller's actor.
    ///
    /// Unlike `get()`, this does not hop to the global executor: a caller isolated to the future's event loop (an
    /// ``InvocationWorker``) continues on that loop without a thread switch. The isolation is passed explicitly so
    /// that the continuation resumes on the caller's executor.
    func value(isolation: isolated (any Actor)? = #isolation) async throws -> Value {
        try await withCheckedThrowingContinuation(isolation: isolation) { continuation in
            self.whenComplete { continuation.resume(with: $0) }
        }
    }
}
