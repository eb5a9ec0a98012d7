import NIOPosix

/// The threads a SQLite database of the local cloud is used on when a call may wait, so that no such call runs on a
/// NIO event loop or on a thread of Swift's cooperative pool, where waiting for a lock or for the disk would stall
/// every connection or task scheduled there. (The item store runs the calls that cannot wait where they are made:
/// ``InlineOrQueuedConnections``.)
///
/// Writes run one at a time, on a thread of their own: SQLite admits one writer at a time anyway, so a write waiting
/// for another connection's lock holds this one thread, and the writes behind it wait in its queue without holding
/// any. Reads run on their own threads beside it; in WAL mode they never wait for a writer.
final class SQLiteThreads: Sendable {
    private let readers: NIOThreadPool
    private let writer: NIOThreadPool

    /// Starts one writing thread and `readers` reading threads.
    init(readers: Int) {
        precondition(readers > 0, "a database is read on at least one thread")
        self.readers = NIOThreadPool(numberOfThreads: readers)
        self.writer = NIOThreadPool(numberOfThreads: 1)
        self.readers.start()
        self.writer.start()
    }

    deinit {
        // Nothing is queued any more: every queued operation keeps its database, and so these threads, alive.
        self.readers.shutdownGracefully { _ in }
        self.writer.shutdownGracefully { _ in }
    }

    /// Runs `body`, which only reads, on a reading thread.
    /// - Throws: What `body` throws, or `CancellationError` when the task is cancelled before `body` starts.
    func read<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await self.readers.runIfActive(body)
    }

    /// Runs `body` on the writing thread once the writes queued before it have run.
    /// - Throws: What `body` throws, or `CancellationError` when the task is cancelled before `body` starts.
    func write<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await self.writer.runIfActive(body)
    }

    /// Queues `body` on the writing thread behind the writes queued before it and returns at once: work nobody
    /// awaits, such as a checkpoint. It does not run once the threads are shutting down.
    func writeInBackground(_ body: @escaping @Sendable () -> Void) {
        self.submitWrite { isActive in
            if isActive { body() }
        }
    }

    /// Queues `body` on the writing thread behind the writes queued before it and returns at once. `body` always
    /// runs, told whether the threads are still active: when they are shutting down it must only finish what it
    /// holds (resume its callers), not write.
    func submitWrite(_ body: @escaping @Sendable (_ isActive: Bool) -> Void) {
        self.writer.submit { state in body(state == .active) }
    }
}
