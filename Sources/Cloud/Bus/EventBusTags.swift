/// EventBridge's bounds on the tags of a bus or rule: AWS's bounds on any resource's tags (``ResourceTags``), faults
/// told as ``EventBusError/Code/validation`` of `Tags`.
public enum EventBusTags {
    /// Refuses `tags` when they are more than one bus or rule may hold, or a key or value is out of bounds.
    /// - Throws: ``EventBusError/Code/validation`` naming the first fault.
    public static func validate(_ tags: [String: String]) throws(EventBusError) {
        if let fault = ResourceTags.fault(in: tags, for: "a bus or rule") { throw .invalid("Tags", fault) }
    }

    /// Refuses a bus or rule that would hold `count` tags.
    /// - Throws: ``EventBusError/Code/validation`` past ``ResourceTags/maximumCount``.
    public static func checkCount(_ count: Int, of resource: EventBusResource) throws(EventBusError) {
        if let fault = ResourceTags.countFault(count, of: resource.description) { throw .invalid("Tags", fault) }
    }
}
