import Cloud
import Identifiers
import JSONCoding

extension SQSOperations {
    /// `StartMessageMoveTask`: moves the visible messages of the dead-letter queue `SourceArn` to `DestinationArn`,
    /// or each back to the queue it came from. The local queues move them at once, so the task is done when the
    /// answer (its `TaskHandle`) arrives; `MaxNumberOfMessagesPerSecond` (1…500) is checked and has nothing to slow.
    /// The task is recorded in `tasks` for `ListMessageMoveTasks`.
    static func startMessageMoveTask(_ queues: any MessageQueue, tasks: SQSMessageMoveTasks) -> AWSOperation {
        AWSOperation("StartMessageMoveTask") { request throws(AWSProtocolError) in
            let sourceARN = try request.input.requiredString("SourceArn")
            let source = try SQSQueueAddress.name(fromARN: sourceARN, parameter: "SourceArn")
            let destinationARN = try request.input.string("DestinationArn")
            let destination = try destinationARN.map { arn throws(AWSProtocolError) in
                try SQSQueueAddress.name(fromARN: arn, parameter: "DestinationArn")
            }
            let maximumPerSecond = try request.input.integer("MaxNumberOfMessagesPerSecond", in: 1...500)
            let started = SystemClock().nowMilliseconds
            let moved = try await Self.runOnSourceQueue { () throws(MessageQueueError) in
                try await queues.startMessageMove(from: source, to: destination)
            }
            let handle = RandomUUID.make()
            tasks.record(
                .init(
                    handle: handle, sourceARN: sourceARN, destinationARN: destinationARN,
                    maximumPerSecond: maximumPerSecond, moved: moved, startedMilliseconds: started),
                source: source)
            return ["TaskHandle": .string(handle)]
        }
    }

    /// `ListMessageMoveTasks`: the latest `MaxResults` (1…10, one by default) tasks of the dead-letter queue
    /// `SourceArn`, which must exist, the most recent first.
    static func listMessageMoveTasks(_ queues: any MessageQueue, tasks: SQSMessageMoveTasks) -> AWSOperation {
        AWSOperation("ListMessageMoveTasks") { request throws(AWSProtocolError) in
            let source = try SQSQueueAddress.name(
                fromARN: request.input.requiredString("SourceArn"), parameter: "SourceArn")
            let limit = try request.input.integer("MaxResults", in: 1...SQSMessageMoveTasks.tasksKeptPerQueue) ?? 1
            _ = try await Self.runOnSourceQueue { () throws(MessageQueueError) in
                try await queues.attributes(of: source)
            }
            return ["Results": .array(tasks.latest(limit, source: source).map(\.members))]
        }
    }

    /// `CancelMessageMoveTask`: refused for every `TaskHandle`, as SQS refuses a task that is no longer running: the
    /// local queues finish each task as it starts.
    static func cancelMessageMoveTask() -> AWSOperation {
        AWSOperation("CancelMessageMoveTask") { request throws(AWSProtocolError) in
            let handle = try request.input.requiredString("TaskHandle")
            throw SQSErrors.resourceNotFound(
                "No message move task \(handle.prefix(128)) is running: the local queues finish each one as it starts")
        }
    }

    /// Runs `operation` on the port; a missing source queue is SQS's `ResourceNotFoundException` here, not
    /// `QueueDoesNotExist`.
    private static func runOnSourceQueue<T>(_ operation: () async throws(MessageQueueError) -> T)
        async throws(AWSProtocolError) -> T
    {
        do {
            return try await operation()
        } catch let error where error.code == .queueDoesNotExist {
            throw SQSErrors.resourceNotFound(error.message)
        } catch {
            throw SQSErrors.answer(error)
        }
    }
}
