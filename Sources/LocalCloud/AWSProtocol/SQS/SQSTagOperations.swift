import Cloud
import JSONCoding

extension SQSOperations {
    /// `TagQueue`: adds `Tags` to the queue of `QueueUrl`, replacing those with the same keys (at most 50 in all).
    static func tagQueue(_ queues: any MessageQueue) -> AWSOperation {
        AWSOperation("TagQueue") { request throws(AWSProtocolError) in
            let queue = try SQSQueueAddress.queue(of: request.input)
            let tags = try request.input.required("Tags", request.input.stringMap)
            try await SQSErrors.run { () throws(MessageQueueError) in try await queues.tag(queue, with: tags) }
            return [:]
        }
    }

    /// `UntagQueue`: removes the tags `TagKeys` from the queue of `QueueUrl`.
    static func untagQueue(_ queues: any MessageQueue) -> AWSOperation {
        AWSOperation("UntagQueue") { request throws(AWSProtocolError) in
            let queue = try SQSQueueAddress.queue(of: request.input)
            let keys = try request.input.required("TagKeys", request.input.strings)
            try await SQSErrors.run { () throws(MessageQueueError) in try await queues.untag(queue, keys: keys) }
            return [:]
        }
    }

    /// `ListQueueTags`: the tags of the queue of `QueueUrl` (no `Tags` member when it has none, as SQS answers).
    static func listQueueTags(_ queues: any MessageQueue) -> AWSOperation {
        AWSOperation("ListQueueTags") { request throws(AWSProtocolError) in
            let queue = try SQSQueueAddress.queue(of: request.input)
            let tags = try await SQSErrors.run { () throws(MessageQueueError) in try await queues.tags(of: queue) }
            return tags.isEmpty ? [:] : ["Tags": .object(tags.mapValues(JSONValue.string))]
        }
    }
}
