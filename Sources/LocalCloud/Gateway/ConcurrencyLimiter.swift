import Synchronization

/// A function's reserved concurrency: at most `limit` invocations at once; the next is throttled, not queued.
final class ConcurrencyLimiter: Sendable {
    let limit: Int
    private let running = Mutex(0)

    init(limit: Int) {
        self.limit = limit
    }

    /// Takes a slot if one is free.
    func tryAcquire() -> Bool {
        self.running.withLock { running in
            guard running < self.limit else { return false }
            running += 1
            return true
        }
    }

    func release() {
        self.running.withLock { $0 -= 1 }
    }
}
