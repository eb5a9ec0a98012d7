import GRDB
import Synchronization

/// The item store's writes, on its one writing connection (SQLite admits one writer at a time anyway).
///
/// A write runs on the caller's thread when the connection and SQLite's lock are free at that instant, in an
/// immediate transaction of its own: nothing on that path waits (``InlineOrQueuedConnections`` explains why). When
/// it would wait, it is queued on the store's writing thread, where the writes queued while that thread was busy
/// commit as one transaction, each in a savepoint of its own (``GroupCommits``, which says what each caller still
/// sees: its own transaction's outcome). Under load, when callers keep finding the connection busy, they share a
/// commit's page writes and the thread's wake-up instead of committing one after another.
///
/// A queued group waits for another connection's lock (another process on the same file) at most the busy timeout
/// from the moment its transaction begins; then every write in it fails with `SQLITE_BUSY`.
final class InlineOrGroupedWrites: Sendable {
    private let connection: LockedConnection
    private let groups: GroupCommits
    private let runsInline: Bool
    private let mustQueue: @Sendable () -> Bool
    private let queuedWrites = Atomic<Int>(0)

    /// - Parameters:
    ///   - connection: The writing connection, opened; no one else writes on it.
    ///   - threads: The threads whose writing thread takes the writes that cannot run inline.
    ///   - runsInline: Whether a write may run on the caller's thread at all; not when a commit waits for the disk.
    ///   - mustQueue: Asked before each write: when it answers `true`, the write is queued even if it could run
    ///     inline (while a checkpoint that needs the writers held off is on its way).
    ///   - busyTimeout: How long a queued group may wait for another connection's lock.
    init(
        _ connection: DatabaseQueue,
        threads: SQLiteThreads,
        runsInline: Bool,
        mustQueue: @escaping @Sendable () -> Bool,
        busyTimeout: Duration
    ) {
        let locked = LockedConnection(connection)
        self.connection = locked
        self.groups = GroupCommits(threads: threads) { transactions in
            try locked.waitingIfBusy(waitingForLocksUntil: .now + busyTimeout, transactions)
        }
        self.runsInline = runsInline
        self.mustQueue = mustQueue
    }

    /// How many writes were queued on the writing thread because they could not run on the caller's.
    var queuedCount: Int { self.queuedWrites.load(ordering: .relaxed) }

    /// How many transactions the queued writes committed in (or began, when one failed).
    var queuedTransactionCount: Int { self.groups.transactionCount }

    /// Runs `body` in a transaction of its own on the caller's thread if it can run there without waiting, or in a
    /// savepoint of a transaction shared with the writes queued beside it on the writing thread; returns once its
    /// write has committed. `body` may be started twice, the first time failing with `SQLITE_BUSY` before it wrote.
    /// - Throws: What `body` throws, nothing of its write committed; a `SQLITE_BUSY` `DatabaseError` once the busy
    ///   timeout has passed; `CancellationError` when the task is cancelled before the write is queued.
    func write<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        if self.runsInline, !self.mustQueue(),
            let value = try self.connection.withoutWaiting({ db in try Self.transaction(body, in: db) })
        {
            return value
        }
        self.queuedWrites.add(1, ordering: .relaxed)
        return try await self.groups.write(body)
    }

    /// Runs `body` in one immediate transaction, rolled back when `body` throws. The transaction statements are
    /// prepared once and reused. `BEGIN IMMEDIATE` takes the write lock first, so a lock another connection holds
    /// stops the write before it has changed anything.
    private static func transaction<T>(_ body: (Database) throws -> T, in db: Database) throws -> T {
        try db.cachedStatement(sql: "BEGIN IMMEDIATE TRANSACTION").execute()
        do {
            let result = try body(db)
            try db.cachedStatement(sql: "COMMIT TRANSACTION").execute()
            return result
        } catch {
            if db.isInsideTransaction {
                try db.cachedStatement(sql: "ROLLBACK TRANSACTION").execute()
            }
            throw error
        }
    }
}
