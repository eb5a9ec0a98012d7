import Synchronization

/// Hands out the cold start exactly once per process.
public final class ColdStartFlag: Sendable {
    public init() {}

    private let isCold = Mutex(true)

    /// - Returns: `true` the first time only.
    public func take() -> Bool {
        self.isCold.withLock { isCold in
            defer { isCold = false }
            return isCold
        }
    }
}
