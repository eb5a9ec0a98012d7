public import Cloud

/// The operations of SQS the local cloud answers, each built by a function of its own on the queue port.
enum SQSOperations {}

extension AWSService {
    /// SQS on its JSON protocol (`AmazonSQS.<operation>`, JSON 1.0) in front of `queues`: the operations a program
    /// and the AWS CLI use to make, configure, list and delete queues, send, receive and delete messages, find the
    /// queues a dead-letter queue serves, move messages back from it (and list those moves), and tag queues.
    public static func sqs(queues: any MessageQueue) -> AWSService {
        let moveTasks = SQSMessageMoveTasks()
        return AWSService(
            targetPrefix: "AmazonSQS", jsonVersion: "1.0", inputFaults: SQSErrors.inputFaults,
            operations: [
                SQSOperations.createQueue(queues), SQSOperations.deleteQueue(queues),
                SQSOperations.getQueueUrl(queues), SQSOperations.listQueues(queues),
                SQSOperations.purgeQueue(queues), SQSOperations.getQueueAttributes(queues),
                SQSOperations.setQueueAttributes(queues), SQSOperations.sendMessage(queues),
                SQSOperations.sendMessageBatch(queues), SQSOperations.receiveMessage(queues),
                SQSOperations.deleteMessage(queues), SQSOperations.deleteMessageBatch(queues),
                SQSOperations.changeMessageVisibility(queues), SQSOperations.changeMessageVisibilityBatch(queues),
                SQSOperations.startMessageMoveTask(queues, tasks: moveTasks),
                SQSOperations.listMessageMoveTasks(queues, tasks: moveTasks), SQSOperations.cancelMessageMoveTask(),
                SQSOperations.listDeadLetterSourceQueues(queues), SQSOperations.tagQueue(queues),
                SQSOperations.untagQueue(queues), SQSOperations.listQueueTags(queues),
            ])
    }
}
