import Cloud
import JSONCoding

extension EventBridgeOperations {
    /// `CreateEventBus`: the bus `Name`, answered with its `EventBusArn`.
    static func createEventBus(_ bus: any EventBus) -> AWSOperation {
        AWSOperation("CreateEventBus") { request throws(AWSProtocolError) in
            let name = try request.input.requiredString("Name")
            try await EventBridgeErrors.run { () throws(EventBusError) in try await bus.createEventBus(name) }
            return ["EventBusArn": .string(EventBridgeAddress.arn("event-bus", name, region: request.region))]
        }
    }

    /// `DeleteEventBus`: the bus `Name` with its rules and their targets; deleting a bus that does not exist
    /// succeeds, as on EventBridge (whose only errors for it are internal ones and concurrent modification).
    static func deleteEventBus(_ bus: any EventBus) -> AWSOperation {
        AWSOperation("DeleteEventBus") { request throws(AWSProtocolError) in
            let name = try request.input.requiredString("Name")
            do throws(EventBusError) {
                try await bus.deleteEventBus(name)
            } catch  where error.code == .resourceNotFound {
                return [:]
            } catch {
                throw EventBridgeErrors.answer(error)
            }
            return [:]
        }
    }

    /// `DescribeEventBus`: the `Name` and `Arn` of the bus `Name` (by name or ARN, `default` when missing), which
    /// must exist.
    static func describeEventBus(_ bus: any EventBus) -> AWSOperation {
        AWSOperation("DescribeEventBus") { request throws(AWSProtocolError) in
            let name =
                try request.input.string("Name").map { value throws(AWSProtocolError) in
                    try EventBridgeAddress.name("event-bus", of: value, parameter: "Name")
                } ?? EventBusNames.default
            // The port has no look-up of a bus; listing its rules fails the same way when it does not exist.
            _ = try await EventBridgeErrors.run { () throws(EventBusError) in
                try await bus.listRules(bus: name, prefix: nil)
            }
            return [
                "Name": .string(name),
                "Arn": .string(EventBridgeAddress.arn("event-bus", name, region: request.region)),
            ]
        }
    }
}
