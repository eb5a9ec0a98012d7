/// SQS's bounds on a queue's tags: AWS's bounds on any resource's tags (``ResourceTags``), faults told as
/// ``MessageQueueError/Code/invalidParameterValue`` of `Tags`.
public enum QueueTags {
    /// Refuses `tags` when they are more than one queue may hold, or a key or value is out of bounds: what can be
    /// told without the queue's own tags (``checkCount(_:queue:)`` counts those).
    /// - Throws: ``MessageQueueError/Code/invalidParameterValue`` naming the first fault.
    public static func validate(_ tags: [String: String]) throws(MessageQueueError) {
        if let fault = ResourceTags.fault(in: tags, for: "a queue") { throw .invalidParameter("Tags", fault) }
    }

    /// Refuses a queue that would hold `count` tags.
    /// - Throws: ``MessageQueueError/Code/invalidParameterValue`` past ``ResourceTags/maximumCount``.
    public static func checkCount(_ count: Int, queue: String) throws(MessageQueueError) {
        if let fault = ResourceTags.countFault(count, of: queue) { throw .invalidParameter("Tags", fault) }
    }
}
