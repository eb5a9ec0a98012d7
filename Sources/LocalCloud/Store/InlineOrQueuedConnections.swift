import GRDB
import Synchronization

/// The item store's read-only SQLite connections for queries, which run an operation on the caller's thread when
/// that costs no waiting, and queue it on the store's reading threads (``SQLiteThreads``) when it would wait. (Its
/// writes do the same on their one connection, and group what queues: ``InlineOrGroupedWrites``.)
///
/// Handing an operation to another thread and back costs about 150 µs, several times a write or a page of a query,
/// so an operation first tries to run where it was called. That is safe for a NIO event loop or a cooperative thread
/// because nothing on that path can wait:
/// - the caller takes a connection only if one is free at that instant (a try-lock that fails at once, never a
///   wait for another thread to finish with it);
/// - SQLite's busy timeout on that connection is zero, so a lock another connection holds (another process writing
///   to the file, say) fails at once with `SQLITE_BUSY` instead of sleeping in SQLite's busy handler;
/// - what is left is work on pages, and file I/O that does not wait for another party: reading pages the page cache
///   does not hold and, for a write, appending to the WAL file without syncing it; the store's connections that run
///   inline never checkpoint and never sync a commit (see ``WALCheckpoints``).
///
/// What this does not exclude: a read that misses the OS page cache reads from the disk on the caller's thread, and in
/// rare cases SQLite itself retries briefly when a read begins while a checkpoint or another process's recovery
/// rewrites the WAL index. Both are bounded and short next to a lock held by another writer, which is what the
/// queue is for; a query's pages are bounded by its page size.
///
/// When no connection is free or SQLite answers busy, the operation is queued on the store's reading threads, where
/// it may wait: for a connection, then for another connection's lock until the deadline set when it was asked for.
/// An operation that SQLite found busy read nothing, so running it again there is safe.
final class InlineOrQueuedConnections: Sendable {
    private let connections: [LockedConnection]
    private let threads: SQLiteThreads
    private let busyTimeout: Duration
    private let queuedOperations = Atomic<Int>(0)
    private let nextInTurn = Atomic<Int>(0)

    /// - Parameters:
    ///   - connections: The connections, opened read-only; an operation uses one at a time, and only these.
    ///   - threads: The threads whose reading threads take an operation that cannot run inline.
    ///   - busyTimeout: How long a queued operation may wait, from the moment it was asked for, for a connection and
    ///     for another connection's lock.
    init(_ connections: [DatabaseQueue], threads: SQLiteThreads, busyTimeout: Duration) {
        precondition(!connections.isEmpty, "operations need a connection to run on")
        self.connections = connections.map(LockedConnection.init)
        self.threads = threads
        self.busyTimeout = busyTimeout
    }

    /// How many operations were queued on the store's threads because they could not run on the caller's.
    var queuedCount: Int { self.queuedOperations.load(ordering: .relaxed) }

    /// Runs `operation` on one of the connections, on the caller's thread if it can run there without waiting, on
    /// the store's threads otherwise; `operation` may be started twice, the first time failing with `SQLITE_BUSY`.
    /// - Throws: What `operation` throws; a `SQLITE_BUSY` `DatabaseError` once the busy timeout has passed;
    ///   `CancellationError` when the task is cancelled while the operation is queued.
    func run<T: Sendable>(_ operation: @escaping @Sendable (Database) throws -> T) async throws -> T {
        let deadline = ContinuousClock.now + self.busyTimeout
        for connection in self.connections {
            if let value = try connection.withoutWaiting(operation) { return value }
        }
        self.queuedOperations.add(1, ordering: .relaxed)
        return try await self.threads.read {
            if let value = try self.withFreeConnection(waitingForLocksUntil: deadline, operation) { return value }
            let connection = self.connections[
                self.nextInTurn.add(1, ordering: .relaxed).newValue % self.connections.count]
            return try connection.waitingIfBusy(waitingForLocksUntil: deadline, operation)
        }
    }

    /// What `body` returns on the first connection that is free, letting SQLite wait for another connection's lock
    /// until `deadline`; `nil` when none is free.
    private func withFreeConnection<T: Sendable>(
        waitingForLocksUntil deadline: ContinuousClock.Instant, _ body: (Database) throws -> T
    ) throws -> T? {
        for connection in self.connections {
            if let value = try connection.ifFree(waitingForLocksUntil: deadline, body) { return value }
        }
        return nil
    }
}
