import Cloud
import Testing

/// FIFO queues: order per message group, one group's messages in flight at a time, deduplication for five minutes.
let fifoChecks: [MessageQueueContract.Check] = [
    .init("a FIFO queue hands out each group's messages in order, with rising sequence numbers") { queues, scenario in
        let name = try await makeFIFOQueue(queues, scenario)
        var sequenceNumbers: [String] = []
        for (group, body) in [("a", "a1"), ("b", "b1"), ("a", "a2"), ("a", "a3"), ("b", "b2")] {
            let sent = try await queues.send(OutgoingMessage(body: body, messageGroupID: group), to: name)
            sequenceNumbers.append(try #require(sent.sequenceNumber))
        }
        #expect(sequenceNumbers.map { Int($0) ?? 0 } == sequenceNumbers.map { Int($0) ?? 0 }.sorted())
        let messages = try await queues.receive(from: name, maxMessages: 10, waitTime: .zero, visibilityTimeout: nil)
        #expect(messages.filter { $0.messageGroupID == "a" }.map(\.body) == ["a1", "a2", "a3"])
        #expect(messages.filter { $0.messageGroupID == "b" }.map(\.body) == ["b1", "b2"])
        #expect(messages.allSatisfy { $0.sequenceNumber != nil && $0.deduplicationID != nil })
    },
    .init("while a group's message is in flight the group waits, and other groups do not") { queues, scenario in
        let name = try await makeFIFOQueue(queues, scenario)
        for (group, body) in [("a", "a1"), ("a", "a2"), ("b", "b1")] {
            _ = try await queues.send(OutgoingMessage(body: body, messageGroupID: group), to: name)
        }
        let a1 = try #require(try await queues.receive(from: name).first)
        #expect(a1.body == "a1")
        #expect(try await queues.receive(from: name).map(\.body) == ["b1"], "group b is not blocked by a")
        #expect(try await receiveBodies(queues, from: name).isEmpty, "a2 waits while a1 is in flight")
        try await queues.delete(receiptHandle: a1.receiptHandle, from: name)
        #expect(try await receiveBodies(queues, from: name) == ["a2"])
    },
    .timed("a FIFO queue drops a duplicate deduplication id for five minutes, and not after") { queues, scenario in
        let name = try await makeFIFOQueue(queues, scenario, contentBased: false)
        let first = try await queues.send(
            OutgoingMessage(body: "one", messageGroupID: "g", deduplicationID: "order-1"), to: name)
        let duplicate = try await queues.send(
            OutgoingMessage(body: "two", messageGroupID: "g", deduplicationID: "order-1"), to: name)
        #expect(duplicate.messageID == first.messageID)
        let received = try await receiveOne(queues, from: name)
        #expect(received.body == "one")
        #expect(received.deduplicationID == "order-1")
        try await queues.delete(receiptHandle: received.receiptHandle, from: name)
        await scenario.wait(.seconds(299))
        _ = try await queues.send(
            OutgoingMessage(body: "three", messageGroupID: "g", deduplicationID: "order-1"), to: name)
        #expect(try await receiveBodies(queues, from: name).isEmpty, "the id is remembered after the delete")
        await scenario.wait(.seconds(2))
        _ = try await queues.send(
            OutgoingMessage(body: "four", messageGroupID: "g", deduplicationID: "order-1"), to: name)
        #expect(try await receiveBodies(queues, from: name) == ["four"])
    },
    .timed("content-based deduplication recognises an equal body within five minutes, whatever the group") {
        queues, scenario in
        let name = try await makeFIFOQueue(queues, scenario)
        _ = try await queues.send(OutgoingMessage(body: "same", messageGroupID: "g1"), to: name)
        _ = try await queues.send(OutgoingMessage(body: "same", messageGroupID: "g2"), to: name)
        _ = try await queues.send(OutgoingMessage(body: "other", messageGroupID: "g1"), to: name)
        let received = try await queues.receive(from: name, maxMessages: 10, waitTime: .zero, visibilityTimeout: nil)
        #expect(received.map(\.body) == ["same", "other"])
        for message in received {
            try await queues.delete(receiptHandle: message.receiptHandle, from: name)
        }
        await scenario.wait(.seconds(301))
        _ = try await queues.send(OutgoingMessage(body: "same", messageGroupID: "g3"), to: name)
        #expect(try await receiveBodies(queues, from: name) == ["same"])
    },
]

/// A FIFO queue (visibility timeout 30 s), deduplicating by content unless `contentBased` is false.
private func makeFIFOQueue(_ queues: any MessageQueue, _ scenario: Scenario, contentBased: Bool = true) async throws
    -> String
{
    let name = scenario.name("ordered", fifo: true)
    try await queues.createQueue(
        name, configuration: QueueConfiguration(fifo: true, contentBasedDeduplication: contentBased))
    return name
}
