import Cloud
import GRDB

/// A delivery the bus still owes a target: a row of the `deliveries` table.
struct PendingDelivery: Sendable {
    let seq: Int64
    let eventID: String
    let bus: String
    let rule: String
    let target: RuleTarget
    let payload: String
    let traceHeader: String?
    let ingestedMilliseconds: Int64
    /// The attempts made so far.
    let attempts: Int

    /// The deliveries due at `now`, oldest first, at most `limit`, their targets read through `routing`.
    static func due(at now: Int64, limit: Int, routing: BusRouting, in db: Database) throws -> [PendingDelivery] {
        try Row.fetchAll(
            db.cachedStatement(
                sql: """
                    SELECT seq, event_id, bus, rule, target, payload, trace_header, ingested_ms, attempts FROM deliveries
                    WHERE next_attempt_ms <= ? ORDER BY next_attempt_ms, seq LIMIT ?
                    """),
            arguments: [now, limit]
        ).map { row in
            PendingDelivery(
                seq: row["seq"], eventID: row["event_id"], bus: row["bus"], rule: row["rule"],
                target: try routing.target(stored: row["target"]), payload: row["payload"],
                traceHeader: row["trace_header"], ingestedMilliseconds: row["ingested_ms"], attempts: row["attempts"])
        }
    }

    /// The message a queue target receives: the payload with the event's trace header.
    var message: OutgoingMessage {
        OutgoingMessage(body: self.payload, traceHeader: self.traceHeader)
    }

    /// Forgets the delivery: the target took it, or it was dead-lettered or dropped.
    func delete(in db: Database) throws {
        try db.cachedStatement(sql: "DELETE FROM deliveries WHERE seq = ?").execute(arguments: [self.seq])
    }

    /// Counts one more failed attempt and makes the delivery due again at `time`.
    func retry(at time: Int64, in db: Database) throws {
        try db.execute(
            sql: "UPDATE deliveries SET attempts = attempts + 1, next_attempt_ms = ? WHERE seq = ?",
            arguments: [time, self.seq])
    }
}
