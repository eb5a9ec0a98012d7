import Cloud
import GRDB

/// An accepted event with everything it owes: a delivery per target of each rule it matched, and a copy per archive
/// that keeps it. ``save(in:)`` writes them all in the caller's transaction.
struct RoutedEvent: Sendable {
    let event: EventEnvelope
    let bus: String
    let traceHeader: String?
    let ingestedMilliseconds: Int64
    let replayName: String?
    /// The rules it matched.
    var matchedRules: [String] = []
    /// The rule, the target's stored definition and the input the target receives, per delivery.
    var deliveries: [(rule: String, target: String, payload: String)] = []
    /// The archives that keep it.
    var archives: [String] = []

    init(event: EventEnvelope, bus: String, traceHeader: String?, ingestedMilliseconds: Int64, replayName: String?) {
        self.event = event
        self.bus = bus
        self.traceHeader = traceHeader
        self.ingestedMilliseconds = ingestedMilliseconds
        self.replayName = replayName
    }

    /// Writes the event's deliveries, due now, and its archive copies.
    func save(in db: Database) throws {
        for delivery in self.deliveries {
            try db.cachedStatement(
                sql: """
                    INSERT INTO deliveries (event_id, bus, rule, target, payload, trace_header, ingested_ms, next_attempt_ms)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """
            ).execute(
                arguments: [
                    self.event.id, self.bus, delivery.rule, delivery.target, delivery.payload,
                    self.traceHeader, self.ingestedMilliseconds, self.ingestedMilliseconds,
                ])
        }
        for archive in self.archives {
            try db.cachedStatement(
                sql: """
                    INSERT INTO archived_events (archive, event_time_ms, archived_ms, event, trace_header)
                    VALUES (?, ?, ?, ?, ?)
                    """
            ).execute(
                arguments: [
                    archive, self.event.timeMilliseconds, self.ingestedMilliseconds, self.event.text, self.traceHeader,
                ])
        }
    }

    /// Adds the event to `feed`.
    func record(in feed: BusActivityFeed) {
        feed.record(
            eventID: self.event.id, bus: self.bus, source: self.event.json["source"]?.stringValue ?? "",
            detailType: self.event.json["detail-type"]?.stringValue ?? "",
            acceptedMilliseconds: self.ingestedMilliseconds, matchedRules: self.matchedRules,
            replayName: self.replayName)
    }
}
