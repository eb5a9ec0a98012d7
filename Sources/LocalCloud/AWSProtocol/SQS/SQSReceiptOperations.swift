import Cloud
import JSONCoding

extension SQSOperations {
    /// `DeleteMessage`: the message of `ReceiptHandle` in the queue of `QueueUrl`.
    static func deleteMessage(_ queues: any MessageQueue) -> AWSOperation {
        AWSOperation("DeleteMessage") { request throws(AWSProtocolError) in
            let queue = try SQSQueueAddress.queue(of: request.input)
            let handle = try request.input.requiredString("ReceiptHandle")
            try await SQSErrors.run { () throws(MessageQueueError) in
                try await queues.delete(receiptHandle: handle, from: queue)
            }
            return [:]
        }
    }

    /// `ChangeMessageVisibility`: hides the message of `ReceiptHandle` for `VisibilityTimeout` seconds from now.
    static func changeMessageVisibility(_ queues: any MessageQueue) -> AWSOperation {
        AWSOperation("ChangeMessageVisibility") { request throws(AWSProtocolError) in
            let queue = try SQSQueueAddress.queue(of: request.input)
            let handle = try request.input.requiredString("ReceiptHandle")
            let timeout = try Self.visibilityTimeout(request.input)
            try await SQSErrors.run { () throws(MessageQueueError) in
                try await queues.changeVisibility(receiptHandle: handle, timeout: timeout, in: queue)
            }
            return [:]
        }
    }

    /// `DeleteMessageBatch`: up to ten `Entries` (`Id`, `ReceiptHandle`), each deleted or failed on its own.
    static func deleteMessageBatch(_ queues: any MessageQueue) -> AWSOperation {
        Self.receiptBatch("DeleteMessageBatch") { queue, entry in
            try await queues.delete(receiptHandle: entry.requiredString("ReceiptHandle"), from: queue)
        }
    }

    /// `ChangeMessageVisibilityBatch`: up to ten `Entries` (`Id`, `ReceiptHandle`, `VisibilityTimeout`), each
    /// changed or failed on its own.
    static func changeMessageVisibilityBatch(_ queues: any MessageQueue) -> AWSOperation {
        Self.receiptBatch("ChangeMessageVisibilityBatch") { queue, entry in
            try await queues.changeVisibility(
                receiptHandle: entry.requiredString("ReceiptHandle"), timeout: Self.visibilityTimeout(entry),
                in: queue)
        }
    }

    /// A batch operation on receipt handles: its entries' ids are checked as a whole, then `action` runs on each
    /// entry on its own, which lands in `Successful` or `Failed`. `action` fails with an ``AWSProtocolError`` for
    /// members it cannot read and a ``MessageQueueError`` from the queues; a queue that does not exist fails the
    /// whole request.
    private static func receiptBatch(
        _ name: String, action: @escaping @Sendable (String, AWSMembers) async throws -> Void
    ) -> AWSOperation {
        AWSOperation(name) { request throws(AWSProtocolError) in
            let queue = try SQSQueueAddress.queue(of: request.input)
            guard let entries = try request.input.structures("Entries") else { throw request.input.missing("Entries") }
            try Self.checkBatchIDs(entries)
            var successful: [JSONValue] = []
            var failed: [BatchResult.Failure] = []
            for entry in entries {
                let id = try entry.requiredString("Id")
                do {
                    try await action(queue, entry)
                    successful.append(["Id": .string(id)])
                } catch let error as MessageQueueError where error.code == .queueDoesNotExist {
                    throw SQSErrors.answer(error)
                } catch let error as MessageQueueError {
                    failed.append(BatchResult.Failure(id: id, error: error, senderFault: error.code != .unavailable))
                } catch {
                    let message = (error as? AWSProtocolError)?.message ?? String(describing: error)
                    failed.append(
                        BatchResult.Failure(
                            id: id, error: MessageQueueError(.invalidParameterValue, message), senderFault: true))
                }
            }
            return ["Successful": .array(successful), "Failed": Self.failures(failed)]
        }
    }

    /// The `VisibilityTimeout` of `members`, 0…12 hours, which is required.
    private static func visibilityTimeout(_ members: AWSMembers) throws(AWSProtocolError) -> Duration {
        let limit = Int(MessageQueueLimits.visibilityTimeout.components.seconds)
        guard let seconds = try members.integer("VisibilityTimeout", in: 0...limit) else {
            throw members.missing("VisibilityTimeout")
        }
        return .seconds(seconds)
    }
}
