import Cloud
import Identifiers
import JSONCoding

extension SQSOperations {
    /// `StartMessageMoveTask`: moves the visible messages of the dead-letter queue `SourceArn` to `DestinationArn`,
    /// or each back to the queue it came from. The local queues move them at once, so the task is done when the
    /// answer (its `TaskHandle`) arrives; `MaxNumberOfMessagesPerSecond` (1…500) is checked and has nothing to slow.
    static func startMessageMoveTask(_ queues: any MessageQueue) -> AWSOperation {
        AWSOperation("StartMessageMoveTask") { request throws(AWSProtocolError) in
            let source = try SQSQueueAddress.name(
                fromARN: request.input.requiredString("SourceArn"), parameter: "SourceArn")
            let destination = try request.input.string("DestinationArn").map { arn throws(AWSProtocolError) in
                try SQSQueueAddress.name(fromARN: arn, parameter: "DestinationArn")
            }
            _ = try request.input.integer("MaxNumberOfMessagesPerSecond", in: 1...500)
            do throws(MessageQueueError) {
                _ = try await queues.startMessageMove(from: source, to: destination)
            } catch let error where error.code == .queueDoesNotExist {
                throw SQSErrors.resourceNotFound(error.message)
            } catch {
                throw SQSErrors.answer(error)
            }
            return ["TaskHandle": .string(RandomUUID.make())]
        }
    }
}
