import Benchmark
import Cloud
import Foundation
import GRDB
import LocalCloud

// The ItemStore on SQLite against raw SQLite doing the equivalent statement on the same settings (WAL,
// synchronous = NORMAL, cached prepared statements) in the same run. `scripts/bench-store.sh` prints the ratios.

let workspace: URL = {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("stratus-store-bench-\(getpid())")
    try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}()

let store = try! SQLiteItemStore(path: workspace.appendingPathComponent("store.sqlite").path)
let raw = try! RawSQLite(path: workspace.appendingPathComponent("raw.sqlite").path)

/// A typical order as the Orders service keeps it.
func order(_ number: Int, version: Int = 1) -> Item {
    [
        "PK": .string("ORDER#\(number)"), "SK": "DETAILS",
        "GSI1PK": "USER#alice", "GSI1SK": .string("ORDER#2026-11-22T10:00:00.000Z#\(number)"),
        "orderId": .string("\(number)"), "customerId": "alice", "status": "PENDING", "currency": "EUR",
        "total": .int(9248), "version": .int(version),
        "createdAt": "2026-11-22T10:00:00.000Z", "updatedAt": "2026-11-22T10:00:00.000Z",
        "items": [
            ["sku": "A-1", "quantity": .int(2), "unitPrice": .int(1999)],
            ["sku": "B-2", "quantity": .int(1), "unitPrice": .int(4500)],
            ["sku": "C-3", "quantity": .int(5), "unitPrice": .int(250)],
        ],
    ]
}

let orderBytes = ItemBinaryCodec.encode(order(0))
let keyCount = 1000
let pageSize = 25

/// The raw side: one table with a version column, written and read with hand-written SQL.
final class RawSQLite: Sendable {
    let pool: DatabasePool

    init(path: String) throws {
        var configuration = Configuration()
        configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA synchronous = NORMAL") }
        self.pool = try DatabasePool(path: path, configuration: configuration)
        try self.pool.write { db in
            try db.execute(
                sql: """
                    CREATE TABLE IF NOT EXISTS raw_items (
                        pk TEXT NOT NULL, sk TEXT NOT NULL, version INTEGER NOT NULL, body BLOB NOT NULL,
                        PRIMARY KEY (pk, sk)) WITHOUT ROWID
                    """)
        }
    }

    func put(_ pk: String, _ sk: String, _ body: Data) throws {
        try self.pool.writeWithoutTransaction { db in
            try db.cachedStatement(sql: "REPLACE INTO raw_items (pk, sk, version, body) VALUES (?, ?, 1, ?)")
                .execute(arguments: [pk, sk, body])
        }
    }

    func get(_ pk: String, _ sk: String) throws -> [UInt8]? {
        try self.pool.unsafeRead { db in
            let rows = try Row.fetchCursor(
                db.cachedStatement(sql: "SELECT body FROM raw_items WHERE pk = ? AND sk = ?"), arguments: [pk, sk])
            guard let row = try rows.next() else { return nil }
            return try row.withUnsafeData(atIndex: 0) { $0.map { Array($0) } }
        }
    }

    /// Sets a new body and bumps the version if the version is at least `minimumVersion`; returns whether it did.
    func update(_ pk: String, _ sk: String, minimumVersion: Int, body: Data) throws -> Bool {
        try self.pool.writeWithoutTransaction { db in
            try db.cachedStatement(
                sql: "UPDATE raw_items SET body = ?, version = version + 1 WHERE pk = ? AND sk = ? AND version >= ?"
            ).execute(arguments: [body, pk, sk, minimumVersion])
            return db.changesCount == 1
        }
    }

    func page(_ pk: String, limit: Int) throws -> [[UInt8]] {
        try self.pool.unsafeRead { db in
            let rows = try Row.fetchCursor(
                db.cachedStatement(sql: "SELECT sk, body FROM raw_items WHERE pk = ? ORDER BY sk LIMIT ?"),
                arguments: [pk, limit])
            var bodies: [[UInt8]] = []
            while let row = try rows.next() {
                bodies.append(try row.withUnsafeData(atIndex: 1) { $0.map { Array($0) } ?? [] })
            }
            return bodies
        }
    }
}

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .throughput, .mallocCountTotal],
        // A thousand operations a sample: the figures are per operation, in steady state.
        scalingFactor: .kilo,
        maxDuration: .seconds(3),
        maxIterations: 1_000
    )

    // Data both sides read: one order per key, and one partition of orders to page through.
    Benchmark.setup = {
        for number in 0..<keyCount {
            try await store.put(order(number), condition: nil, returning: .none)
            try raw.put("ORDER#\(number)", "DETAILS", Data(orderBytes))
            var line = order(number)
            line["PK"] = "PAGE"
            line["SK"] = .string("ORDER#\(100_000 + number)")
            try await store.put(line, condition: nil, returning: .none)
            try raw.put("PAGE", "ORDER#\(100_000 + number)", Data(orderBytes))
        }
    }

    Benchmark("put: store") { benchmark in
        for iteration in benchmark.scaledIterations {
            _ = try await store.put(order(iteration % keyCount), condition: nil, returning: .none)
        }
    }
    Benchmark("put: raw SQLite") { benchmark in
        for iteration in benchmark.scaledIterations {
            blackHole(order(iteration % keyCount))
            try raw.put("ORDER#\(iteration % keyCount)", "DETAILS", Data(orderBytes))
        }
    }

    Benchmark("get: store") { benchmark in
        for iteration in benchmark.scaledIterations {
            blackHole(try await store.get(ItemKey(partition: "ORDER#\(iteration % keyCount)", sort: "DETAILS")))
        }
    }
    Benchmark("get: raw SQLite") { benchmark in
        for iteration in benchmark.scaledIterations {
            blackHole(try raw.get("ORDER#\(iteration % keyCount)", "DETAILS"))
        }
    }

    // The condition reads the stored item, as an optimistic lock does; it always holds, so every update writes.
    Benchmark("conditional update: store") { benchmark in
        for iteration in benchmark.scaledIterations {
            _ = try await store.update(
                ItemKey(partition: "ORDER#\(iteration % keyCount)", sort: "DETAILS"),
                ItemUpdate().set("status", to: "CONFIRMED").set("version", .sum(.path("version"), .value(.int(1)))),
                condition: .compare("version", .greaterOrEqual, .int(1)),
                returning: .none
            )
        }
    }
    Benchmark("conditional update: raw SQLite") { benchmark in
        for iteration in benchmark.scaledIterations {
            let updated = try raw.update(
                "ORDER#\(iteration % keyCount)", "DETAILS", minimumVersion: 1, body: Data(orderBytes))
            precondition(updated)
        }
    }

    Benchmark("query page of 25: store") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try await store.query(ItemQuery(partition: "PAGE", limit: pageSize)))
        }
    }
    // Items of a page decode their attributes as they are read; this is the cost when a caller reads all of them.
    Benchmark("query page of 25, every attribute decoded: store") { benchmark in
        for _ in benchmark.scaledIterations {
            for item in try await store.query(ItemQuery(partition: "PAGE", limit: pageSize)).items {
                blackHole(item.attributes)
            }
        }
    }
    Benchmark("query page of 25: raw SQLite") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try raw.page("PAGE", limit: pageSize))
        }
    }
}
