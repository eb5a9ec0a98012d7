import Synchronization

/// Settles an invocation exactly once: either its handler finished, or its deadline passed first.
public final class InvocationSettlement: Sendable {
    public init() {}

    private let settled = Mutex(false)

    /// Whether the invocation has settled.
    public var isSettled: Bool {
        self.settled.withLock { $0 }
    }

    /// - Returns: `true` for the first caller only.
    public func settle() -> Bool {
        self.settled.withLock { settled in
            defer { settled = true }
            return !settled
        }
    }
}
