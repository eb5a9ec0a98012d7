import AWS
import Cloud

extension AWSProvisioner {
    /// Makes each missing queue (dead-letter queues first, as planned) and gives an existing one the plan's
    /// settings; returns each queue's URL and ARN by its name in the manifest.
    func provisionQueues(
        _ queues: SQSQueue, client: AWSJSONClient
    ) async throws -> [String: AWSResources.Queue] {
        var recorded: [String: AWSResources.Queue] = [:]
        for planned in self.plan.queues {
            let name = planned.physicalName
            let created = try await self.step("queue", name) { () async throws(MessageQueueError) -> Bool in
                do throws(MessageQueueError) {
                    _ = try await queues.attributes(of: name)
                } catch  where error.code == .queueDoesNotExist {
                    try await queues.createQueue(name, configuration: planned.configuration)
                    return true
                }
                try await queues.setConfiguration(planned.configuration, of: name)
                return false
            }
            self.reportOutcome(created: created, "queue", name)
            let (url, arn) = try await self.step("queue", name) { () async throws(AWSServiceError) in
                let url = try await client.call("GetQueueUrl", ["QueueName": .string(name)])["QueueUrl"]?.stringValue
                let attributes = try await client.call(
                    "GetQueueAttributes", ["QueueUrl": .string(url ?? ""), "AttributeNames": ["QueueArn"]])
                return (url, attributes["Attributes"]?["QueueArn"]?.stringValue)
            }
            guard let url, let arn else {
                throw CommandLineError("The endpoint answered without the URL or the ARN of the queue \(name)")
            }
            recorded[planned.name] = AWSResources.Queue(name: name, url: url, arn: arn)
        }
        return recorded
    }
}
