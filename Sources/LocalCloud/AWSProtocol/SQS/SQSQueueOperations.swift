import Cloud
import JSONCoding

extension SQSOperations {
    /// `CreateQueue`: `QueueName` and `Attributes` (and `tags`, added to the queue's) to `QueueUrl`. For a queue
    /// that exists, the URL when the attributes given (only those) are the queue's already, else `QueueNameExists`.
    static func createQueue(_ queues: any MessageQueue) -> AWSOperation {
        AWSOperation("CreateQueue") { request throws(AWSProtocolError) in
            let name = try request.input.requiredString("QueueName")
            let attributes = try request.input.stringMap("Attributes") ?? [:]
            let configuration = try SQSQueueAttributes.configuration(attributes)
            let tags = try request.input.stringMap("tags")
            do throws(MessageQueueError) {
                try QueueConfiguration.validateName(name, fifo: configuration.fifo)
                if let tags { try QueueTags.validate(tags) }
            } catch {
                throw SQSErrors.answer(error)
            }
            do throws(MessageQueueError) {
                try await queues.createQueue(name, configuration: configuration)
            } catch  where error.code == .queueNameExists {
                guard try await Self.hasAlready(attributes, queue: name, queues) else { throw SQSErrors.answer(error) }
            } catch {
                throw SQSErrors.settingAttributes(error)
            }
            if let tags, !tags.isEmpty {
                try await SQSErrors.run { () throws(MessageQueueError) in try await queues.tag(name, with: tags) }
            }
            return ["QueueUrl": .string(SQSQueueAddress.url(of: name, host: request.host))]
        }
    }

    /// Whether the existing queue `name` has every attribute of `attributes` with that value already.
    private static func hasAlready(_ attributes: [String: String], queue name: String, _ queues: any MessageQueue)
        async throws(AWSProtocolError) -> Bool
    {
        let existing = try await SQSErrors.run { () throws(MessageQueueError) in
            try await queues.attributes(of: name).configuration
        }
        do throws(AWSProtocolError) {
            return try SQSQueueAttributes.apply(attributes, to: existing) == existing
        } catch {
            return false
        }
    }

    /// `DeleteQueue`: the queue of `QueueUrl` and its messages.
    static func deleteQueue(_ queues: any MessageQueue) -> AWSOperation {
        AWSOperation("DeleteQueue") { request throws(AWSProtocolError) in
            let queue = try SQSQueueAddress.queue(of: request.input)
            try await SQSErrors.run { () throws(MessageQueueError) in try await queues.deleteQueue(queue) }
            return [:]
        }
    }

    /// `GetQueueUrl`: the URL of the queue `QueueName`, which must exist.
    static func getQueueUrl(_ queues: any MessageQueue) -> AWSOperation {
        AWSOperation("GetQueueUrl") { request throws(AWSProtocolError) in
            let name = try request.input.requiredString("QueueName")
            _ = try await SQSErrors.run { () throws(MessageQueueError) in try await queues.attributes(of: name) }
            return ["QueueUrl": .string(SQSQueueAddress.url(of: name, host: request.host))]
        }
    }

    /// `ListQueues`: the URLs of the queues whose names start with `QueueNamePrefix`, in name order, `MaxResults`
    /// (1…1000) at a time with a `NextToken` (the last name answered) for the next page.
    static func listQueues(_ queues: any MessageQueue) -> AWSOperation {
        AWSOperation("ListQueues") { request throws(AWSProtocolError) in
            let prefix = try request.input.string("QueueNamePrefix") ?? ""
            let limit = try request.input.integer("MaxResults", in: 1...1000)
            let after = try request.input.string("NextToken")
            let names = try await SQSErrors.run { () throws(MessageQueueError) in try await queues.queueNames() }
                .filter { name in name.hasPrefix(prefix) && after.map { name > $0 } ?? true }
            // Without MaxResults SQS answers at most 1,000 queues and no token.
            let page = names.prefix(limit ?? 1000)
            // SQS leaves `QueueUrls` out when no queue matches.
            guard !page.isEmpty else { return [:] }
            var output: [String: JSONValue] = [
                "QueueUrls": .array(page.map { .string(SQSQueueAddress.url(of: $0, host: request.host)) })
            ]
            if limit != nil, page.count < names.count, let last = page.last { output["NextToken"] = .string(last) }
            return .object(output)
        }
    }

    /// `ListDeadLetterSourceQueues`: the URLs of the queues whose redrive policy names the queue of `QueueUrl` (which
    /// must exist) as their dead-letter queue, in name order, `MaxResults` (1…1,000) at a time with a `NextToken`
    /// (the last name answered) for the next page.
    static func listDeadLetterSourceQueues(_ queues: any MessageQueue) -> AWSOperation {
        AWSOperation("ListDeadLetterSourceQueues") { request throws(AWSProtocolError) in
            let deadLetterQueue = try SQSQueueAddress.queue(of: request.input)
            let limit = try request.input.integer("MaxResults", in: 1...1000)
            let after = try request.input.string("NextToken")
            let sources = try await SQSErrors.run { () throws(MessageQueueError) in
                _ = try await queues.attributes(of: deadLetterQueue)
                var sources: [String] = []
                for name in try await queues.queueNames() where after.map({ name > $0 }) ?? true {
                    let policy = try await queues.attributes(of: name).configuration.redrivePolicy
                    if policy?.deadLetterQueue == deadLetterQueue { sources.append(name) }
                }
                return sources
            }
            let page = sources.prefix(limit ?? 1000)
            var output: [String: JSONValue] = [
                "queueUrls": .array(page.map { .string(SQSQueueAddress.url(of: $0, host: request.host)) })
            ]
            if limit != nil, page.count < sources.count, let last = page.last { output["NextToken"] = .string(last) }
            return .object(output)
        }
    }

    /// `PurgeQueue`: deletes every message of the queue of `QueueUrl`.
    static func purgeQueue(_ queues: any MessageQueue) -> AWSOperation {
        AWSOperation("PurgeQueue") { request throws(AWSProtocolError) in
            let queue = try SQSQueueAddress.queue(of: request.input)
            try await SQSErrors.run { () throws(MessageQueueError) in try await queues.purge(queue) }
            return [:]
        }
    }
}
