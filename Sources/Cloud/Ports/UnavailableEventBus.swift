/// The event bus of a runtime without one: every operation fails with ``EventBusError/Code/unavailable`` and the
/// reason given.
public struct UnavailableEventBus: EventBus {
    /// Why no event bus is available.
    public let reason: String

    /// An event bus that fails every operation with `reason`.
    public init(reason: String) {
        self.reason = reason
    }

    private var failure: EventBusError { EventBusError(.unavailable, self.reason) }

    /// Fails with ``EventBusError/Code/unavailable``.
    public func createEventBus(_ name: String) async throws(EventBusError) { throw self.failure }

    /// Fails with ``EventBusError/Code/unavailable``.
    public func deleteEventBus(_ name: String) async throws(EventBusError) { throw self.failure }

    /// Fails with ``EventBusError/Code/unavailable``.
    public func listEventBuses(prefix: String?) async throws(EventBusError) -> [String] { throw self.failure }

    /// Fails with ``EventBusError/Code/unavailable``.
    public func putEvents(_ entries: [PutEventsEntry]) async throws(EventBusError) -> PutEventsResult {
        throw self.failure
    }

    /// Fails with ``EventBusError/Code/unavailable``.
    public func putRule(_ rule: EventRule) async throws(EventBusError) { throw self.failure }

    /// Fails with ``EventBusError/Code/unavailable``.
    public func deleteRule(_ name: String, bus: String) async throws(EventBusError) { throw self.failure }

    /// Fails with ``EventBusError/Code/unavailable``.
    public func describeRule(_ name: String, bus: String) async throws(EventBusError) -> EventRule {
        throw self.failure
    }

    /// Fails with ``EventBusError/Code/unavailable``.
    public func listRules(bus: String, prefix: String?) async throws(EventBusError) -> [EventRule] {
        throw self.failure
    }

    /// Fails with ``EventBusError/Code/unavailable``.
    public func putTargets(
        _ targets: [RuleTarget], rule: String, bus: String
    ) async throws(EventBusError) -> [TargetFailure] {
        throw self.failure
    }

    /// Fails with ``EventBusError/Code/unavailable``.
    public func removeTargets(
        _ ids: [String], rule: String, bus: String
    ) async throws(EventBusError) -> [TargetFailure] {
        throw self.failure
    }

    /// Fails with ``EventBusError/Code/unavailable``.
    public func listTargets(rule: String, bus: String) async throws(EventBusError) -> [RuleTarget] {
        throw self.failure
    }

    /// Fails with ``EventBusError/Code/unavailable``.
    public func createArchive(_ archive: EventArchive) async throws(EventBusError) { throw self.failure }

    /// Fails with ``EventBusError/Code/unavailable``.
    public func listArchives(sourceBus: String?) async throws(EventBusError) -> [EventArchive] {
        throw self.failure
    }

    /// Fails with ``EventBusError/Code/unavailable``.
    public func deleteArchive(_ name: String) async throws(EventBusError) { throw self.failure }

    /// Fails with ``EventBusError/Code/unavailable``.
    public func startReplay(_ replay: EventReplay) async throws(EventBusError) -> EventReplay { throw self.failure }

    /// Fails with ``EventBusError/Code/unavailable``.
    public func describeReplay(_ name: String) async throws(EventBusError) -> EventReplay { throw self.failure }
    /// Fails with ``EventBusError/Code/unavailable``.
    public func listReplays(prefix: String?, archive: String?) async throws(EventBusError) -> [String] {
        throw self.failure
    }

    /// Fails with ``EventBusError/Code/unavailable``.
    public func tags(of resource: EventBusResource) async throws(EventBusError) -> [String: String] {
        throw self.failure
    }

    /// Fails with ``EventBusError/Code/unavailable``.
    public func tag(_ resource: EventBusResource, with tags: [String: String]) async throws(EventBusError) {
        throw self.failure
    }

    /// Fails with ``EventBusError/Code/unavailable``.
    public func untag(_ resource: EventBusResource, keys: [String]) async throws(EventBusError) { throw self.failure }
}
