import Cloud
import JSONCoding

extension SQSOperations {
    /// `SendMessage`: one message to the queue of `QueueUrl`, answered with its id and the MD5 digests of its body
    /// and attributes.
    static func sendMessage(_ queues: any MessageQueue) -> AWSOperation {
        AWSOperation("SendMessage") { request throws(AWSProtocolError) in
            let queue = try SQSQueueAddress.queue(of: request.input)
            let message = try Self.outgoingMessage(request.input)
            let sent = try await SQSErrors.run { () throws(MessageQueueError) in
                try await queues.send(message, to: queue)
            }
            return .object(Self.receipt(of: sent, for: message))
        }
    }

    /// `SendMessageBatch`: up to ten `Entries`, each sent or failed on its own (`Successful`, `Failed`); a request
    /// wrong as a whole (no entries, more than ten, ids repeated or malformed, too long together) sends none.
    static func sendMessageBatch(_ queues: any MessageQueue) -> AWSOperation {
        AWSOperation("SendMessageBatch") { request throws(AWSProtocolError) in
            let queue = try SQSQueueAddress.queue(of: request.input)
            guard let entries = try request.input.structures("Entries") else { throw request.input.missing("Entries") }
            try Self.checkBatchIDs(entries)
            var batch: [BatchEntry] = []
            var unreadable: [BatchResult.Failure] = []
            for entry in entries {
                let id = try entry.requiredString("Id")
                do throws(AWSProtocolError) {
                    batch.append(BatchEntry(id: id, message: try Self.outgoingMessage(entry)))
                } catch {
                    // An entry whose members are malformed fails alone, as one SQS refuses does.
                    unreadable.append(
                        BatchResult.Failure(
                            id: id, error: MessageQueueError(.invalidParameterValue, error.message), senderFault: true))
                }
            }
            let result =
                batch.isEmpty
                ? BatchResult()
                : try await SQSErrors.run { () throws(MessageQueueError) in try await queues.sendBatch(batch, to: queue)
                }
            // In the order of the request, as SQS lists them.
            let successful: [JSONValue] = batch.compactMap { entry in
                guard let sent = result.successful[entry.id] else { return nil }
                var receipt = Self.receipt(of: sent, for: entry.message)
                receipt["Id"] = .string(entry.id)
                return .object(receipt)
            }
            return [
                "Successful": .array(successful),
                "Failed": Self.failures(result.failed + unreadable),
            ]
        }
    }

    /// Checks the ids of a batch's `entries` as the queue port does, before any entry is looked at further.
    static func checkBatchIDs(_ entries: [AWSMembers]) throws(AWSProtocolError) {
        var ids: [String] = []
        for entry in entries { ids.append(try entry.requiredString("Id")) }
        do {
            try MessageQueueRequest.checkBatchIDs(ids)
        } catch {
            throw SQSErrors.answer(error)
        }
    }

    /// A batch's failed entries as SQS lists them: `Id`, `SenderFault`, `Code` (the Query code) and `Message`.
    static func failures(_ failures: [BatchResult.Failure]) -> JSONValue {
        .array(
            failures.map { failure in
                let shape = SQSErrors.shape(of: failure.error.code)
                return [
                    "Id": .string(failure.id), "SenderFault": .bool(failure.senderFault),
                    "Code": .string(shape.queryCode ?? failure.error.code.rawValue),
                    "Message": .string(failure.error.message),
                ]
            })
    }

    /// The message the members of a `SendMessage` request or a batch entry describe.
    private static func outgoingMessage(_ members: AWSMembers) throws(AWSProtocolError) -> OutgoingMessage {
        let systemAttributes = try SQSMessageAttributes.decode("MessageSystemAttributes", of: members)
        guard systemAttributes.keys.allSatisfy({ $0 == "AWSTraceHeader" }) else {
            throw members.invalidValue("MessageSystemAttributes", "the only system attribute is AWSTraceHeader")
        }
        let traceHeader: String?
        switch systemAttributes["AWSTraceHeader"] {
        case .string(let header): traceHeader = header
        case nil: traceHeader = nil
        default: throw members.invalidValue("MessageSystemAttributes", "AWSTraceHeader is a String")
        }
        return OutgoingMessage(
            body: try members.requiredString("MessageBody"),
            delay: try members.integer("DelaySeconds", in: 0...Int(MessageQueueLimits.delay.components.seconds))
                .map { .seconds($0) },
            messageAttributes: try SQSMessageAttributes.decode("MessageAttributes", of: members),
            messageGroupID: try members.string("MessageGroupId"),
            deduplicationID: try members.string("MessageDeduplicationId"),
            traceHeader: traceHeader)
    }

    /// What SQS answers for `message`, sent as `sent`: its id, sequence number and digests.
    private static func receipt(of sent: SentMessage, for message: OutgoingMessage) -> [String: JSONValue] {
        var receipt: [String: JSONValue] = [
            "MessageId": .string(sent.messageID), "MD5OfMessageBody": .string(sent.md5OfBody),
        ]
        receipt["SequenceNumber"] = sent.sequenceNumber.map(JSONValue.string)
        receipt["MD5OfMessageAttributes"] = SQSMessageAttributes.md5(of: message.messageAttributes).map(
            JSONValue.string)
        receipt["MD5OfMessageSystemAttributes"] = message.traceHeader.flatMap { header in
            SQSMessageAttributes.md5(of: ["AWSTraceHeader": .string(header)]).map(JSONValue.string)
        }
        return receipt
    }
}
