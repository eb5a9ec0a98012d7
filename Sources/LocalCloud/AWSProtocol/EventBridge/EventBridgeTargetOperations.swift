import Cloud
import JSONCoding

extension EventBridgeOperations {
    /// `PutTargets`: adds `Targets` (queues and functions) to the rule `Rule` of `EventBusName`, replacing those with
    /// the same ids, answered with the targets refused (`FailedEntryCount`, `FailedEntries`).
    static func putTargets(_ bus: any EventBus) -> AWSOperation {
        AWSOperation("PutTargets") { request throws(AWSProtocolError) in
            let (rule, busName) = try EventBridgeAddress.targetsRule(of: request.input)
            guard let members = try request.input.structures("Targets") else { throw request.input.missing("Targets") }
            var targets: [RuleTarget] = []
            for target in members { targets.append(try EventBridgeTargetShape.target(of: target)) }
            let failures = try await EventBridgeErrors.run { () throws(EventBusError) in
                try await bus.putTargets(targets, rule: rule, bus: busName)
            }
            return EventBridgeTargetShape.json(of: failures)
        }
    }

    /// `RemoveTargets`: removes the targets `Ids` from the rule `Rule` of `EventBusName`, answered with the ids it
    /// did not have (`FailedEntryCount`, `FailedEntries`).
    static func removeTargets(_ bus: any EventBus) -> AWSOperation {
        AWSOperation("RemoveTargets") { request throws(AWSProtocolError) in
            let (rule, busName) = try EventBridgeAddress.targetsRule(of: request.input)
            guard let ids = try request.input.strings("Ids") else { throw request.input.missing("Ids") }
            let failures = try await EventBridgeErrors.run { () throws(EventBusError) in
                try await bus.removeTargets(ids, rule: rule, bus: busName)
            }
            return EventBridgeTargetShape.json(of: failures)
        }
    }

    /// `ListTargetsByRule`: the `Targets` of the rule `Rule` of `EventBusName`, by id.
    static func listTargetsByRule(_ bus: any EventBus) -> AWSOperation {
        AWSOperation("ListTargetsByRule") { request throws(AWSProtocolError) in
            let (rule, busName) = try EventBridgeAddress.targetsRule(of: request.input)
            let targets = try await EventBridgeErrors.run { () throws(EventBusError) in
                try await bus.listTargets(rule: rule, bus: busName)
            }
            return ["Targets": .array(targets.map { EventBridgeTargetShape.json(of: $0, region: request.region) })]
        }
    }
}
