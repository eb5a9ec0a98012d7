/// The operations of EventBridge the local cloud answers, each built by a function of its own in a file of its own.
public enum EventBridgeOperations {}

extension AWSService {
    /// EventBridge's faults: `ValidationException` for input its model does not allow.
    static let eventBridgeInputFaults = AWSInputFaults(
        missing: AWSErrorShape(type: "ValidationException"), invalid: AWSErrorShape(type: "ValidationException"))

    /// EventBridge on its JSON protocol (`AWSEvents.<operation>`, JSON 1.1) with `operations`: by default
    /// `TestEventPattern`; the event bus adds its own (`PutEvents`, rules, targets, archives) to the list.
    public static func eventBridge(
        operations: [AWSOperation] = [EventBridgeOperations.testEventPattern()]
    ) -> AWSService {
        AWSService(
            targetPrefix: "AWSEvents", jsonVersion: "1.1", inputFaults: Self.eventBridgeInputFaults,
            operations: operations)
    }
}
