import Foundation
import GRDB
import JSONCoding
import LambdaEvents
public import Observability

/// The local cloud's logs, metrics, invocations and trace segments, in their own SQLite file beside the item
/// store, kept for a retention period.
///
/// Like the item store, it owns the threads its SQLite calls run on (``SQLiteThreads``): the recorder's batches
/// are written on one, the API's reads run on another, and none on the caller's thread. The file is in WAL mode, so
/// the API's reads do not wait for the recorder's writes.
public final class TelemetryStore: Sendable {
    private let database: any DatabaseWriter
    private let threads = SQLiteThreads(readers: 1)
    private let writes: GroupCommits

    /// Opens (creating if needed) the file at `path`; `nil` path keeps everything in memory.
    public init(path: String?) throws {
        var configuration = Configuration()
        // Only the recorder's batches wait for a lock, on the store's writing thread: `stratus invoke` may be
        // writing its own to the same file.
        configuration.busyMode = .timeout(10)
        configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA synchronous = NORMAL") }
        // A pool opens its file in WAL mode; a database in memory has one connection, a queue.
        if let path {
            self.database = try DatabasePool(path: path, configuration: configuration)
        } else {
            self.database = try DatabaseQueue(configuration: configuration)
        }
        try self.database.write { db in try db.execute(sql: Self.schema) }
        self.writes = GroupCommits(self.database, threads: self.threads)
    }

    private static let schema = """
        CREATE TABLE IF NOT EXISTS log_events (
            sequence INTEGER PRIMARY KEY AUTOINCREMENT, time_ms INTEGER NOT NULL, function TEXT NOT NULL, level TEXT,
            message TEXT, correlation_id TEXT, trace_id TEXT, request_id TEXT, line TEXT NOT NULL);
        CREATE INDEX IF NOT EXISTS log_events_time ON log_events(time_ms);
        CREATE INDEX IF NOT EXISTS log_events_correlation ON log_events(correlation_id) WHERE correlation_id IS NOT NULL;
        CREATE INDEX IF NOT EXISTS log_events_trace ON log_events(trace_id) WHERE trace_id IS NOT NULL;
        CREATE TABLE IF NOT EXISTS metric_points (
            time_ms INTEGER NOT NULL, function TEXT NOT NULL, namespace TEXT NOT NULL, name TEXT NOT NULL, unit TEXT,
            value REAL NOT NULL, dimensions TEXT NOT NULL);
        CREATE INDEX IF NOT EXISTS metric_points_name ON metric_points(namespace, name, time_ms);
        CREATE TABLE IF NOT EXISTS invocations (
            time_ms INTEGER NOT NULL, function TEXT NOT NULL, duration_us INTEGER NOT NULL, outcome TEXT NOT NULL,
            cold_start INTEGER NOT NULL);
        CREATE INDEX IF NOT EXISTS invocations_time ON invocations(time_ms);
        CREATE TABLE IF NOT EXISTS segments (
            trace_id TEXT NOT NULL, id TEXT NOT NULL, parent_id TEXT, start_time REAL NOT NULL, received_ms INTEGER NOT NULL,
            document TEXT NOT NULL, PRIMARY KEY (trace_id, id));
        CREATE INDEX IF NOT EXISTS segments_received ON segments(received_ms);
        """

    /// What the recorder gathered since its last flush.
    struct Batch: Sendable {
        var logs: [LogRecord] = []
        var metrics: [MetricPoint] = []
        var invocations: [InvocationRecord] = []
        var segments: [(segment: ReceivedSegment, receivedMilliseconds: Int64)] = []

        var isEmpty: Bool {
            self.logs.isEmpty && self.metrics.isEmpty && self.invocations.isEmpty && self.segments.isEmpty
        }
    }

    /// Writes a batch in one transaction. A segment replaces an earlier one with its id (a complete segment
    /// overwrites its in-progress version).
    func write(_ batch: Batch) async throws {
        try await self.write { db in
            // Prepared once per connection: a batch is thousands of rows under load.
            let insertLog = try db.cachedStatement(
                sql: """
                    INSERT INTO log_events (time_ms, function, level, message, correlation_id, trace_id, request_id, line)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """)
            for log in batch.logs {
                try insertLog.execute(arguments: [
                    log.timeMilliseconds, log.function, log.level, log.message, log.correlationID, log.traceID,
                    log.requestID, log.line,
                ])
            }
            let insertMetric = try db.cachedStatement(
                sql:
                    "INSERT INTO metric_points (time_ms, function, namespace, name, unit, value, dimensions) VALUES (?, ?, ?, ?, ?, ?, ?)"
            )
            for point in batch.metrics {
                let dimensions = Self.json(point.dimensions)
                try insertMetric.execute(arguments: [
                    point.timeMilliseconds, point.function, point.namespace, point.name, point.unit, point.value,
                    dimensions,
                ])
            }
            let insertInvocation = try db.cachedStatement(
                sql:
                    "INSERT INTO invocations (time_ms, function, duration_us, outcome, cold_start) VALUES (?, ?, ?, ?, ?)"
            )
            for invocation in batch.invocations {
                try insertInvocation.execute(arguments: [
                    invocation.timeMilliseconds, invocation.function, invocation.durationMicroseconds,
                    invocation.outcome.rawValue,
                    invocation.isColdStart,
                ])
            }
            let insertSegment = try db.cachedStatement(
                sql:
                    "INSERT OR REPLACE INTO segments (trace_id, id, parent_id, start_time, received_ms, document) VALUES (?, ?, ?, ?, ?, ?)"
            )
            for (segment, received) in batch.segments {
                try insertSegment.execute(arguments: [
                    segment.traceID, segment.id, segment.parentID, segment.startTime, received, segment.json,
                ])
            }
        }
    }

    /// `dimensions` as a JSON object with its names in order: the form the `dimensions` column keeps.
    static func json(_ dimensions: [String: String]) -> String {
        var writer = JSONWriter(capacity: 16 + dimensions.count * 32)
        writer.beginObject()
        for (name, value) in dimensions.sorted(by: { $0.key < $1.key }) {
            writer.key(name)
            writer.string(value)
        }
        writer.endObject()
        return String(decoding: writer.bytes, as: UTF8.self)
    }

    /// Deletes everything recorded before `cutoffMilliseconds`; returns how many rows went.
    @discardableResult
    public func purge(before cutoffMilliseconds: Int64) async throws -> Int {
        try await self.write { db in
            var removed = 0
            for (table, column) in [
                ("log_events", "time_ms"), ("metric_points", "time_ms"), ("invocations", "time_ms"),
                ("segments", "received_ms"),
            ] {
                try db.execute(sql: "DELETE FROM \(table) WHERE \(column) < ?", arguments: [cutoffMilliseconds])
                removed += db.changesCount
            }
            return removed
        }
    }

    /// Runs `updates` on the writing thread in a transaction it shares with the writes queued beside it, in a
    /// savepoint of its own (``GroupCommits``).
    private func write<T: Sendable>(_ updates: @escaping @Sendable (Database) throws -> T) async throws -> T {
        try await self.writes.write(updates)
    }

    // MARK: Reading

    /// Runs `value` on a reading thread.
    private func read<T: Sendable>(_ value: @escaping @Sendable (Database) throws -> T) async throws -> T {
        let database = self.database
        return try await self.threads.read { try database.read(value) }
    }

    /// Log events matching `filter`, oldest first.
    public func logs(_ filter: LogFilter) async throws -> [LogRecord] {
        var conditions = SQLConditions()
        conditions.add("function = ?", filter.function)
        conditions.add("level = ?", filter.level?.uppercased())
        conditions.add("correlation_id = ?", filter.correlationID)
        conditions.add("trace_id = ?", filter.traceID)
        conditions.add("time_ms >= ?", filter.sinceMilliseconds)
        conditions.add("sequence > ?", filter.afterSequence)
        // The newest `limit` lines, answered oldest first.
        let sql = """
            SELECT * FROM (SELECT * FROM log_events \(conditions.whereClause) ORDER BY sequence DESC LIMIT ?) \
            ORDER BY sequence
            """
        var arguments = conditions.arguments
        arguments += [filter.limit]
        return try await self.read { [arguments] db in
            try Row.fetchAll(db, sql: sql, arguments: arguments).map { row in
                LogRecord(
                    sequence: row["sequence"], timeMilliseconds: row["time_ms"], function: row["function"],
                    level: row["level"],
                    message: row["message"], correlationID: row["correlation_id"], traceID: row["trace_id"],
                    requestID: row["request_id"], line: row["line"]
                )
            }
        }
    }

    /// Invocations since `sinceMilliseconds`.
    public func invocations(since sinceMilliseconds: Int64) async throws -> [InvocationRecord] {
        try await self.read { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM invocations WHERE time_ms >= ? ORDER BY time_ms", arguments: [sinceMilliseconds]
            ).map { row in
                InvocationRecord(
                    timeMilliseconds: row["time_ms"], function: row["function"],
                    durationMicroseconds: row["duration_us"],
                    outcome: InvocationRecord.Outcome(rawValue: row["outcome"]) ?? .error,
                    isColdStart: row["cold_start"]
                )
            }
        }
    }

    /// Each function's statistics over the invocations since `sinceMilliseconds`, computed in SQL: the counts by
    /// grouping, the percentiles by reading only the rows at their ranks.
    public func functionStatistics(since sinceMilliseconds: Int64) async throws -> [FunctionStatistics] {
        try await self.read { db in
            let counts = try Row.fetchAll(
                db,
                sql: """
                    SELECT function, SUM(outcome != 'throttle') AS invocations, SUM(outcome = 'error') AS errors,
                        SUM(outcome = 'throttle') AS throttles, SUM(cold_start AND outcome != 'throttle') AS cold_starts
                    FROM invocations WHERE time_ms >= ? GROUP BY function
                    """, arguments: [sinceMilliseconds])
            let ranked = try Row.fetchAll(
                db,
                sql: """
                    SELECT function, rank, duration_us FROM (
                        SELECT function, duration_us, ROW_NUMBER() OVER (PARTITION BY function ORDER BY duration_us) AS rank,
                            COUNT(*) OVER (PARTITION BY function) AS total
                        FROM invocations WHERE time_ms >= ? AND outcome != 'throttle')
                    WHERE rank IN (\(FunctionStatistics.Percentiles.rankSQL))
                    """, arguments: [sinceMilliseconds])
            var durations: [String: [Int: Int64]] = [:]
            for row in ranked { durations[row["function"], default: [:]][row["rank"]] = row["duration_us"] }
            return counts.map { row in
                let function: String = row["function"]
                let invocations: Int = row["invocations"]
                return FunctionStatistics(
                    function: function, invocations: invocations, errors: row["errors"], throttles: row["throttles"],
                    coldStarts: row["cold_starts"],
                    duration: .init(count: invocations) { rank in durations[function]?[rank].map { Double($0) / 1000 } }
                )
            }
        }
    }

    /// Metric values since `sinceMilliseconds`, optionally of one namespace and name.
    public func metrics(namespace: String?, name: String?, since sinceMilliseconds: Int64) async throws -> [MetricPoint]
    {
        var conditions = SQLConditions()
        conditions.add("time_ms >= ?", sinceMilliseconds)
        conditions.add("namespace = ?", namespace)
        conditions.add("name = ?", name)
        let sql = "SELECT * FROM metric_points \(conditions.whereClause) ORDER BY time_ms"
        let arguments = conditions.arguments
        return try await self.read { [sql, arguments] db in
            try Row.fetchAll(db, sql: sql, arguments: arguments).map { row in
                let dimensions =
                    (try? JSONDecoder().decode([String: String].self, from: Data((row["dimensions"] as String).utf8)))
                    ?? [:]
                return MetricPoint(
                    timeMilliseconds: row["time_ms"], function: row["function"], namespace: row["namespace"],
                    name: row["name"],
                    unit: row["unit"], value: row["value"], dimensions: dimensions
                )
            }
        }
    }

    /// The segment documents of the `limit` traces that started last among those that received segments since
    /// `sinceMilliseconds`, by trace id. The limit applies in SQL: no other trace's documents are read.
    public func segmentsByTrace(since sinceMilliseconds: Int64, limit: Int) async throws -> [String: [SegmentDocument]]
    {
        try await self.read { db in
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT trace_id, document FROM segments WHERE trace_id IN (
                        SELECT trace_id FROM segments
                        WHERE trace_id IN (SELECT DISTINCT trace_id FROM segments WHERE received_ms >= ?)
                        GROUP BY trace_id ORDER BY MIN(start_time) DESC LIMIT ?)
                    """,
                arguments: [sinceMilliseconds, limit]
            )
            return Dictionary(
                grouping: rows.compactMap { row -> (String, SegmentDocument)? in
                    Self.document(row).map { (row["trace_id"], $0) }
                }, by: \.0
            ).mapValues { $0.map(\.1) }
        }
    }

    /// The segment documents of one trace.
    public func segments(ofTrace traceID: String) async throws -> [SegmentDocument] {
        try await self.read { db in
            try Row.fetchAll(
                db, sql: "SELECT document FROM segments WHERE trace_id = ? ORDER BY start_time", arguments: [traceID]
            )
            .compactMap(Self.document)
        }
    }

    private static func document(_ row: Row) -> SegmentDocument? {
        try? JSONDecoder().decode(SegmentDocument.self, from: Data((row["document"] as String).utf8))
    }
}

/// Which log events to read.
public struct LogFilter: Sendable, Equatable {
    /// Only lines of this function.
    public var function: String?
    /// Only lines at this level, e.g. `ERROR`.
    public var level: String?
    /// Only lines with this correlation ID.
    public var correlationID: String?
    /// Only lines with this X-Ray trace ID.
    public var traceID: String?
    /// Only lines written at or after this time, in milliseconds since the Unix epoch.
    public var sinceMilliseconds: Int64?
    /// Only events stored after this sequence number (for following the log).
    public var afterSequence: Int64?
    /// At most this many, the newest.
    public var limit: Int

    /// Creates a filter; without arguments it takes the newest 1000 lines of every function.
    public init(
        function: String? = nil, level: String? = nil, correlationID: String? = nil, traceID: String? = nil,
        sinceMilliseconds: Int64? = nil, afterSequence: Int64? = nil, limit: Int = 1000
    ) {
        self.function = function
        self.level = level
        self.correlationID = correlationID
        self.traceID = traceID
        self.sinceMilliseconds = sinceMilliseconds
        self.afterSequence = afterSequence
        self.limit = limit
    }
}
