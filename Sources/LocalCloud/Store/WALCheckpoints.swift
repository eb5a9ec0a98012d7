import GRDB
import GRDBSQLite
import Synchronization

/// Copies the store's WAL file back into the database file on the store's writing thread, never on a caller's.
///
/// SQLite's own automatic checkpoint runs inside the commit that makes the WAL file long, and a checkpoint syncs the
/// disk, so it would stall a write that runs on the caller's thread (``InlineOrQueuedConnections``). Instead, the
/// writer's connection reports the length of the WAL after each commit (a WAL hook, which also turns the automatic
/// checkpoint off), and once it reaches SQLite's default of 1,000 pages a passive checkpoint, one at a time, is
/// queued on the writing thread on a connection of its own, so the writer stays free to commit meanwhile. A passive
/// checkpoint waits for no reader and no writer: it copies what it can, and the next one copies the rest.
final class WALCheckpoints: Sendable {
    /// The WAL length, in pages, from which a checkpoint is queued.
    static let pagesBeforeCheckpoint = 1_000

    private let connection: DatabaseQueue
    private let threads: SQLiteThreads
    private let pagesInWAL = Atomic<Int>(0)
    private let isQueued = Atomic<Bool>(false)

    /// Opens a connection of its own to the database at `path`, which `threads`' writing thread checkpoints on.
    init(path: String, threads: SQLiteThreads) throws {
        self.connection = try DatabaseQueue(path: path)
        self.threads = threads
    }

    /// Has the writer's connection `db` report the WAL's length after each commit, instead of checkpointing itself.
    ///
    /// SQLite keeps a pointer to `self` for the hook: the store that owns both keeps `self` alive for as long as it
    /// writes on `db`, and nothing commits on `db` after the store is gone.
    func watch(_ db: Database) {
        let context = Unmanaged.passUnretained(self).toOpaque()
        sqlite3_wal_hook(
            db.sqliteConnection,
            { context, _, _, pages in
                guard let context else { return SQLITE_OK }
                Unmanaged<WALCheckpoints>.fromOpaque(context).takeUnretainedValue().pagesInWAL.store(
                    Int(pages), ordering: .relaxed)
                return SQLITE_OK
            }, context)
    }

    /// Queues a checkpoint on the writing thread if the WAL is long enough and none is queued already; returns at
    /// once.
    func checkpointIfDue() {
        guard self.pagesInWAL.load(ordering: .relaxed) >= Self.pagesBeforeCheckpoint,
            self.isQueued.compareExchange(expected: false, desired: true, ordering: .acquiringAndReleasing).exchanged
        else { return }
        self.threads.writeInBackground { [self] in
            defer { self.isQueued.store(false, ordering: .releasing) }
            // A checkpoint that fails leaves the WAL as it is, still readable; a later commit queues another.
            self.connection.inDatabase { db in
                _ = sqlite3_wal_checkpoint_v2(db.sqliteConnection, nil, SQLITE_CHECKPOINT_PASSIVE, nil, nil)
            }
        }
    }
}
