public import Cloud

/// The operations of EventBridge the local cloud answers, each built by a function of its own in a file of its own.
public enum EventBridgeOperations {}

extension AWSService {
    /// EventBridge's faults: `ValidationException` for input its model does not allow.
    static let eventBridgeInputFaults = AWSInputFaults(
        missing: AWSErrorShape(type: "ValidationException"), invalid: AWSErrorShape(type: "ValidationException"))

    /// EventBridge on its JSON protocol (`AWSEvents.<operation>`, JSON 1.1): `TestEventPattern`, and with `bus` the
    /// operations a program uses to make, list and delete buses, put events, manage rules (enable and disable them,
    /// find them by target) and their queue and function targets,
    /// manage archives, start, describe and list replays (and answer a request to cancel one), and tag buses and
    /// rules.
    public static func eventBridge(bus: (any EventBus)? = nil) -> AWSService {
        var operations = [EventBridgeOperations.testEventPattern()]
        if let bus {
            operations += [
                EventBridgeOperations.createEventBus(bus), EventBridgeOperations.describeEventBus(bus),
                EventBridgeOperations.listEventBuses(bus), EventBridgeOperations.deleteEventBus(bus),
                EventBridgeOperations.putEvents(bus), EventBridgeOperations.putRule(bus),
                EventBridgeOperations.describeRule(bus), EventBridgeOperations.listRules(bus),
                EventBridgeOperations.setRuleState(bus, to: .enabled),
                EventBridgeOperations.setRuleState(bus, to: .disabled),
                EventBridgeOperations.listRuleNamesByTarget(bus), EventBridgeOperations.deleteRule(bus),
                EventBridgeOperations.putTargets(bus),
                EventBridgeOperations.removeTargets(bus), EventBridgeOperations.listTargetsByRule(bus),
                EventBridgeOperations.createArchive(bus), EventBridgeOperations.describeArchive(bus),
                EventBridgeOperations.listArchives(bus), EventBridgeOperations.deleteArchive(bus),
                EventBridgeOperations.startReplay(bus), EventBridgeOperations.describeReplay(bus),
                EventBridgeOperations.listReplays(bus), EventBridgeOperations.cancelReplay(bus),
                EventBridgeOperations.tagResource(bus), EventBridgeOperations.untagResource(bus),
                EventBridgeOperations.listTagsForResource(bus),
            ]
        }
        return AWSService(
            targetPrefix: "AWSEvents", jsonVersion: "1.1", inputFaults: Self.eventBridgeInputFaults,
            operations: operations)
    }
}
