import Cloud
import Testing

/// Batch sends and deletes: whole-request errors, and entries that succeed or fail on their own.
let batchChecks: [MessageQueueContract.Check] = [
    .init("a malformed batch is refused as a whole with SQS's batch error codes") { queues, scenario in
        let name = scenario.name("batched")
        try await queues.createQueue(name)
        let message = OutgoingMessage(body: "x")
        await expectQueueError(.emptyBatchRequest) { _ = try await queues.sendBatch([], to: name) }
        await expectQueueError(.tooManyEntriesInBatchRequest) {
            _ = try await queues.sendBatch((0..<11).map { BatchEntry(id: "m\($0)", message: message) }, to: name)
        }
        await expectQueueError(.batchEntryIdsNotDistinct) {
            _ = try await queues.sendBatch(
                [BatchEntry(id: "same", message: message), BatchEntry(id: "same", message: message)], to: name)
        }
        await expectQueueError(.invalidBatchEntryId) {
            _ = try await queues.sendBatch([BatchEntry(id: "not valid!", message: message)], to: name)
        }
        #expect(try await receiveBodies(queues, from: name).isEmpty, "nothing of a refused batch was sent")
    },
    .init("each entry of a batch succeeds or fails on its own, with SQS's code and sender fault") { queues, scenario in
        let name = scenario.name("mixed")
        try await queues.createQueue(name, configuration: QueueConfiguration(maximumMessageSize: 1024))
        let result = try await queues.sendBatch(
            [
                BatchEntry(id: "first", message: OutgoingMessage(body: "fits")),
                BatchEntry(id: "too-long", message: OutgoingMessage(body: String(repeating: "x", count: 1025))),
                BatchEntry(id: "third", message: OutgoingMessage(body: "fits too")),
            ], to: name)
        #expect(Set(result.successful.keys) == ["first", "third"])
        #expect(result.successful["first"]?.md5OfBody != nil)
        let failure = try #require(result.failed.first)
        #expect(result.failed.count == 1)
        #expect(failure.id == "too-long")
        #expect(failure.error.code == .messageTooLong)
        #expect(failure.senderFault)
        #expect(Set(try await receiveBodies(queues, from: name)) == ["fits", "fits too"])
    },
    .init("a batch delete deletes each entry's message, and fails only the entry whose handle no receive gave out") {
        queues, scenario in
        let name = scenario.name("deleted")
        try await queues.createQueue(name)
        var entries: [ReceiptBatchEntry] = []
        for body in ["one", "two"] {
            _ = try await queues.send(OutgoingMessage(body: body), to: name)
            entries.append(
                ReceiptBatchEntry(id: body, receiptHandle: try await receiveOne(queues, from: name).receiptHandle))
        }
        entries.append(ReceiptBatchEntry(id: "forged", receiptHandle: "not-a-receipt-handle"))
        await expectQueueError(.emptyBatchRequest) { _ = try await queues.deleteBatch([], from: name) }
        let failures = try await queues.deleteBatch(entries, from: name)
        #expect(failures.map(\.id) == ["forged"])
        #expect(failures.first?.error.code == .receiptHandleIsInvalid)
        let attributes = try await queues.attributes(of: name)
        #expect(attributes.visibleMessages + attributes.inFlightMessages == 0, "both received messages are gone")
    },
]
