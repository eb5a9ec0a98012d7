import Cloud
import JSONCoding

extension SQSOperations {
    /// `GetQueueAttributes`: the attributes `AttributeNames` names (`All` for every one) of the queue of `QueueUrl`.
    static func getQueueAttributes(_ queues: any MessageQueue) -> AWSOperation {
        AWSOperation("GetQueueAttributes") { request throws(AWSProtocolError) in
            let queue = try SQSQueueAddress.queue(of: request.input)
            let names = try request.input.strings("AttributeNames") ?? []
            let attributes = try await SQSErrors.run { () throws(MessageQueueError) in
                try await queues.attributes(of: queue)
            }
            let values = try SQSQueueAttributes.values(names, of: attributes, queue: queue, region: request.region)
            return values.isEmpty ? [:] : ["Attributes": .object(values.mapValues(JSONValue.string))]
        }
    }

    /// `SetQueueAttributes`: changes the settings `Attributes` names of the queue of `QueueUrl`; a `RedrivePolicy`
    /// of `""` removes the queue's.
    static func setQueueAttributes(_ queues: any MessageQueue) -> AWSOperation {
        AWSOperation("SetQueueAttributes") { request throws(AWSProtocolError) in
            let queue = try SQSQueueAddress.queue(of: request.input)
            let changes = try request.input.stringMap("Attributes") ?? [:]
            let current = try await SQSErrors.run { () throws(MessageQueueError) in
                try await queues.attributes(of: queue)
            }
            let configuration = try SQSQueueAttributes.apply(changes, to: current.configuration)
            try await SQSErrors.run(settingAttributes: true) { () throws(MessageQueueError) in
                try await queues.setConfiguration(configuration, of: queue)
            }
            return [:]
        }
    }
}
