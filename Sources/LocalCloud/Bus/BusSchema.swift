import Cloud
import GRDB

/// The tables of the local bus's SQLite file: buses, rules and their targets (each target as its JSON definition),
/// the tags of buses and rules (a bus's own under the rule ''),
/// the deliveries still owed to targets (rules keep their rowid: the order they were created in, which is the
/// order of the rules an event matched), archives with the events they keep, and replays.
///
/// A delivery row is written in the same transaction that accepts its event and deleted once its target took it,
/// so an event acknowledged by `PutEvents` outlives any crash. Deliveries are found by when they are next due,
/// archived events by archive and event time (a replay's window).
enum BusSchema {
    /// Creates the tables that are missing, and the `default` bus.
    static func migrate(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE IF NOT EXISTS buses (name TEXT PRIMARY KEY) STRICT;
                CREATE TABLE IF NOT EXISTS rules (
                    bus TEXT NOT NULL,
                    name TEXT NOT NULL,
                    pattern TEXT NOT NULL,
                    state TEXT NOT NULL,
                    description TEXT,
                    PRIMARY KEY (bus, name)
                ) STRICT;
                CREATE TABLE IF NOT EXISTS targets (
                    bus TEXT NOT NULL,
                    rule TEXT NOT NULL,
                    id TEXT NOT NULL,
                    definition TEXT NOT NULL,
                    PRIMARY KEY (bus, rule, id)
                ) STRICT, WITHOUT ROWID;
                CREATE TABLE IF NOT EXISTS deliveries (
                    seq INTEGER PRIMARY KEY AUTOINCREMENT,
                    event_id TEXT NOT NULL,
                    bus TEXT NOT NULL,
                    rule TEXT NOT NULL,
                    target TEXT NOT NULL,
                    payload TEXT NOT NULL,
                    trace_header TEXT,
                    ingested_ms INTEGER NOT NULL,
                    attempts INTEGER NOT NULL DEFAULT 0,
                    next_attempt_ms INTEGER NOT NULL
                ) STRICT;
                CREATE INDEX IF NOT EXISTS deliveries_by_due_time ON deliveries(next_attempt_ms);
                CREATE TABLE IF NOT EXISTS archives (
                    name TEXT PRIMARY KEY,
                    bus TEXT NOT NULL,
                    pattern TEXT,
                    retention_days INTEGER NOT NULL
                ) STRICT;
                CREATE TABLE IF NOT EXISTS archived_events (
                    seq INTEGER PRIMARY KEY AUTOINCREMENT,
                    archive TEXT NOT NULL,
                    event_time_ms INTEGER NOT NULL,
                    archived_ms INTEGER NOT NULL,
                    event TEXT NOT NULL,
                    trace_header TEXT
                ) STRICT;
                CREATE INDEX IF NOT EXISTS archived_events_by_time ON archived_events(archive, event_time_ms);
                CREATE TABLE IF NOT EXISTS resource_tags (
                    bus TEXT NOT NULL,
                    rule TEXT NOT NULL,
                    key TEXT NOT NULL,
                    value TEXT NOT NULL,
                    PRIMARY KEY (bus, rule, key)
                ) STRICT, WITHOUT ROWID;
                CREATE TABLE IF NOT EXISTS replays (
                    name TEXT PRIMARY KEY,
                    archive TEXT NOT NULL,
                    bus TEXT NOT NULL,
                    from_ms INTEGER NOT NULL,
                    to_ms INTEGER NOT NULL,
                    rules TEXT,
                    state TEXT NOT NULL,
                    last_replayed_ms INTEGER,
                    replayed INTEGER NOT NULL
                ) STRICT;
                """)
        try db.execute(sql: "INSERT OR IGNORE INTO buses (name) VALUES (?)", arguments: [EventBusNames.default])
    }
}
