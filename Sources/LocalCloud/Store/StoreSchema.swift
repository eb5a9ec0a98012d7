import GRDB

/// The SQLite schema of the store: one table of items keyed like DynamoDB's, the GSI1 index as a partial index
/// over the items that have both index keys, and an index on expiry times for purging.
enum StoreSchema {
    static func migrate(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE IF NOT EXISTS items (
                    pk TEXT NOT NULL,
                    sk TEXT NOT NULL,
                    gsi1pk TEXT,
                    gsi1sk TEXT,
                    expires_at INTEGER,
                    body BLOB NOT NULL,
                    PRIMARY KEY (pk, sk)
                ) WITHOUT ROWID;
                CREATE INDEX IF NOT EXISTS items_gsi1 ON items (gsi1pk, gsi1sk, pk, sk)
                    WHERE gsi1pk IS NOT NULL AND gsi1sk IS NOT NULL;
                CREATE INDEX IF NOT EXISTS items_expiry ON items (expires_at) WHERE expires_at IS NOT NULL;
                """
        )
    }
}
