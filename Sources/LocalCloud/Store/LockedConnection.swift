import GRDB
import GRDBSQLite
import Synchronization

/// One SQLite connection and the lock that says who is using it. GRDB's queue would make a second user wait, so
/// nobody reaches the queue without holding the lock: a caller that must not wait takes the connection only if it is
/// free at that instant, and one of the store's own threads, which may wait, waits for the lock.
///
/// Each use also says how long SQLite may wait for another connection's lock (another process writing to the file,
/// say): not at all by default, so that a caller that must not wait hears `SQLITE_BUSY` at once instead of sleeping
/// in SQLite's busy handler; until a deadline when given one.
final class LockedConnection: Sendable {
    private let queue: Mutex<DatabaseQueue>

    init(_ queue: DatabaseQueue) {
        self.queue = Mutex(queue)
    }

    /// What `body` returns on the connection, or `nil` without running it when someone is using the connection.
    /// - Parameter deadline: Until when SQLite may wait for another connection's lock; not at all when `nil`.
    /// - Throws: What `body` throws; a `SQLITE_BUSY` `DatabaseError` when `deadline` has passed.
    func ifFree<T: Sendable>(
        waitingForLocksUntil deadline: ContinuousClock.Instant? = nil, _ body: (Database) throws -> T
    ) throws -> T? {
        try self.queue.withLockIfAvailable { queue in
            try queue.inDatabase { db in try Self.run(body, on: db, waitingForLocksUntil: deadline) }
        }
    }

    /// What `body` returns on the connection when it can run there without waiting; `nil` when someone is using the
    /// connection, or when SQLite finds another connection's lock held (`SQLITE_BUSY`): a read then read nothing, and
    /// a write that begins with `BEGIN IMMEDIATE` changed nothing, so it may be run again where it can wait.
    /// - Throws: What `body` throws, but `SQLITE_BUSY`.
    func withoutWaiting<T: Sendable>(_ body: (Database) throws -> T) throws -> T? {
        switch try self.ifFree({ db in Result { try body(db) } }) {
        case nil: return nil
        case .success(let value)?: return value
        case .failure(let error as DatabaseError)? where error.resultCode == .SQLITE_BUSY: return nil
        case .failure(let error)?: throw error
        }
    }

    /// What `body` returns on the connection, once whoever is using it has finished.
    /// - Parameter deadline: Until when SQLite may wait for another connection's lock.
    /// - Throws: What `body` throws; a `SQLITE_BUSY` `DatabaseError` when `deadline` has passed.
    func waitingIfBusy<T: Sendable>(
        waitingForLocksUntil deadline: ContinuousClock.Instant, _ body: (Database) throws -> T
    ) throws -> T {
        try self.queue.withLock { queue in
            try queue.inDatabase { db in try Self.run(body, on: db, waitingForLocksUntil: deadline) }
        }
    }

    private static func run<T>(
        _ body: (Database) throws -> T, on db: Database, waitingForLocksUntil deadline: ContinuousClock.Instant?
    ) throws -> T {
        var milliseconds: Int64 = 0
        if let deadline {
            milliseconds = (deadline - .now).wholeMilliseconds
            guard milliseconds > 0 else { throw DatabaseError(resultCode: .SQLITE_BUSY) }
        }
        sqlite3_busy_timeout(db.sqliteConnection, Int32(clamping: milliseconds))
        return try body(db)
    }
}
