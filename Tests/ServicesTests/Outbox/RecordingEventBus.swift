import Cloud
import Synchronization

/// A bus for the relay's tests: it keeps every `PutEvents` request and accepts each entry, but refuses those whose
/// detail type it is told to (as EventBridge fails an entry on its own) and fails whole requests while told to.
/// Nothing else of the port is used.
final class RecordingEventBus: EventBus {
    private struct State {
        var requests: [[PutEventsEntry]] = []
        var refusedDetailTypes: Set<String> = []
        var isDown = false
    }

    private let state = Mutex(State())
    private let unused = UnavailableEventBus(reason: "not used by the relay")

    /// Every `PutEvents` request, in order.
    var requests: [[PutEventsEntry]] { self.state.withLock { $0.requests } }

    /// Refuses, from now on, the entries of `detailType`.
    func refuse(_ detailType: String) { self.state.withLock { _ = $0.refusedDetailTypes.insert(detailType) } }

    /// Fails every request with ``EventBusError/Code/internalFailure`` from now on, or not.
    func setDown(_ isDown: Bool) { self.state.withLock { $0.isDown = isDown } }

    func putEvents(_ entries: [PutEventsEntry]) async throws(EventBusError) -> PutEventsResult {
        try EventBusRequest.checkPutEvents(entries)
        let refused = try self.state.withLock { state throws(EventBusError) in
            guard !state.isDown else { throw EventBusError(.internalFailure, "the bus is down") }
            state.requests.append(entries)
            return state.refusedDetailTypes
        }
        return PutEventsResult(
            entries: entries.enumerated().map { index, entry in
                refused.contains(entry.detailType)
                    ? .failed(errorCode: "InternalFailure", errorMessage: "refused by the test")
                    : .accepted(eventID: "eb-\(index)")
            })
    }

    func createEventBus(_ name: String) async throws(EventBusError) { try await self.unused.createEventBus(name) }
    func deleteEventBus(_ name: String) async throws(EventBusError) { try await self.unused.deleteEventBus(name) }
    func listEventBuses(prefix: String?) async throws(EventBusError) -> [String] {
        try await self.unused.listEventBuses(prefix: prefix)
    }
    func putRule(_ rule: EventRule) async throws(EventBusError) { try await self.unused.putRule(rule) }
    func deleteRule(_ name: String, bus: String) async throws(EventBusError) {
        try await self.unused.deleteRule(name, bus: bus)
    }
    func describeRule(_ name: String, bus: String) async throws(EventBusError) -> EventRule {
        try await self.unused.describeRule(name, bus: bus)
    }
    func listRules(bus: String, prefix: String?) async throws(EventBusError) -> [EventRule] {
        try await self.unused.listRules(bus: bus, prefix: prefix)
    }
    func putTargets(_ targets: [RuleTarget], rule: String, bus: String) async throws(EventBusError) -> [TargetFailure] {
        try await self.unused.putTargets(targets, rule: rule, bus: bus)
    }
    func removeTargets(_ ids: [String], rule: String, bus: String) async throws(EventBusError) -> [TargetFailure] {
        try await self.unused.removeTargets(ids, rule: rule, bus: bus)
    }
    func listTargets(rule: String, bus: String) async throws(EventBusError) -> [RuleTarget] {
        try await self.unused.listTargets(rule: rule, bus: bus)
    }
    func createArchive(_ archive: EventArchive) async throws(EventBusError) {
        try await self.unused.createArchive(archive)
    }
    func listArchives(sourceBus: String?) async throws(EventBusError) -> [EventArchive] {
        try await self.unused.listArchives(sourceBus: sourceBus)
    }
    func deleteArchive(_ name: String) async throws(EventBusError) { try await self.unused.deleteArchive(name) }
    func startReplay(_ replay: EventReplay) async throws(EventBusError) -> EventReplay {
        try await self.unused.startReplay(replay)
    }
    func describeReplay(_ name: String) async throws(EventBusError) -> EventReplay {
        try await self.unused.describeReplay(name)
    }

    func listReplays(prefix: String?, archive: String?) async throws(EventBusError) -> [String] {
        try await self.unused.listReplays(prefix: prefix, archive: archive)
    }
    func tags(of resource: EventBusResource) async throws(EventBusError) -> [String: String] {
        try await self.unused.tags(of: resource)
    }
    func tag(_ resource: EventBusResource, with tags: [String: String]) async throws(EventBusError) {
        try await self.unused.tag(resource, with: tags)
    }
    func untag(_ resource: EventBusResource, keys: [String]) async throws(EventBusError) {
        try await self.unused.untag(resource, keys: keys)
    }
}
