import GRDB
import GRDBSQLite
import Synchronization

/// Copies the store's WAL file back into the database file on the store's writing thread, never on a caller's.
///
/// SQLite's own automatic checkpoint runs inside the commit that makes the WAL file long, and a checkpoint syncs the
/// disk, so it would stall a write that runs on the caller's thread (``InlineOrQueuedConnections``). Instead, the
/// writer's connection reports the length of the WAL after each commit (a WAL hook, which also turns the automatic
/// checkpoint off), and each time it has grown by SQLite's default of 1,000 pages since the last checkpoint a passive
/// checkpoint, one at a time, is queued on the writing thread on a connection of its own, so the writer stays free to
/// commit meanwhile. A passive checkpoint waits for no reader and no writer: it copies what it can, and the next one
/// copies the rest. (SQLite's own rule, a checkpoint at every commit that finds 1,000 pages, runs one after nearly
/// every commit while readers keep the WAL from starting over: a tenth of the local cloud's time under load went to
/// copying and syncing the same few pages again.)
///
/// Copying is not emptying: SQLite starts the WAL file over only at a commit that finds every page copied and no
/// reader still inside the WAL, which reads and writes that never pause do not leave (ten seconds of orders through
/// the gateway grew it to 1.1 GB). So once the WAL reaches ``pagesBeforeTruncation``, the checkpoint holds off the
/// writers (``isTruncating`` sends the writes that would run on a caller's thread to the writing thread, behind it),
/// waits up to ``readerWait`` for the readers of older pages (a read takes microseconds; readers that begin meanwhile
/// read the database file), and truncates the WAL to nothing.
final class WALCheckpoints: Sendable {
    /// By how many pages the WAL grows between two checkpoints.
    static let pagesBeforeCheckpoint = 1_000
    /// The WAL length, in pages (of 4 KB), from which a checkpoint also truncates the WAL.
    static let pagesBeforeTruncation = 10_000
    /// How long a truncating checkpoint waits for readers still inside the WAL before it gives up until the next.
    static let readerWait = Duration.milliseconds(100)

    private let connection: DatabaseQueue
    private let threads: SQLiteThreads
    private let pagesBeforeTruncation: Int
    private let pagesInWAL = Atomic<Int>(0)
    /// The WAL length when the last checkpoint was queued (0 after one that truncated it).
    private let pagesAtLastCheckpoint = Atomic<Int>(0)
    /// How many checkpoints have run, for tests.
    private let completed = Atomic<Int>(0)
    private let isQueued = Atomic<Bool>(false)
    private let truncating = Atomic<Bool>(false)
    /// The WAL length from which the next checkpoint truncates: raised by ``pagesBeforeTruncation`` after one that
    /// found readers it waited for in vain (a long read), so that the writers are not held off again at every commit.
    private let truncateFrom: Atomic<Int>

    /// Opens a connection of its own to the database at `path`, which `threads`' writing thread checkpoints on,
    /// truncating the WAL once it reaches `pagesBeforeTruncation` pages.
    init(path: String, threads: SQLiteThreads, pagesBeforeTruncation: Int = WALCheckpoints.pagesBeforeTruncation) throws
    {
        var configuration = Configuration()
        // Only a truncating checkpoint waits (for readers); a passive one never calls the busy handler.
        configuration.busyMode = .timeout(Double(Self.readerWait.wholeMilliseconds) / 1000)
        self.connection = try DatabaseQueue(path: path, configuration: configuration)
        self.threads = threads
        self.pagesBeforeTruncation = pagesBeforeTruncation
        self.truncateFrom = Atomic(pagesBeforeTruncation)
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

    /// Whether a truncating checkpoint is queued or running: a write must not run on its caller's thread meanwhile,
    /// where it would take the lock the checkpoint waits for, but queue on the writing thread behind it.
    var isTruncating: Bool {
        self.truncating.load(ordering: .acquiring)
    }

    /// How many checkpoints have run.
    var checkpointCount: Int {
        self.completed.load(ordering: .relaxed)
    }

    /// Queues a checkpoint on the writing thread if the WAL has grown by ``pagesBeforeCheckpoint`` since the last one
    /// and none is queued already; returns at once.
    func checkpointIfDue() {
        let pages = self.pagesInWAL.load(ordering: .relaxed)
        let last = self.pagesAtLastCheckpoint.load(ordering: .relaxed)
        // A WAL shorter than at the last checkpoint has started over since: all of it is new.
        let grown = pages < last ? pages : pages - last
        guard grown >= Self.pagesBeforeCheckpoint,
            self.isQueued.compareExchange(expected: false, desired: true, ordering: .acquiringAndReleasing).exchanged
        else { return }
        self.pagesAtLastCheckpoint.store(pages, ordering: .relaxed)
        let truncates = pages >= self.truncateFrom.load(ordering: .relaxed)
        if truncates { self.truncating.store(true, ordering: .releasing) }
        self.threads.writeInBackground { [self] in
            defer {
                self.truncating.store(false, ordering: .releasing)
                self.isQueued.store(false, ordering: .releasing)
            }
            // A checkpoint that fails (or finds readers it waited for in vain) leaves the WAL as it is, still
            // readable; a later commit queues another.
            let result = self.connection.inDatabase { db in
                sqlite3_wal_checkpoint_v2(
                    db.sqliteConnection, nil, truncates ? SQLITE_CHECKPOINT_TRUNCATE : SQLITE_CHECKPOINT_PASSIVE, nil,
                    nil)
            }
            if truncates {
                let next = result == SQLITE_OK ? self.pagesBeforeTruncation : pages + self.pagesBeforeTruncation
                self.truncateFrom.store(next, ordering: .relaxed)
                if result == SQLITE_OK { self.pagesAtLastCheckpoint.store(0, ordering: .relaxed) }
            }
            self.completed.add(1, ordering: .relaxed)
        }
    }
}
