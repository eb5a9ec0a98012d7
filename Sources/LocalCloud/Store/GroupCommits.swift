import GRDB
import Synchronization

/// The writes of many callers to one SQLite database, run one after another on its writing thread and committed
/// together: the writes queued while the thread was busy become one transaction, each caller's write in a savepoint
/// of its own.
///
/// A commit in WAL mode appends every page the transaction changed to the WAL file; writes that land on the same pages
/// (the same table's last leaf, its indexes) share them when they commit together, and the callers queued behind a
/// busy thread cost it one wake-up, not one each. Under load a queue's sends, receives and deletes or a bus's events
/// and deliveries arrive faster than one transaction each can commit; when the thread is idle, a write is a group of
/// one, as before.
///
/// What each caller sees is what a transaction of its own would give it:
/// - its write is committed when it returns, and nothing of it is committed when it throws;
/// - a write that throws is rolled back to its savepoint, undoing its changes only; the others in the group commit;
/// - when the commit fails, or SQLite ends the transaction itself (it rolls back the whole transaction on some errors,
///   such as a full disk), every write that was in it fails with that error, and the writes not yet run start a new
///   transaction;
/// - the writes run in the order they were asked for, so a write sees every write asked for before it.
final class GroupCommits: Sendable {
    /// The most writes one transaction takes: the first caller of a group waits for the others' writes to run.
    static let largestGroup = 64

    /// Lends the writing thread the database's connection for one group's transactions.
    typealias ConnectionLender = @Sendable (_ transactions: (Database) throws -> Void) throws -> Void

    private let lendConnection: ConnectionLender
    private let threads: SQLiteThreads
    private let state = Mutex(State())
    private let transactions = Atomic<Int>(0)

    private struct State: ~Copyable {
        var waiting: [any GroupedWrite] = []
        /// Whether a drain is queued or running on the writing thread; it queues another when it leaves writes.
        var isDraining = false
    }

    /// Writes to `database` on `threads`' writing thread.
    convenience init(_ database: any DatabaseWriter, threads: SQLiteThreads) {
        self.init(threads: threads) { transactions in try database.writeWithoutTransaction(transactions) }
    }

    /// Writes on `threads`' writing thread to the connection `lendConnection` lends it for each group, which may
    /// make it wait for the connection (shared with callers that write on their own threads when it is free).
    init(threads: SQLiteThreads, lendConnection: @escaping ConnectionLender) {
        self.lendConnection = lendConnection
        self.threads = threads
    }

    /// How many transactions have begun, for tests.
    var transactionCount: Int { self.transactions.load(ordering: .relaxed) }

    /// How many writes wait for the writing thread, for tests.
    var waitingCount: Int { self.state.withLock { $0.waiting.count } }

    /// Runs `body` on the writing thread in a savepoint of a transaction shared with the writes queued beside it,
    /// and returns once that transaction has committed.
    /// - Throws: What `body` throws; the error that ended the transaction (``GroupCommits``); `CancellationError` when
    ///   the task is cancelled before the write is queued, or the writing thread is shutting down.
    func write<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        try Task.checkCancellation()
        return try await withCheckedThrowingContinuation { continuation in
            let write = PendingWrite(body, continuation)
            let startsDrain = self.state.withLock { state in
                state.waiting.append(write)
                let wasDraining = state.isDraining
                state.isDraining = true
                return !wasDraining
            }
            if startsDrain { self.queueDrain() }
        }
    }

    private func queueDrain() {
        self.threads.submitWrite { isActive in self.drain(isActive: isActive) }
    }

    /// Runs one group on the writing thread, then leaves the thread to what was queued meanwhile (a checkpoint, a
    /// read-only job) and queues itself again if writes are still waiting.
    private func drain(isActive: Bool) {
        let group = self.state.withLock { state in
            let group = Array(state.waiting.prefix(Self.largestGroup))
            state.waiting.removeFirst(group.count)
            return group
        }
        if isActive {
            self.commit(group)
        } else {
            for write in group { write.finish(failingWith: CancellationError()) }
        }
        let drainsAgain = self.state.withLock { state in
            state.isDraining = !state.waiting.isEmpty
            return state.isDraining
        }
        if drainsAgain { self.queueDrain() }
    }

    /// Runs `group` in as few transactions as SQLite lets it, and finishes every write in it.
    private func commit(_ group: [any GroupedWrite]) {
        var remaining = group[...]
        do {
            try self.lendConnection { db in
                while !remaining.isEmpty {
                    try self.commitTransaction(of: &remaining, in: db)
                }
            }
        } catch {
            // The transaction could not begin (another connection held the lock past the busy timeout), or the
            // connection could not be had.
            for write in remaining { write.finish(failingWith: error) }
        }
    }

    /// Begins a transaction, runs the writes of `remaining` in it until they are done or SQLite ends it, and finishes
    /// the writes that were in it. Throws, leaving `remaining` as it was, when the transaction cannot begin.
    ///
    /// A write alone in its transaction needs no savepoint: when it throws, the transaction is rolled back.
    private func commitTransaction(of remaining: inout ArraySlice<any GroupedWrite>, in db: Database) throws {
        try db.cachedStatement(sql: "BEGIN IMMEDIATE TRANSACTION").execute()
        self.transactions.add(1, ordering: .relaxed)
        let inSavepoints = remaining.count > 1
        var members: [any GroupedWrite] = []
        while let write = remaining.popFirst() {
            members.append(write)
            write.run(in: db, inSavepoint: inSavepoints)
            if !inSavepoints, let failure = write.failure {
                if db.isInsideTransaction { try? db.cachedStatement(sql: "ROLLBACK TRANSACTION").execute() }
                write.finish(failingWith: failure)
                return
            }
            guard db.isInsideTransaction else {
                // SQLite rolled back the whole transaction: whatever the members wrote is gone. The others learn
                // SQLite's reason (a full disk, say), never the error one caller's own code threw.
                let reason =
                    (write.failure as? DatabaseError)
                    ?? DatabaseError(resultCode: .SQLITE_ABORT, message: "transaction rolled back")
                for member in members { member.finish(failingWith: reason) }
                return
            }
        }
        do {
            try db.cachedStatement(sql: "COMMIT TRANSACTION").execute()
        } catch {
            if db.isInsideTransaction { try? db.cachedStatement(sql: "ROLLBACK TRANSACTION").execute() }
            for member in members { member.finish(failingWith: error) }
            return
        }
        for member in members { member.finish() }
    }
}

/// A caller's write waiting in a ``GroupCommits`` queue, its element type erased.
private protocol GroupedWrite: Sendable {
    /// Runs the write, keeping its outcome; in a savepoint, a write that throws is rolled back to it.
    func run(in db: Database, inSavepoint: Bool)
    /// What the write threw when it ran, if it did.
    var failure: (any Error)? { get }
    /// Resumes the caller with the write's outcome: its transaction has committed.
    func finish()
    /// Resumes the caller with `error`: its transaction did not commit.
    func finish(failingWith error: any Error)
}

/// One write and its caller.
///
/// Made by the caller, then handed to the writing thread through the queue's lock; from then on only that thread
/// touches it, so its outcome needs no lock of its own.
private final class PendingWrite<T: Sendable>: GroupedWrite, @unchecked Sendable {
    private let body: @Sendable (Database) throws -> T
    private let continuation: CheckedContinuation<T, any Error>
    private var outcome: Result<T, any Error>?

    init(_ body: @escaping @Sendable (Database) throws -> T, _ continuation: CheckedContinuation<T, any Error>) {
        self.body = body
        self.continuation = continuation
    }

    func run(in db: Database, inSavepoint: Bool) {
        guard inSavepoint else {
            self.outcome = Result { try self.body(db) }
            return
        }
        do {
            try db.cachedStatement(sql: "SAVEPOINT grouped_write").execute()
        } catch {
            self.outcome = .failure(error)
            return
        }
        do {
            let value = try self.body(db)
            try db.cachedStatement(sql: "RELEASE SAVEPOINT grouped_write").execute()
            self.outcome = .success(value)
        } catch {
            self.outcome = .failure(error)
            guard db.isInsideTransaction else { return }
            do {
                try db.cachedStatement(sql: "ROLLBACK TO SAVEPOINT grouped_write").execute()
                try db.cachedStatement(sql: "RELEASE SAVEPOINT grouped_write").execute()
            } catch {
                // Not undone: the transaction must not commit what it wrote.
                try? db.cachedStatement(sql: "ROLLBACK TRANSACTION").execute()
            }
        }
    }

    var failure: (any Error)? {
        if case .failure(let error) = self.outcome { error } else { nil }
    }

    func finish() {
        self.continuation.resume(with: self.outcome ?? .failure(CancellationError()))
    }

    func finish(failingWith error: any Error) {
        if case .failure(let own) = self.outcome {
            self.continuation.resume(throwing: own)
        } else {
            self.continuation.resume(throwing: error)
        }
    }
}
