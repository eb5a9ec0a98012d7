public import Cloud
import JSONCoding

extension EventBridgeBus {
    /// `ListTagsForResource` of the bus's or rule's ARN.
    public func tags(of resource: EventBusResource) async throws(EventBusError) -> [String: String] {
        try await self.tags(atARN: try await self.arn(of: resource))
    }

    /// `TagResource`, after the port's bounds are checked here, the count with the resource's own tags.
    public func tag(_ resource: EventBusResource, with tags: [String: String]) async throws(EventBusError) {
        try EventBusTags.validate(tags)
        let arn = try await self.arn(of: resource)
        let count = try await self.tags(atARN: arn).merging(tags) { _, new in new }.count
        try EventBusTags.checkCount(count, of: resource)
        let list = tags.sorted { $0.key < $1.key }.map { key, value in
            JSONValue.object(["Key": .string(key), "Value": .string(value)])
        }
        _ = try await self.call("TagResource", ["ResourceARN": .string(arn), "Tags": .array(list)])
    }

    /// `UntagResource` (none when there are no keys, which EventBridge would refuse; the resource must still exist).
    public func untag(_ resource: EventBusResource, keys: [String]) async throws(EventBusError) {
        guard !keys.isEmpty else {
            _ = try await self.tags(of: resource)
            return
        }
        _ = try await self.call(
            "UntagResource",
            ["ResourceARN": .string(try await self.arn(of: resource)), "TagKeys": .array(keys.map(JSONValue.string))])
    }

    private func tags(atARN arn: String) async throws(EventBusError) -> [String: String] {
        let output = try await self.call("ListTagsForResource", ["ResourceARN": .string(arn)])
        var tags: [String: String] = [:]
        for tag in output["Tags"]?.arrayValue ?? [] {
            guard let key = tag["Key"]?.stringValue, let value = tag["Value"]?.stringValue else {
                throw EventBusError(.internalFailure, "EventBridge answered with a tag without a key or value")
            }
            tags[key] = value
        }
        return tags
    }

    private func arn(of resource: EventBusResource) async throws(EventBusError) -> String {
        try resource.checkNames()
        switch resource {
        case .bus(let name): return try await self.arns().events("event-bus", name)
        case .rule(let name, let bus): return try await self.arns().rule(name, bus: bus)
        }
    }
}
