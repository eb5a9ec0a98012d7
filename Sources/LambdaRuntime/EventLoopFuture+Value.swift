import NIOCore

extension EventLoopFuture where Value: Sendable {
    /// Waits for the future's value on the caller's executor.
    ///
    /// Unlike `get()`, this does not hop to the global executor: a caller isolated to the future's event loop
    /// continues on that loop without a thread switch.
    func value() async throws -> Value {
        try await withCheckedThrowingContinuation { continuation in
            self.whenComplete { continuation.resume(with: $0) }
        }
    }
}
