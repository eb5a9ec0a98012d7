public import NIOPosix
import Synchronization

/// The threads password hashes are computed on, with a bounded queue in front of them.
///
/// scrypt is slow on purpose, so an unbounded queue would let a flood of sign-ins make every later one wait behind
/// it. Here at most ``capacity`` hashes are queued or running at once; past that a new one is refused at once with
/// ``Overloaded`` (the caller answers 503 with `Retry-After`). A hash whose task is cancelled while it waits is
/// dropped from the queue, not computed.
public final class HashingQueue: Sendable {
    /// The error for a hash refused because the queue is full.
    public struct Overloaded: Error, Sendable, Equatable {}

    /// How many hashes may be queued or running at once.
    public let capacity: Int
    private let pool: NIOThreadPool
    private let admitted = Atomic<Int>(0)
    private let computed = Atomic<Int>(0)

    /// A queue of `capacity` hashes in front of `pool`.
    public init(pool: NIOThreadPool, capacity: Int) {
        precondition(capacity > 0, "a hashing queue holds at least one hash")
        self.pool = pool
        self.capacity = capacity
    }

    /// A started pool of `threads` threads, with room for 2 × `threads` × 8 hashes queued or running.
    public convenience init(threads: Int) {
        let pool = NIOThreadPool(numberOfThreads: threads)
        pool.start()
        self.init(pool: pool, capacity: 2 * threads * 8)
    }

    /// Two threads: enough to use both cores of a laptop, few enough to bound scrypt's memory.
    public static let shared = HashingQueue(threads: 2)

    /// How many hashes have been computed (not refused, not dropped): what tests count.
    var computedCount: Int { self.computed.load(ordering: .relaxed) }

    /// How many hashes are queued or running now.
    var admittedCount: Int { self.admitted.load(ordering: .relaxed) }

    /// Runs `work` on the pool once a place in the queue is free.
    /// - Throws: ``Overloaded`` at once when the queue is full, `CancellationError` when the task is cancelled before
    ///   `work` starts (it then never runs), or what `work` throws.
    func run<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        let (ahead, _) = self.admitted.wrappingAdd(1, ordering: .relaxed)
        defer { self.admitted.wrappingSubtract(1, ordering: .relaxed) }
        guard ahead < self.capacity else { throw Overloaded() }
        try Task.checkCancellation()
        return try await self.pool.runIfActive {
            self.computed.wrappingAdd(1, ordering: .relaxed)
            return try work()
        }
    }
}
