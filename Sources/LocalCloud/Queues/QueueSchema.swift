import GRDB

/// The tables of the local queues' SQLite file: the queues with their settings, tags and times (of creation and of
/// the last change of settings; a queue made before the times were kept has no creation time), the messages (the
/// attributes and receipts hang off them and go with them), and the deduplication ids FIFO queues remember for five
/// minutes.
///
/// The messages have three indexes, one per way a receive reaches them, so that a receive does not read the whole
/// queue: in order of sending (`messages_by_queue`, a rowid index, so ordered by `seq`), by when they become visible
/// (the in-flight count and the next wake-up of a long poll), and by when they expire.
enum QueueSchema {
    /// Creates the tables that are missing.
    static func migrate(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE IF NOT EXISTS queues (
                    name TEXT PRIMARY KEY,
                    fifo INTEGER NOT NULL,
                    content_based_deduplication INTEGER NOT NULL,
                    visibility_timeout_ms INTEGER NOT NULL,
                    retention_ms INTEGER NOT NULL,
                    delay_ms INTEGER NOT NULL,
                    receive_wait_time_ms INTEGER NOT NULL,
                    maximum_message_size INTEGER NOT NULL,
                    dead_letter_queue TEXT,
                    max_receive_count INTEGER,
                    last_sequence_number INTEGER NOT NULL DEFAULT 0
                ) STRICT;
                CREATE TABLE IF NOT EXISTS messages (
                    seq INTEGER PRIMARY KEY AUTOINCREMENT,
                    queue TEXT NOT NULL,
                    message_id TEXT NOT NULL,
                    body TEXT NOT NULL,
                    md5_of_body TEXT NOT NULL,
                    trace_header TEXT,
                    group_id TEXT,
                    deduplication_id TEXT,
                    sequence_number TEXT,
                    sent_ms INTEGER NOT NULL,
                    visible_at_ms INTEGER NOT NULL,
                    expires_at_ms INTEGER NOT NULL,
                    receive_count INTEGER NOT NULL DEFAULT 0,
                    first_receive_ms INTEGER,
                    last_receive_ms INTEGER,
                    receipt TEXT,
                    source_queue TEXT
                ) STRICT;
                CREATE INDEX IF NOT EXISTS messages_by_queue ON messages(queue);
                CREATE INDEX IF NOT EXISTS messages_by_visibility ON messages(queue, visible_at_ms);
                CREATE INDEX IF NOT EXISTS messages_by_expiry ON messages(queue, expires_at_ms);
                CREATE TABLE IF NOT EXISTS message_attributes (
                    seq INTEGER NOT NULL REFERENCES messages(seq) ON DELETE CASCADE,
                    name TEXT NOT NULL,
                    data_type TEXT NOT NULL,
                    value BLOB NOT NULL,
                    PRIMARY KEY (seq, name)
                ) STRICT, WITHOUT ROWID;
                CREATE TABLE IF NOT EXISTS receipts (
                    token TEXT PRIMARY KEY,
                    seq INTEGER NOT NULL REFERENCES messages(seq) ON DELETE CASCADE
                ) STRICT;
                CREATE INDEX IF NOT EXISTS receipts_by_message ON receipts(seq);
                CREATE TABLE IF NOT EXISTS queue_times (
                    queue TEXT PRIMARY KEY,
                    created_ms INTEGER,
                    modified_ms INTEGER NOT NULL
                ) STRICT;
                CREATE TABLE IF NOT EXISTS queue_tags (
                    queue TEXT NOT NULL,
                    key TEXT NOT NULL,
                    value TEXT NOT NULL,
                    PRIMARY KEY (queue, key)
                ) STRICT, WITHOUT ROWID;
                CREATE TABLE IF NOT EXISTS deduplication (
                    queue TEXT NOT NULL,
                    deduplication_id TEXT NOT NULL,
                    message_id TEXT NOT NULL,
                    md5_of_body TEXT NOT NULL,
                    sequence_number TEXT NOT NULL,
                    expires_at_ms INTEGER NOT NULL,
                    PRIMARY KEY (queue, deduplication_id)
                ) STRICT, WITHOUT ROWID;
                """)
    }
}
