/// The port to event buses (ARCHITECTURE §4), modelled on EventBridge: named buses (``EventBusNames/default``
/// always exists), `PutEvents` with EventBridge's limits and per-entry results, rules with event patterns and
/// targets (queues, functions), archives and replays. Implemented on an embedded SQLite file locally and on
/// EventBridge in the cloud, both held to the same contract test suite.
///
/// Every operation fails with ``EventBusError``; on a bus, rule, archive or replay that does not exist with
/// ``EventBusError/Code/resourceNotFound``.
public protocol EventBus: Sendable {
    /// Creates the bus `name`.
    /// - Throws: ``EventBusError/Code/resourceAlreadyExists`` when it exists (`default` always does).
    func createEventBus(_ name: String) async throws(EventBusError)

    /// Deletes the bus `name`; the `default` bus cannot be deleted.
    /// - Throws: ``EventBusError/Code/validation`` while the bus has rules (``EventBusError/busHasRules``).
    func deleteEventBus(_ name: String) async throws(EventBusError)

    /// The names of the buses that begin with `prefix` (all when `nil`; `default` among them), by name.
    func listEventBuses(prefix: String?) async throws(EventBusError) -> [String]

    /// Puts 1…10 events (1 MB together); each entry is accepted or refused on its own. An accepted event reaches
    /// the targets of the enabled rules it matches at least once, and the archives of its bus that keep it.
    /// - Throws: ``EventBusError/Code/validation`` when the request as a whole breaks a limit; nothing is put then.
    func putEvents(_ entries: [PutEventsEntry]) async throws(EventBusError) -> PutEventsResult

    /// Creates the rule, or replaces the rule of that name on its bus (keeping its targets).
    /// - Throws: ``EventBusError/Code/invalidEventPattern`` for a pattern EventBridge rejects,
    ///   ``EventBusError/Code/limitExceeded`` beyond 300 rules on the bus.
    func putRule(_ rule: EventRule) async throws(EventBusError)

    /// Deletes the rule `name` of `bus`.
    /// - Throws: ``EventBusError/Code/validation`` while the rule still has targets.
    func deleteRule(_ name: String, bus: String) async throws(EventBusError)

    /// The rule `name` of `bus`.
    func describeRule(_ name: String, bus: String) async throws(EventBusError) -> EventRule

    /// The rules of `bus` whose names begin with `prefix` (all when `nil`), by name.
    func listRules(bus: String, prefix: String?) async throws(EventBusError) -> [EventRule]

    /// Adds `targets` to the rule, replacing those with the same ids; returns the targets that were refused.
    /// - Throws: ``EventBusError/Code/limitExceeded`` when the rule would have more than five targets.
    func putTargets(_ targets: [RuleTarget], rule: String, bus: String) async throws(EventBusError) -> [TargetFailure]

    /// Removes the targets with ids `ids` from the rule; returns the ids it does not have.
    func removeTargets(_ ids: [String], rule: String, bus: String) async throws(EventBusError) -> [TargetFailure]

    /// The targets of the rule, by id.
    func listTargets(rule: String, bus: String) async throws(EventBusError) -> [RuleTarget]

    /// Creates an archive of its source bus, keeping from now on the events its pattern matches.
    /// - Throws: ``EventBusError/Code/resourceAlreadyExists`` when an archive of that name exists.
    func createArchive(_ archive: EventArchive) async throws(EventBusError)

    /// The archives (of `sourceBus` only, when given), by name, with their event counts.
    func listArchives(sourceBus: String?) async throws(EventBusError) -> [EventArchive]

    /// Deletes the archive `name` and the events it kept.
    func deleteArchive(_ name: String) async throws(EventBusError)

    /// Starts replaying the events the archive kept from the window to its source bus, each with `replay-name`,
    /// to the rules named (every rule when none are); returns the replay as it stands.
    /// - Throws: ``EventBusError/Code/resourceAlreadyExists`` for a replay name used before,
    ///   ``EventBusError/Code/validation`` when the destination is not the archive's source bus.
    func startReplay(_ replay: EventReplay) async throws(EventBusError) -> EventReplay

    /// The replay `name` as it stands.
    func describeReplay(_ name: String) async throws(EventBusError) -> EventReplay

    /// The names of the replays that begin with `prefix` (all when `nil`), of the archive `archive` only when given,
    /// by name.
    func listReplays(prefix: String?, archive: String?) async throws(EventBusError) -> [String]

    /// The tags of a bus or rule, by key.
    func tags(of resource: EventBusResource) async throws(EventBusError) -> [String: String]

    /// Adds `tags` to a bus or rule, replacing those with the same keys (``EventBusTags`` bounds them); a refused
    /// request adds none.
    func tag(_ resource: EventBusResource, with tags: [String: String]) async throws(EventBusError)

    /// Removes the tags `keys` from a bus or rule; a key it does not have is no error.
    func untag(_ resource: EventBusResource, keys: [String]) async throws(EventBusError)
}

extension EventBus {
    /// Every rule of `bus`, by name.
    public func listRules(bus: String = EventBusNames.default) async throws(EventBusError) -> [EventRule] {
        try await self.listRules(bus: bus, prefix: nil)
    }

    /// Every archive, by name.
    public func listArchives() async throws(EventBusError) -> [EventArchive] {
        try await self.listArchives(sourceBus: nil)
    }
}
