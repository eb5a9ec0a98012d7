import GRDB
import GRDBSQLite
import Synchronization

/// SQLite connections of one kind (the store's writer, or its query readers) that run an operation on the caller's
/// thread when that costs no waiting, and queue it on the store's threads (``SQLiteThreads``) when it would wait.
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
///   inline never checkpoint and never sync a commit (see ``WALCheckpoints`` and `runsInline`).
///
/// What this does not exclude: a read that misses the OS page cache reads from the disk on the caller's thread, and in
/// rare cases SQLite itself retries briefly when a read begins while a checkpoint or another process's recovery
/// rewrites the WAL index. Both are bounded and short next to a lock held by another writer, which is what the
/// queue is for; a query's pages are bounded by its page size.
///
/// When no connection is free or SQLite answers busy, the operation is queued on the store's threads, where it may
/// wait: for a connection, then for the other connection's lock until the deadline set when it was asked for. An
/// operation that SQLite found busy changed nothing (a read reads nothing, a write's transaction begins with
/// `BEGIN IMMEDIATE` or is rolled back), so running it again there is safe.
final class InlineOrQueuedConnections: Sendable {
    /// The threads an operation is queued on when it cannot run on the caller's.
    enum Threads: Sendable {
        /// The store's reading threads.
        case reading
        /// The store's one writing thread.
        case writing
    }

    private let connections: [Connection]
    private let threads: SQLiteThreads
    private let queueOn: Threads
    private let runsInline: Bool
    private let mustQueue: @Sendable () -> Bool
    private let busyTimeout: Duration
    private let queuedOperations = Atomic<Int>(0)
    private let nextInTurn = Atomic<Int>(0)

    /// - Parameters:
    ///   - connections: The connections, opened; an operation uses one at a time, and only these.
    ///   - queueOn: Which of `threads` an operation that cannot run inline is queued on.
    ///   - runsInline: Whether an operation may run on the caller's thread at all; not when a commit waits for the
    ///     disk.
    ///   - mustQueue: Asked before each operation: when it answers `true`, the operation is queued even if it could
    ///     run inline (while a checkpoint that needs the writers held off is on its way).
    ///   - busyTimeout: How long a queued operation may wait, from the moment it was asked for, for a connection and
    ///     for another connection's lock.
    init(
        _ connections: [DatabaseQueue],
        threads: SQLiteThreads,
        queueOn: Threads,
        runsInline: Bool,
        mustQueue: @escaping @Sendable () -> Bool = { false },
        busyTimeout: Duration
    ) {
        precondition(!connections.isEmpty, "operations need a connection to run on")
        self.connections = connections.map(Connection.init)
        self.threads = threads
        self.queueOn = queueOn
        self.runsInline = runsInline
        self.mustQueue = mustQueue
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
        if self.runsInline, !self.mustQueue(),
            let attempt = self.withFreeConnection({ db in Result { try Self.run(operation, on: db) } })
        {
            switch attempt {
            case .success(let value): return value
            case .failure(let error as DatabaseError) where error.resultCode == .SQLITE_BUSY: break
            case .failure(let error): throw error
            }
        }
        self.queuedOperations.add(1, ordering: .relaxed)
        let queued: @Sendable () throws -> T = {
            let run: (Database) throws -> T = { db in try Self.run(operation, on: db, until: deadline) }
            if let value = try self.withFreeConnection(run) { return value }
            let connection = self.connections[
                self.nextInTurn.add(1, ordering: .relaxed).newValue % self.connections.count]
            return try connection.queue.withLock { queue in try queue.inDatabase(run) }
        }
        switch self.queueOn {
        case .reading: return try await self.threads.read(queued)
        case .writing: return try await self.threads.write(queued)
        }
    }

    /// What `body` returns on the first connection that is free, or `nil` when none is.
    private func withFreeConnection<T: Sendable>(_ body: (Database) throws -> T) rethrows -> T? {
        for connection in self.connections {
            if let value = try connection.queue.withLockIfAvailable({ queue in try queue.inDatabase(body) }) {
                return value
            }
        }
        return nil
    }

    /// Runs `operation` on `db`, letting SQLite wait for another connection's lock until `deadline` at most, or not
    /// at all without one.
    private static func run<T>(
        _ operation: (Database) throws -> T,
        on db: Database,
        until deadline: ContinuousClock.Instant? = nil
    ) throws -> T {
        var milliseconds: Int64 = 0
        if let deadline {
            milliseconds = (deadline - .now).wholeMilliseconds
            guard milliseconds > 0 else { throw DatabaseError(resultCode: .SQLITE_BUSY) }
        }
        sqlite3_busy_timeout(db.sqliteConnection, Int32(clamping: milliseconds))
        return try operation(db)
    }
}

extension InlineOrQueuedConnections {
    /// One connection and the lock that says who is using it: GRDB's queue would make a second user wait, so nobody
    /// reaches the queue without holding the lock.
    private final class Connection: Sendable {
        let queue: Mutex<DatabaseQueue>

        init(_ queue: DatabaseQueue) {
            self.queue = Mutex(queue)
        }
    }
}
