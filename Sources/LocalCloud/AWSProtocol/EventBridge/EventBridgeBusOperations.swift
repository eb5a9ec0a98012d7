import Cloud
import JSONCoding

extension EventBridgeOperations {
    /// `CreateEventBus`: the bus `Name` with its `Tags` (checked before the bus is made), answered with its
    /// `EventBusArn`.
    static func createEventBus(_ bus: any EventBus) -> AWSOperation {
        AWSOperation("CreateEventBus") { request throws(AWSProtocolError) in
            let name = try request.input.requiredString("Name")
            let tags = try Self.tags(of: request.input) ?? [:]
            try await EventBridgeErrors.run { () throws(EventBusError) in
                try EventBusTags.validate(tags)
                try await bus.createEventBus(name)
                if !tags.isEmpty { try await bus.tag(.bus(name), with: tags) }
            }
            return ["EventBusArn": .string(EventBridgeAddress.arn("event-bus", name, region: request.region))]
        }
    }

    /// `DeleteEventBus`: the bus `Name`, refused while it has rules; deleting a bus that does not exist
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
            let buses = try await EventBridgeErrors.run { () throws(EventBusError) in
                try await bus.listEventBuses(prefix: name)
            }
            guard buses.contains(name) else { throw EventBridgeErrors.answer(.notFound("Event bus", name)) }
            return .object(Self.members(ofBus: name, region: request.region))
        }
    }

    /// `ListEventBuses`: the buses whose names start with `NamePrefix`, in name order, `Limit` (1…100) at a time
    /// with a `NextToken` (the last name answered) for the next page.
    static func listEventBuses(_ bus: any EventBus) -> AWSOperation {
        AWSOperation("ListEventBuses") { request throws(AWSProtocolError) in
            let prefix = try request.input.string("NamePrefix")
            let limit = try request.input.integer("Limit", in: 1...100)
            let after = try request.input.string("NextToken")
            let names = try await EventBridgeErrors.run { () throws(EventBusError) in
                try await bus.listEventBuses(prefix: prefix)
            }.filter { name in after.map { name > $0 } ?? true }
            let page = names.prefix(limit ?? 100)
            var output: [String: JSONValue] = [
                "EventBuses": .array(page.map { .object(Self.members(ofBus: $0, region: request.region)) })
            ]
            if page.count < names.count, let last = page.last { output["NextToken"] = .string(last) }
            return .object(output)
        }
    }

    /// A bus as `DescribeEventBus` and `ListEventBuses` answer it.
    private static func members(ofBus name: String, region: String) -> [String: JSONValue] {
        ["Name": .string(name), "Arn": .string(EventBridgeAddress.arn("event-bus", name, region: region))]
    }
}
