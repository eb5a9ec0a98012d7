public import Cloud
import EventPatterns
import Foundation
import GRDB
import Identifiers
import JSONCoding
public import Observability
import Synchronization

/// The ``EventBus`` of the local cloud: EventBridge's semantics on one SQLite file in WAL mode (`bus.sqlite` in the
/// data folder), delivering to the local queues and functions.
///
/// `PutEvents` matches each event against a compiled snapshot of the rules (``BusRouting``, rebuilt after every
/// change), outside any lock, then writes the event's deliveries and archive copies in one transaction before it
/// returns: an accepted event is never lost. ``deliverDue()`` (run in a loop by ``runDeliveries(pollInterval:)``)
/// hands each due delivery to its target and deletes it only once the target took it, so targets see each event
/// at least once. Failures are retried and dead-lettered as EventBridge and Lambda do (``TargetDelivery``).
///
/// Times come from the ``Clock`` port: tests move retries, event ages, archive retention and replay windows forward
/// without waiting.
public final class SQLiteEventBus: EventBus {
    /// How long an operation waits for another connection's lock on the file before it fails.
    public static let busyTimeout = Duration.seconds(2)
    /// The most deliveries one pass of ``deliverDue()`` takes on.
    static let deliveriesPerPass = 100

    /// The latest events that crossed the bus, with the rules they matched.
    public let activity: BusActivityFeed

    private let pool: DatabasePool
    private let threads = SQLiteThreads(readers: 1)
    private let writes: GroupCommits
    private let clock: any Clock
    private let arns: BusARN
    private let delivery: TargetDelivery
    private let routing: Mutex<BusRouting>
    private let wakeups = QueueWakeups()
    private let deliveryPass = Mutex(false)

    /// Opens (creating if needed) the bus in the SQLite file at `path`.
    /// - Parameters:
    ///   - queues: Where queue targets and dead-letter queues are; without them, queue deliveries wait.
    ///   - functions: What runs function targets; without it, function deliveries wait.
    ///   - region: The region of the events and ARNs.
    ///   - clock: The time of events, retries, retention and replay windows; the system's by default.
    ///   - activityCapacity: How many recent events ``activity`` keeps.
    ///   - tracer: Records the deliveries of sampled events in their traces (``BusDeliveryTracing``).
    public init(
        path: String,
        queues: (any MessageQueue)? = nil,
        functions: (any AsyncFunctionInvoker)? = nil,
        region: String = "us-east-1",
        clock: any Clock = SystemClock(),
        activityCapacity: Int = 1000,
        tracer: XRayTracer = .disabled
    ) throws(EventBusError) {
        var configuration = Configuration()
        configuration.busyMode = .timeout(Double(Self.busyTimeout.wholeMilliseconds) / 1000)
        configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA synchronous = NORMAL") }
        do {
            self.pool = try DatabasePool(path: path, configuration: configuration)
            try self.pool.write(BusSchema.migrate)
            self.routing = Mutex(try self.pool.read(BusRouting.load))
        } catch {
            throw EventBusError(.internalFailure, "cannot open \(path): \(error)")
        }
        self.writes = GroupCommits(self.pool, threads: self.threads)
        self.clock = clock
        self.arns = BusARN(region: region)
        self.delivery = TargetDelivery(
            queues: queues, functions: functions, arns: self.arns, tracing: BusDeliveryTracing(tracer: tracer))
        self.activity = BusActivityFeed(capacity: activityCapacity)
    }

    // MARK: Buses

    /// Creates the bus `name` in the file; its rules start empty.
    public func createEventBus(_ name: String) async throws(EventBusError) {
        try EventBusRequest.checkBusName(name)
        try await self.change { db in
            guard try !Self.busExists(name, in: db) else {
                throw EventBusError(.resourceAlreadyExists, "Event bus \(name) already exists.")
            }
            try db.execute(sql: "INSERT INTO buses (name) VALUES (?)", arguments: [name])
        }
    }

    /// Deletes the bus, which must have no rules; deliveries already owed and archives of it stay.
    public func deleteEventBus(_ name: String) async throws(EventBusError) {
        try EventBusRequest.checkBusName(name)
        guard name != EventBusNames.default else {
            throw EventBusError.invalid("Name", "the default event bus cannot be deleted")
        }
        try await self.change { db in
            try Self.requireBus(name, in: db)
            guard try Bool.fetchOne(db, sql: "SELECT 1 FROM rules WHERE bus = ? LIMIT 1", arguments: [name]) == nil
            else { throw EventBusError.busHasRules }
            try db.execute(sql: "DELETE FROM resource_tags WHERE bus = ?", arguments: [name])
            try db.execute(sql: "DELETE FROM buses WHERE name = ?", arguments: [name])
        }
    }

    /// The buses whose names begin with `prefix`, taken literally and in its case.
    public func listEventBuses(prefix: String?) async throws(EventBusError) -> [String] {
        try await self.read { db in
            try String.fetchAll(
                db, sql: "SELECT name FROM buses WHERE \(Self.nameStartsWith(parameter: 1)) ORDER BY name",
                arguments: [prefix ?? ""])
        }
    }

    // MARK: Events

    /// Matches each valid entry against the routing snapshot, then writes all deliveries and archive copies in one
    /// transaction before returning, and wakes the delivery loop.
    public func putEvents(_ entries: [PutEventsEntry]) async throws(EventBusError) -> PutEventsResult {
        try EventBusRequest.checkPutEvents(entries)
        let now = self.clock.nowMilliseconds
        let routing = self.routing.withLock { $0 }
        var results: [PutEventsResult.Entry] = []
        var accepted: [RoutedEvent] = []
        for entry in entries {
            if let failure = EventBusRequest.failure(of: entry) {
                results.append(failure)
                continue
            }
            guard let bus = routing.buses[entry.eventBusName],
                let detail = JSONValue(parsing: Array(entry.detail.utf8), maximumDepth: 1000)
            else {
                results.append(
                    .failed(
                        errorCode: EventBusError.Code.resourceNotFound.rawValue,
                        errorMessage: "Event bus \(entry.eventBusName) does not exist."))
                continue
            }
            let event = EventEnvelope(
                entry: entry, detail: detail, id: RandomUUID.make(), ingestedMilliseconds: now,
                region: self.arns.region)
            accepted.append(
                bus.route(
                    event, bus: entry.eventBusName, traceHeader: entry.traceHeader, ingestedMilliseconds: now,
                    arns: self.arns, ruleFilter: nil, replayName: nil))
            results.append(.accepted(eventID: event.id))
        }
        try await self.save(accepted)
        return PutEventsResult(entries: results)
    }

    /// Puts events whose envelopes are already made, onto the bus `name`: the outbox relay's, which keep the id and
    /// time their change gave them, so that a duplicate published again after a crash carries the same id. A local
    /// extension of the port: EventBridge gives every event it accepts a new id. The account and region are the
    /// bus's own, as EventBridge sets them. Returns, for each envelope, whether it was accepted: `false` for text that
    /// is not a JSON object with an `id`, or larger than a whole request.
    /// - Throws: ``EventBusError/Code/resourceNotFound`` when the bus does not exist, or a storage failure.
    public func putEnvelopes(
        _ envelopes: [(text: String, traceHeader: String?)],
        bus name: String
    ) async throws(EventBusError) -> [Bool] {
        let now = self.clock.nowMilliseconds
        guard let bus = self.routing.withLock({ $0 }).buses[name] else {
            throw EventBusError.notFound("Event bus", name)
        }
        var accepted: [RoutedEvent] = []
        var outcomes: [Bool] = []
        for envelope in envelopes {
            guard envelope.text.utf8.count <= EventBusLimits.requestSize,
                let event = EventEnvelope(archivedText: envelope.text, timeMilliseconds: now), !event.id.isEmpty
            else {
                outcomes.append(false)
                continue
            }
            accepted.append(
                bus.route(
                    event.accepted(in: self.arns.region), bus: name, traceHeader: envelope.traceHeader,
                    ingestedMilliseconds: now, arns: self.arns,
                    ruleFilter: nil, replayName: nil))
            outcomes.append(true)
        }
        try await self.save(accepted)
        return outcomes
    }

    /// Writes the deliveries and archive copies of accepted events in one transaction, then announces them.
    private func save(_ events: [RoutedEvent]) async throws(EventBusError) {
        guard !events.isEmpty else { return }
        try await self.write { db in
            for event in events { try event.save(in: db) }
        }
        self.announce(events)
    }

    // MARK: Rules

    /// Compiles the pattern to check it, writes the rule, and rebuilds the routing.
    public func putRule(_ rule: EventRule) async throws(EventBusError) {
        try EventBusRequest.checkRule(rule)
        do {
            _ = try EventPattern(parsing: rule.eventPattern)
        } catch {
            throw EventBusError(.invalidEventPattern, error.description)
        }
        try await self.change { db in
            try Self.requireBus(rule.eventBusName, in: db)
            let existing = try Self.ruleExists(rule.name, bus: rule.eventBusName, in: db)
            let count =
                try Int.fetchOne(
                    db, sql: "SELECT count(*) FROM rules WHERE bus = ?", arguments: [rule.eventBusName]) ?? 0
            guard existing || count < EventBusLimits.rulesPerBus else {
                throw EventBusError(.limitExceeded, "The event bus \(rule.eventBusName) has 300 rules already.")
            }
            try db.execute(
                sql: """
                    INSERT INTO rules (bus, name, pattern, state, description) VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT (bus, name) DO UPDATE SET pattern = excluded.pattern, state = excluded.state,
                        description = excluded.description
                    """,
                arguments: [
                    rule.eventBusName, rule.name, rule.eventPattern, rule.state.rawValue, rule.description,
                ])
        }
    }

    /// Deletes the rule once it has no targets, and rebuilds the routing.
    public func deleteRule(_ name: String, bus: String) async throws(EventBusError) {
        try EventBusRequest.checkRuleName(name)
        try await self.change { db in
            try Self.requireRule(name, bus: bus, in: db)
            let targets =
                try Int.fetchOne(
                    db, sql: "SELECT count(*) FROM targets WHERE bus = ? AND rule = ?", arguments: [bus, name]) ?? 0
            guard targets == 0 else {
                throw EventBusError.invalid("Name", "Rule can't be deleted since it has targets.")
            }
            try db.execute(sql: "DELETE FROM resource_tags WHERE bus = ? AND rule = ?", arguments: [bus, name])
            try db.execute(sql: "DELETE FROM rules WHERE bus = ? AND name = ?", arguments: [bus, name])
        }
    }

    /// The rule as it was put.
    public func describeRule(_ name: String, bus: String) async throws(EventBusError) -> EventRule {
        try EventBusRequest.checkRuleName(name)
        guard let rule = try await self.rules(bus: bus, where: "name = ?2", name).first else {
            throw EventBusError.ruleNotFound(name, bus: bus)
        }
        return rule
    }

    /// The rules whose names begin with `prefix`, taken literally and in its case.
    public func listRules(bus: String, prefix: String?) async throws(EventBusError) -> [EventRule] {
        try await self.rules(bus: bus, where: Self.nameStartsWith(parameter: 2), prefix ?? "")
    }

    /// The SQL condition that `name` begins with the text of parameter `parameter`, in its case (`LIKE` would read
    /// `%` and `_` as wildcards and ignore ASCII case; names do neither).
    private static func nameStartsWith(parameter: Int) -> String {
        "substr(name, 1, length(?\(parameter))) = ?\(parameter)"
    }

    /// The rules of `bus` that meet `condition`, whose parameter `?2` is `argument`, by name.
    private func rules(bus: String, where condition: String, _ argument: String) async throws(EventBusError)
        -> [EventRule]
    {
        try EventBusRequest.checkBusName(bus)
        return try await self.read { db in
            try Self.requireBus(bus, in: db)
            return try Row.fetchAll(
                db,
                sql:
                    "SELECT name, pattern, state, description FROM rules WHERE bus = ?1 AND \(condition) ORDER BY name",
                arguments: [bus, argument]
            ).map { row in
                EventRule(
                    name: row["name"], eventBusName: bus, eventPattern: row["pattern"],
                    state: RuleState(rawValue: row["state"]) ?? .disabled, description: row["description"])
            }
        }
    }

    // MARK: Targets

    /// Writes the valid targets in one transaction and rebuilds the routing; deliveries already owed keep the
    /// target as it was when their event was accepted.
    public func putTargets(_ targets: [RuleTarget], rule: String, bus: String) async throws(EventBusError)
        -> [TargetFailure]
    {
        try EventBusRequest.checkRuleName(rule)
        try EventBusRequest.checkPutTargets(targets)
        let failures = targets.compactMap(EventBusRequest.failure(of:))
        let valid = targets.filter { target in !failures.contains { $0.targetID == target.id } }
        try await self.change { db in
            try Self.requireRule(rule, bus: bus, in: db)
            let existing = Set(
                try String.fetchAll(
                    db, sql: "SELECT id FROM targets WHERE bus = ? AND rule = ?", arguments: [bus, rule]))
            guard existing.union(valid.map(\.id)).count <= EventBusLimits.targetsPerRule else {
                throw EventBusError(.limitExceeded, "The rule \(rule) would have more than 5 targets.")
            }
            for target in valid {
                try db.execute(
                    sql: "INSERT OR REPLACE INTO targets (bus, rule, id, definition) VALUES (?, ?, ?, ?)",
                    arguments: [bus, rule, target.id, try StoredTarget.encode(target)])
            }
        }
        return failures
    }

    /// Removes the targets and rebuilds the routing.
    public func removeTargets(_ ids: [String], rule: String, bus: String) async throws(EventBusError)
        -> [TargetFailure]
    {
        try EventBusRequest.checkRuleName(rule)
        return try await self.change { db in
            try Self.requireRule(rule, bus: bus, in: db)
            var failures: [TargetFailure] = []
            for id in ids {
                try db.execute(
                    sql: "DELETE FROM targets WHERE bus = ? AND rule = ? AND id = ?", arguments: [bus, rule, id])
                if db.changesCount == 0 {
                    failures.append(
                        TargetFailure(
                            targetID: id, errorCode: EventBusError.Code.resourceNotFound.rawValue,
                            errorMessage: "Target \(id) does not exist on rule \(rule)."))
                }
            }
            return failures
        }
    }

    /// The rule's targets, by id.
    public func listTargets(rule: String, bus: String) async throws(EventBusError) -> [RuleTarget] {
        try EventBusRequest.checkRuleName(rule)
        return try await self.read { db in
            try Self.requireRule(rule, bus: bus, in: db)
            return try String.fetchAll(
                db, sql: "SELECT definition FROM targets WHERE bus = ? AND rule = ? ORDER BY id",
                arguments: [bus, rule]
            ).map(StoredTarget.decode)
        }
    }

    // MARK: Archives

    /// Compiles the pattern to check it, writes the archive, and rebuilds the routing so that it keeps events from
    /// the next `PutEvents` on.
    public func createArchive(_ archive: EventArchive) async throws(EventBusError) {
        try EventBusRequest.checkArchive(archive)
        if let pattern = archive.eventPattern {
            do {
                _ = try EventPattern(parsing: pattern)
            } catch {
                throw EventBusError(.invalidEventPattern, error.description)
            }
        }
        try await self.change { db in
            try Self.requireBus(archive.sourceBus, in: db)
            guard try Self.archive(archive.name, in: db) == nil else {
                throw EventBusError(.resourceAlreadyExists, "Archive \(archive.name) already exists.")
            }
            try db.execute(
                sql: "INSERT INTO archives (name, bus, pattern, retention_days) VALUES (?, ?, ?, ?)",
                arguments: [archive.name, archive.sourceBus, archive.eventPattern, archive.retentionDays])
        }
    }

    /// Purges what the archives' retention let go, then lists them with their event counts.
    public func listArchives(sourceBus: String?) async throws(EventBusError) -> [EventArchive] {
        let now = self.clock.nowMilliseconds
        return try await self.write { db in
            try Self.purgeExpiredArchiveEvents(at: now, in: db)
            return try Row.fetchAll(
                db,
                sql: """
                    SELECT name, bus, pattern, retention_days,
                        (SELECT count(*) FROM archived_events WHERE archive = archives.name) AS events
                    FROM archives WHERE ?1 IS NULL OR bus = ?1 ORDER BY name
                    """,
                arguments: [sourceBus]
            ).map(Self.archive(from:))
        }
    }

    /// Deletes the archive and its events.
    public func deleteArchive(_ name: String) async throws(EventBusError) {
        try EventBusRequest.checkArchiveName(name)
        try await self.change { db in
            guard try Self.archive(name, in: db) != nil else { throw EventBusError.notFound("Archive", name) }
            try db.execute(sql: "DELETE FROM archived_events WHERE archive = ?", arguments: [name])
            try db.execute(sql: "DELETE FROM archives WHERE name = ?", arguments: [name])
        }
    }

    // MARK: Replays

    /// Replays at once, a page of ``replayPageSize`` archived events at a time (after purging by retention): routes
    /// each with `replay-name` set and writes its deliveries with the replay's progress, which is `COMPLETED` when
    /// this returns. Replayed events are not archived again.
    public func startReplay(_ replay: EventReplay) async throws(EventBusError) -> EventReplay {
        try EventBusRequest.checkReplay(replay)
        let now = self.clock.nowMilliseconds
        var result = replay
        result.state = .running
        result.replayedEventCount = 0
        result.eventLastReplayedMilliseconds = nil
        let started = result
        try await self.write { db in
            guard try Row.fetchOne(db, sql: "SELECT 1 FROM replays WHERE name = ?", arguments: [replay.name]) == nil
            else {
                throw EventBusError(.resourceAlreadyExists, "Replay \(replay.name) already exists.")
            }
            guard let archive = try Self.archive(replay.archive, in: db) else {
                throw EventBusError.notFound("Archive", replay.archive)
            }
            guard archive.sourceBus == replay.destinationBus else {
                throw EventBusError.invalid(
                    "Destination", "a replay goes to the archive's source bus, \(archive.sourceBus)")
            }
            for rule in replay.ruleNames ?? [] {
                try Self.requireRule(rule, bus: replay.destinationBus, in: db)
            }
            try Self.purgeExpiredArchiveEvents(at: now, in: db)
            try Self.save(started, in: db)
        }
        let bus = self.routing.withLock { $0.buses[replay.destinationBus] } ?? BusRouting.Bus()
        let filter = replay.ruleNames.map(Set.init)
        var position = (time: replay.fromMilliseconds, seq: Int64(0))
        while true {
            let after = position
            let page = try await self.read { db in
                try Row.fetchAll(
                    db,
                    sql: """
                        SELECT seq, event, event_time_ms, trace_header FROM archived_events
                        WHERE archive = ? AND (event_time_ms, seq) > (?, ?) AND event_time_ms < ?
                        ORDER BY event_time_ms, seq LIMIT ?
                        """,
                    arguments: [replay.archive, after.time, after.seq, replay.toMilliseconds, Self.replayPageSize]
                ).map { row in
                    (
                        seq: row["seq"] as Int64, time: row["event_time_ms"] as Int64,
                        event: EventEnvelope(archivedText: row["event"], timeMilliseconds: row["event_time_ms"]),
                        traceHeader: row["trace_header"] as String?
                    )
                }
            }
            guard let last = page.last else { break }
            position = (last.time, last.seq)
            let routed = page.compactMap { archived in
                archived.event.map { event in
                    bus.route(
                        event.replayed(as: replay.name), bus: replay.destinationBus,
                        traceHeader: archived.traceHeader, ingestedMilliseconds: now, arns: self.arns,
                        ruleFilter: filter, replayName: replay.name)
                }
            }
            result.replayedEventCount += routed.count
            result.eventLastReplayedMilliseconds = last.time
            let progress = result
            try await self.write { db in
                for event in routed { try event.save(in: db) }
                try Self.save(progress, in: db)
            }
            self.announce(routed)
        }
        result.state = .completed
        let finished = result
        try await self.write { db in try Self.save(finished, in: db) }
        return result
    }

    /// How many archived events a replay reads, routes and writes at a time.
    static let replayPageSize = 500

    /// Records `replay` as it stands.
    private static func save(_ replay: EventReplay, in db: Database) throws {
        try db.execute(
            sql: """
                INSERT OR REPLACE INTO replays (name, archive, bus, from_ms, to_ms, rules, state, last_replayed_ms, replayed)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                replay.name, replay.archive, replay.destinationBus, replay.fromMilliseconds, replay.toMilliseconds,
                replay.ruleNames?.joined(separator: "\n"), replay.state.rawValue, replay.eventLastReplayedMilliseconds,
                replay.replayedEventCount,
            ])
    }

    /// The replay as it was recorded.
    public func describeReplay(_ name: String) async throws(EventBusError) -> EventReplay {
        try EventBusRequest.checkReplayName(name)
        return try await self.read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM replays WHERE name = ?", arguments: [name]) else {
                throw EventBusError.notFound("Replay", name)
            }
            return EventReplay(
                name: row["name"], archive: row["archive"], fromMilliseconds: row["from_ms"],
                toMilliseconds: row["to_ms"], destinationBus: row["bus"],
                ruleNames: (row["rules"] as String?).map { $0.split(separator: "\n").map(String.init) },
                state: ReplayState(rawValue: row["state"]) ?? .failed,
                eventLastReplayedMilliseconds: row["last_replayed_ms"], replayedEventCount: row["replayed"])
        }
    }

    /// The replays whose names begin with `prefix`, taken literally and in its case, of `archive` when given.
    public func listReplays(prefix: String?, archive: String?) async throws(EventBusError) -> [String] {
        if let archive { try EventBusRequest.checkArchiveName(archive) }
        return try await self.read { db in
            try String.fetchAll(
                db,
                sql: """
                    SELECT name FROM replays WHERE \(Self.nameStartsWith(parameter: 1)) AND (?2 IS NULL OR archive = ?2)
                    ORDER BY name
                    """,
                arguments: [prefix ?? "", archive])
        }
    }

    // MARK: Tags

    /// The tags of the bus or rule, by key.
    public func tags(of resource: EventBusResource) async throws(EventBusError) -> [String: String] {
        try resource.checkNames()
        return try await self.read { db in
            let (bus, rule) = try Self.requireTaggable(resource, in: db)
            let rows = try Row.fetchAll(
                db, sql: "SELECT key, value FROM resource_tags WHERE bus = ? AND rule = ?", arguments: [bus, rule])
            return Dictionary(rows.map { ($0["key"] as String, $0["value"] as String) }) { _, last in last }
        }
    }

    /// Adds the tags in one transaction, which the count check undoes when the resource would hold too many.
    public func tag(_ resource: EventBusResource, with tags: [String: String]) async throws(EventBusError) {
        try resource.checkNames()
        try EventBusTags.validate(tags)
        try await self.write { db in
            let (bus, rule) = try Self.requireTaggable(resource, in: db)
            for (key, value) in tags {
                try db.execute(
                    sql: "INSERT INTO resource_tags (bus, rule, key, value) VALUES (?, ?, ?, ?) "
                        + "ON CONFLICT (bus, rule, key) DO UPDATE SET value = excluded.value",
                    arguments: [bus, rule, key, value])
            }
            let count = try Int.fetchOne(
                db, sql: "SELECT count(*) FROM resource_tags WHERE bus = ? AND rule = ?", arguments: [bus, rule])
            try EventBusTags.checkCount(count ?? 0, of: resource)
        }
    }

    /// Removes the tags `keys`; a key the resource does not have is no error.
    public func untag(_ resource: EventBusResource, keys: [String]) async throws(EventBusError) {
        try resource.checkNames()
        try await self.write { db in
            let (bus, rule) = try Self.requireTaggable(resource, in: db)
            for key in keys {
                try db.execute(
                    sql: "DELETE FROM resource_tags WHERE bus = ? AND rule = ? AND key = ?",
                    arguments: [bus, rule, key])
            }
        }
    }

    /// The bus and rule columns of a resource's tags (a bus's own under the rule ''), once it is known to exist.
    private static func requireTaggable(_ resource: EventBusResource, in db: Database) throws -> (String, String) {
        switch resource {
        case .bus(let name):
            try Self.requireBus(name, in: db)
            return (name, "")
        case .rule(let name, let bus):
            try Self.requireRule(name, bus: bus, in: db)
            return (bus, name)
        }
    }

    // MARK: Delivery

    /// Attempts every delivery due now, oldest first, up to ``deliveriesPerPass`` (those to one queue sent together in
    /// batches), then records what became of them all in one transaction; returns how many were attempted. One pass
    /// runs at a time: a pass asked for while another runs returns 0 at once.
    @discardableResult
    public func deliverDue() async throws(EventBusError) -> Int {
        let started = self.deliveryPass.withLock { running in
            guard !running else { return false }
            running = true
            return true
        }
        guard started else { return 0 }
        defer { self.deliveryPass.withLock { $0 = false } }
        let now = self.clock.nowMilliseconds
        let routing = self.routing.withLock { $0 }
        let due = try await self.read { db in
            try PendingDelivery.due(at: now, limit: Self.deliveriesPerPass, routing: routing, in: db)
        }
        var settled = due.filter { TargetDelivery.isExpired($0, at: now) }.map { ($0, self.delivery.expired($0)) }
        let attempts = await self.delivery.attempt(due.filter { !TargetDelivery.isExpired($0, at: now) })
        let attemptedAt = self.clock.nowMilliseconds
        for (pending, outcome) in attempts {
            settled.append((pending, self.delivery.next(after: outcome, of: pending, at: attemptedAt)))
        }
        for (pending, next) in settled {
            if case .deadLetter(let message) = next, let queue = pending.target.deadLetterQueue {
                // A dead-letter queue that is missing or refuses the message loses it, as EventBridge's would.
                _ = try? await self.delivery.queues?.send(message, to: queue)
            }
        }
        guard !settled.isEmpty else { return 0 }
        let outcomes = settled
        try await self.write { db in
            for (pending, next) in outcomes {
                if case .retry(let time) = next {
                    try pending.retry(at: time, in: db)
                } else {
                    try pending.delete(in: db)
                }
            }
        }
        return settled.count
    }

    /// Delivers what is due until the task is cancelled: after each pass, waits for a new event or for
    /// `pollInterval` (when retries may have come due).
    public func runDeliveries(pollInterval: Duration = .seconds(1)) async {
        while !Task.isCancelled {
            let generation = self.wakeups.generation(of: Self.deliveryChannel)
            let attempted = (try? await self.deliverDue()) ?? 0
            if attempted < Self.deliveriesPerPass {
                await self.wakeups.wait(for: Self.deliveryChannel, after: generation, atMost: pollInterval)
            }
        }
    }

    /// The number of deliveries still owed to targets.
    public func pendingDeliveryCount() async throws(EventBusError) -> Int {
        try await self.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM deliveries") ?? 0 }
    }

    private static let deliveryChannel = "deliveries"

    /// Records accepted events in the activity feed and wakes the delivery loop.
    private func announce(_ events: [RoutedEvent]) {
        for event in events { event.record(in: self.activity) }
        self.wakeups.signal(Self.deliveryChannel)
    }

    // MARK: Lookups

    private static func busExists(_ name: String, in db: Database) throws -> Bool {
        try Row.fetchOne(db, sql: "SELECT 1 FROM buses WHERE name = ?", arguments: [name]) != nil
    }

    private static func requireBus(_ name: String, in db: Database) throws {
        guard try busExists(name, in: db) else { throw EventBusError.notFound("Event bus", name) }
    }

    private static func ruleExists(_ name: String, bus: String, in db: Database) throws -> Bool {
        try Row.fetchOne(db, sql: "SELECT 1 FROM rules WHERE bus = ? AND name = ?", arguments: [bus, name]) != nil
    }

    private static func requireRule(_ name: String, bus: String, in db: Database) throws {
        try requireBus(bus, in: db)
        guard try ruleExists(name, bus: bus, in: db) else { throw EventBusError.ruleNotFound(name, bus: bus) }
    }

    private static func archive(_ name: String, in db: Database) throws -> EventArchive? {
        try Row.fetchOne(
            db, sql: "SELECT name, bus, pattern, retention_days, 0 AS events FROM archives WHERE name = ?",
            arguments: [name]
        ).map(archive(from:))
    }

    private static func archive(from row: Row) -> EventArchive {
        EventArchive(
            name: row["name"], sourceBus: row["bus"], eventPattern: row["pattern"],
            retentionDays: row["retention_days"], eventCount: row["events"])
    }

    /// Deletes the archived events older than their archive's retention.
    private static func purgeExpiredArchiveEvents(at now: Int64, in db: Database) throws {
        try db.execute(
            sql: """
                DELETE FROM archived_events WHERE seq IN (
                    SELECT archived_events.seq FROM archived_events JOIN archives ON archives.name = archived_events.archive
                    WHERE archives.retention_days > 0 AND archived_events.archived_ms <= ? - archives.retention_days * 86400000)
                """,
            arguments: [now])
    }

    // MARK: Database access

    /// Runs `body` in one transaction on the writing thread, then rebuilds the routing from what it left.
    private func change<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws(EventBusError)
        -> T
    {
        let (value, routing) = try await self.write { db in (try body(db), try BusRouting.load(from: db)) }
        self.routing.withLock { $0 = routing }
        return value
    }

    /// Runs `body` on the writing thread in a transaction it shares with the writes queued beside it, in a savepoint
    /// of its own (``GroupCommits``).
    private func write<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws(EventBusError)
        -> T
    {
        try await self.run { try await self.writes.write(body) }
    }

    /// Runs `body` on a reading thread.
    private func read<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws(EventBusError)
        -> T
    {
        let pool = self.pool
        return try await self.run { try await self.threads.read { try pool.read(body) } }
    }

    /// Runs `operation`, turning what it throws into an ``EventBusError``.
    private func run<T: Sendable>(_ operation: () async throws -> T) async throws(EventBusError) -> T {
        do {
            return try await operation()
        } catch let error as EventBusError {
            throw error
        } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY {
            throw EventBusError(.internalFailure, "another connection held the bus's lock for \(Self.busyTimeout)")
        } catch {
            throw EventBusError(.internalFailure, String(describing: error))
        }
    }
}
