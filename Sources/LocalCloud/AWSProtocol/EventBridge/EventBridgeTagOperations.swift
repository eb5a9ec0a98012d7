import Cloud
import JSONCoding

extension EventBridgeOperations {
    /// `TagResource`: adds `Tags` to the bus or rule of `ResourceARN`, replacing those with the same keys (at most
    /// 50 in all).
    static func tagResource(_ bus: any EventBus) -> AWSOperation {
        AWSOperation("TagResource") { request throws(AWSProtocolError) in
            let resource = try Self.taggedResource(of: request.input)
            guard let tags = try Self.tags(of: request.input) else { throw request.input.missing("Tags") }
            try await EventBridgeErrors.run { () throws(EventBusError) in try await bus.tag(resource, with: tags) }
            return [:]
        }
    }

    /// `UntagResource`: removes the tags `TagKeys` from the bus or rule of `ResourceARN`.
    static func untagResource(_ bus: any EventBus) -> AWSOperation {
        AWSOperation("UntagResource") { request throws(AWSProtocolError) in
            let resource = try Self.taggedResource(of: request.input)
            let keys = try request.input.required("TagKeys", request.input.strings)
            try await EventBridgeErrors.run { () throws(EventBusError) in try await bus.untag(resource, keys: keys) }
            return [:]
        }
    }

    /// `ListTagsForResource`: the tags of the bus or rule of `ResourceARN`, as a list of `Key` and `Value` in key
    /// order (an empty list when it has none, as EventBridge answers).
    static func listTagsForResource(_ bus: any EventBus) -> AWSOperation {
        AWSOperation("ListTagsForResource") { request throws(AWSProtocolError) in
            let resource = try Self.taggedResource(of: request.input)
            let tags = try await EventBridgeErrors.run { () throws(EventBusError) in try await bus.tags(of: resource) }
            let list = tags.sorted { $0.key < $1.key }.map { key, value in
                JSONValue.object(["Key": .string(key), "Value": .string(value)])
            }
            return ["Tags": .array(list)]
        }
    }

    /// The tags of a request's `Tags` list (`Key` and `Value` each), `nil` when it has none; of repeated keys the
    /// last counts. `CreateEventBus` and `PutRule` take them too.
    static func tags(of input: AWSMembers) throws(AWSProtocolError) -> [String: String]? {
        guard let list = try input.structures("Tags") else { return nil }
        var tags: [String: String] = [:]
        for tag in list {
            tags[try tag.requiredString("Key")] = try tag.requiredString("Value")
        }
        return tags
    }

    /// The bus (`…:event-bus/NAME`) or rule (`…:rule/NAME` on the default bus, `…:rule/BUS/NAME`) that
    /// `ResourceARN` names, the only EventBridge resources that hold tags.
    private static func taggedResource(of input: AWSMembers) throws(AWSProtocolError) -> EventBusResource {
        let arn = try input.requiredString("ResourceARN")
        let parts = arn.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        guard arn.utf8.count <= EventBridgeAddress.maximumLength, parts.count == 6, parts[0] == "arn",
            parts[2] == "events"
        else {
            throw input.invalidValue("ResourceARN", "\(arn.prefix(128)) is not the ARN of an EventBridge resource")
        }
        let path = parts[5].split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        switch (path.first, path.count) {
        case ("event-bus", 2) where !path[1].isEmpty: return .bus(path[1])
        case ("rule", 2) where !path[1].isEmpty: return .rule(path[1], bus: EventBusNames.default)
        case ("rule", 3) where !path[1].isEmpty && !path[2].isEmpty: return .rule(path[2], bus: path[1])
        default:
            throw input.invalidValue("ResourceARN", "only event buses and rules hold tags (\(arn.prefix(128)))")
        }
    }
}
