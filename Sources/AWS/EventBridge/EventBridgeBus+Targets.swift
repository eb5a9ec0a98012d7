public import Cloud
import JSONCoding

extension EventBridgeBus {
    /// `PutTargets` of the targets that pass the port's checks; the others fail on their own, unsent. The failures
    /// are in the order of `targets`.
    public func putTargets(
        _ targets: [RuleTarget], rule: String, bus: String
    ) async throws(EventBusError) -> [TargetFailure] {
        try EventBusRequest.checkRuleName(rule)
        try EventBusRequest.checkBusName(bus)
        try EventBusRequest.checkPutTargets(targets)
        var failures = targets.compactMap(EventBusRequest.failure(of:))
        let refused = Set(failures.map(\.targetID))
        let sent = targets.filter { !refused.contains($0.id) }
        guard !sent.isEmpty else { return failures }
        let arns = try await self.arns()
        let output = try await self.call(
            "PutTargets",
            [
                "Rule": .string(rule), "EventBusName": .string(bus),
                "Targets": .array(sent.map { EventBridgeTargetCoding.json(of: $0, arns: arns) }),
            ])
        failures += EventBridgeTargetCoding.failures(in: output)
        let order = Dictionary(targets.enumerated().map { ($1.id, $0) }) { first, _ in first }
        return failures.sorted { order[$0.targetID, default: .max] < order[$1.targetID, default: .max] }
    }

    /// `RemoveTargets` of the ids the rule has; the ids it does not have fail, as EventBridge would not say.
    public func removeTargets(
        _ ids: [String], rule: String, bus: String
    ) async throws(EventBusError) -> [TargetFailure] {
        let present = Set(try await self.listTargets(rule: rule, bus: bus).map(\.id))
        var failures = ids.filter { !present.contains($0) }.map { id in
            TargetFailure(
                targetID: id, errorCode: EventBusError.Code.resourceNotFound.rawValue,
                errorMessage: "Rule \(rule) has no target \(id).")
        }
        let removed = ids.filter(present.contains)
        guard !removed.isEmpty else { return failures }
        let output = try await self.call(
            "RemoveTargets",
            ["Rule": .string(rule), "EventBusName": .string(bus), "Ids": .array(removed.map(JSONValue.string))])
        failures += EventBridgeTargetCoding.failures(in: output)
        return failures
    }

    /// `ListTargetsByRule`, page by page, sorted by id.
    public func listTargets(rule: String, bus: String) async throws(EventBusError) -> [RuleTarget] {
        try EventBusRequest.checkRuleName(rule)
        try EventBusRequest.checkBusName(bus)
        var targets: [RuleTarget] = []
        for member in try await self.pages(
            "ListTargetsByRule", ["Rule": .string(rule), "EventBusName": .string(bus)], items: "Targets")
        {
            targets.append(try EventBridgeTargetCoding.target(of: member))
        }
        return targets.sorted { $0.id < $1.id }
    }
}
