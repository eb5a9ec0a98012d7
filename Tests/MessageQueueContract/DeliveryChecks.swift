import Cloud
import Testing

/// Standard queues: what a receive hands out, visibility, deletion, delays and retention.
let deliveryChecks: [MessageQueueContract.Check] = [
    .init("a message arrives with its body, attributes, trace header, digest and system attributes") {
        queues, scenario in
        let name = scenario.name("plain")
        try await queues.createQueue(name)
        let attributes: [String: MessageAttributeValue] = [
            "kind": .string("order.created"), "amount": .number("12.50"), "blob": .binary([0, 1, 254, 255]),
        ]
        let trace = "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1"
        let sent = try await queues.send(
            OutgoingMessage(body: "hello", messageAttributes: attributes, traceHeader: trace), to: name)
        #expect(sent.md5OfBody == "5d41402abc4b2a76b9719d911017c592")
        #expect(sent.sequenceNumber == nil)
        let message = try await receiveOne(queues, from: name)
        #expect(message.messageID == sent.messageID)
        #expect(message.body == "hello")
        #expect(message.md5OfBody == sent.md5OfBody)
        #expect(message.messageAttributes == attributes)
        #expect(message.traceHeader == trace)
        #expect(message.receiveCount == 1)
        #expect(message.firstReceiveTimestamp >= message.sentTimestamp)
        #expect(message.messageGroupID == nil && message.sequenceNumber == nil)
    },
    .timed("a received message is hidden for the visibility timeout, then comes back with receive count 2") {
        queues, scenario in
        let name = scenario.name("visibility")
        try await queues.createQueue(name, configuration: QueueConfiguration(visibilityTimeout: .seconds(30)))
        _ = try await queues.send(OutgoingMessage(body: "retry me"), to: name)
        let first = try await receiveOne(queues, from: name)
        #expect(try await receiveBodies(queues, from: name).isEmpty)
        await scenario.wait(.seconds(29))
        #expect(try await receiveBodies(queues, from: name).isEmpty, "still hidden before the timeout ends")
        await scenario.wait(.seconds(2))
        let second = try await receiveOne(queues, from: name)
        #expect(second.messageID == first.messageID)
        #expect(second.receiveCount == 2)
        #expect(second.firstReceiveTimestamp == first.firstReceiveTimestamp)
        #expect(second.receiptHandle != first.receiptHandle)
    },
    .timed("a receive's own visibility timeout and a visibility change override the queue's; zero returns it at once") {
        queues, scenario in
        let name = scenario.name("changed")
        try await queues.createQueue(name, configuration: QueueConfiguration(visibilityTimeout: .seconds(30)))
        _ = try await queues.send(OutgoingMessage(body: "work"), to: name)
        let first = try await receiveOne(queues, from: name, visibilityTimeout: .seconds(5))
        await scenario.wait(.seconds(6))
        let second = try await receiveOne(queues, from: name)
        try await queues.changeVisibility(receiptHandle: second.receiptHandle, timeout: .seconds(120), in: name)
        await scenario.wait(.seconds(60))
        #expect(try await receiveBodies(queues, from: name).isEmpty, "the extension outlasts the queue's 30 s")
        try await queues.changeVisibility(receiptHandle: second.receiptHandle, timeout: .zero, in: name)
        let third = try await receiveOne(queues, from: name)
        #expect(third.messageID == first.messageID)
        #expect(third.receiveCount == 3)
        // Only the latest receive's handle changes the visibility.
        await expectQueueError(.receiptHandleIsInvalid) {
            try await queues.changeVisibility(receiptHandle: second.receiptHandle, timeout: .zero, in: name)
        }
    },
    .timed(
        "a deleted message never comes back; deleting again is fine, a handle never issued is ReceiptHandleIsInvalid"
    ) {
        queues, scenario in
        let name = scenario.name("deleted")
        try await queues.createQueue(name, configuration: QueueConfiguration(visibilityTimeout: .seconds(10)))
        _ = try await queues.send(OutgoingMessage(body: "done"), to: name)
        _ = try await queues.send(OutgoingMessage(body: "kept"), to: name)
        let messages = try await queues.receive(from: name, maxMessages: 10, waitTime: .zero, visibilityTimeout: nil)
        let done = try #require(messages.first { $0.body == "done" })
        try await queues.delete(receiptHandle: done.receiptHandle, from: name)
        try await queues.delete(receiptHandle: done.receiptHandle, from: name)
        await expectQueueError(.receiptHandleIsInvalid) {
            try await queues.delete(receiptHandle: "not-a-receipt-handle", from: name)
        }
        await scenario.wait(.seconds(11))
        #expect(try await receiveBodies(queues, from: name) == ["kept"])
    },
    .timed("a stale receipt handle from an earlier receive no longer changes visibility but still deletes") {
        queues, scenario in
        let name = scenario.name("stale")
        try await queues.createQueue(name, configuration: QueueConfiguration(visibilityTimeout: .seconds(10)))
        _ = try await queues.send(OutgoingMessage(body: "twice"), to: name)
        let stale = try await receiveOne(queues, from: name)
        await scenario.wait(.seconds(11))
        _ = try await receiveOne(queues, from: name)
        await expectQueueError(.receiptHandleIsInvalid) {
            try await queues.changeVisibility(receiptHandle: stale.receiptHandle, timeout: .zero, in: name)
        }
        #expect(try await receiveBodies(queues, from: name).isEmpty, "the message is still in flight")
        try await queues.delete(receiptHandle: stale.receiptHandle, from: name)
        await scenario.wait(.seconds(11))
        #expect(try await receiveBodies(queues, from: name).isEmpty)
    },
    .timed("a delayed message (by the queue or by itself) is hidden until the delay passes") { queues, scenario in
        let name = scenario.name("delayed")
        try await queues.createQueue(
            name, configuration: QueueConfiguration(visibilityTimeout: .seconds(300), delay: .seconds(10)))
        _ = try await queues.send(OutgoingMessage(body: "queue delay"), to: name)
        _ = try await queues.send(OutgoingMessage(body: "own delay", delay: .seconds(60)), to: name)
        #expect(try await receiveBodies(queues, from: name).isEmpty)
        #expect(try await queues.attributes(of: name).delayedMessages == 2)
        await scenario.wait(.seconds(11))
        #expect(try await receiveBodies(queues, from: name) == ["queue delay"])
        await scenario.wait(.seconds(50))
        #expect(try await receiveBodies(queues, from: name) == ["own delay"])
    },
    .timed("a message is dropped once the retention period has passed, received or not") { queues, scenario in
        let name = scenario.name("retained")
        try await queues.createQueue(
            name, configuration: QueueConfiguration(visibilityTimeout: .seconds(10), retention: .seconds(60)))
        _ = try await queues.send(OutgoingMessage(body: "old"), to: name)
        _ = try await receiveOne(queues, from: name)
        _ = try await queues.send(OutgoingMessage(body: "never received"), to: name)
        await scenario.wait(.seconds(59))
        #expect(try await receiveBodies(queues, from: name) == ["old", "never received"])
        await scenario.wait(.seconds(2))
        #expect(try await receiveBodies(queues, from: name).isEmpty)
        let attributes = try await queues.attributes(of: name)
        #expect([attributes.visibleMessages, attributes.inFlightMessages] == [0, 0])
    },
]
