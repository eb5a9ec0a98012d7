import Cloud
import GRDBSQLite
import Synchronization

/// Reads one item by its key on SQLite connections of its own, each with the lookup statement prepared once.
///
/// This is the hot path of most requests (`GetItem`), and a pooled read through GRDB costs several times the lookup
/// itself: a schema-version query, a dispatch queue, a row object. Here a read is a checked-out connection, bind,
/// step, copy the blob, reset. The connections see what the store's writer committed, as any WAL reader does, and are
/// opened `query_only`, so a point read never takes the write lock and never waits for a writer. There are never more
/// connections than threads that read at once; one that reports an error is closed rather than reused.
final class SQLitePointReader: Sendable {
    private let path: String
    private let busyTimeoutMilliseconds: Int32
    private let idle = Mutex<[Connection]>([])

    init(path: String, busyTimeoutMilliseconds: Int32) {
        self.path = path
        self.busyTimeoutMilliseconds = busyTimeoutMilliseconds
    }

    /// The item with `key` unless it is absent or its time to live has passed by `nowSeconds`.
    func item(_ key: ItemKey, nowSeconds: Int64) throws(ItemStoreError) -> Item? {
        let connection: Connection
        if let idle = self.idle.withLock({ $0.popLast() }) {
            connection = idle
        } else {
            connection = try Connection(
                path: self.path, lookup: StoredItem.visibleLookup, busyTimeoutMilliseconds: self.busyTimeoutMilliseconds
            )
        }
        // A connection that failed is not handed back: it closes as it goes out of scope.
        let body = try connection.lookup(partition: key.partition, sort: key.sort, nowSeconds: nowSeconds)
        self.idle.withLock { $0.append(connection) }
        return try body.map(StoredItem.item(encoded:))
    }
}

extension SQLitePointReader {
    /// One SQLite connection and its prepared lookup, used by one thread at a time: the reader hands it out and
    /// takes it back under its lock, which is what makes the unchecked `Sendable` sound.
    final class Connection: @unchecked Sendable {
        private let database: OpaquePointer
        private let statement: OpaquePointer

        init(path: String, lookup: String, busyTimeoutMilliseconds: Int32) throws(ItemStoreError) {
            var database: OpaquePointer?
            let flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX
            guard sqlite3_open_v2(path, &database, flags, nil) == SQLITE_OK, let database else {
                let message = database.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
                sqlite3_close_v2(database)
                throw .unavailable("cannot open \(path) for reading: \(message)")
            }
            sqlite3_busy_timeout(database, busyTimeoutMilliseconds)
            var statement: OpaquePointer?
            guard sqlite3_exec(database, "PRAGMA query_only = 1", nil, nil, nil) == SQLITE_OK,
                sqlite3_prepare_v3(database, lookup, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &statement, nil)
                    == SQLITE_OK,
                let statement
            else {
                let message = String(cString: sqlite3_errmsg(database))
                sqlite3_close_v2(database)
                throw .unavailable("cannot prepare the item lookup on \(path): \(message)")
            }
            self.database = database
            self.statement = statement
        }

        deinit {
            sqlite3_finalize(self.statement)
            sqlite3_close_v2(self.database)
        }

        /// The stored body of the visible item with this key, or `nil`.
        func lookup(partition: String, sort: String, nowSeconds: Int64) throws(ItemStoreError) -> [UInt8]? {
            defer { sqlite3_reset(self.statement) }
            guard self.bind(partition, at: 1), self.bind(sort, at: 2),
                sqlite3_bind_int64(self.statement, 3, nowSeconds) == SQLITE_OK
            else { throw self.failure("bind the item key") }
            switch sqlite3_step(self.statement) {
            case SQLITE_ROW:
                let count = Int(sqlite3_column_bytes(self.statement, 0))
                guard count > 0, let bytes = sqlite3_column_blob(self.statement, 0) else { return [] }
                return Array(UnsafeRawBufferPointer(start: bytes, count: count))
            case SQLITE_DONE:
                return nil
            default:
                throw self.failure("read an item")
            }
        }

        private func bind(_ text: String, at index: Int32) -> Bool {
            var text = text
            return text.withUTF8 { utf8 in
                sqlite3_bind_text(self.statement, index, utf8.baseAddress, Int32(utf8.count), Self.transient)
                    == SQLITE_OK
            }
        }

        private func failure(_ action: String) -> ItemStoreError {
            .unavailable("cannot \(action): \(String(cString: sqlite3_errmsg(self.database)))")
        }

        /// SQLite's `SQLITE_TRANSIENT`: copy the bound bytes before the call returns.
        private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
    }
}
