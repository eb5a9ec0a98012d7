import Cloud
import Testing

/// Redrive to a dead-letter queue after `maxReceiveCount` receives, and back from it.
let deadLetterChecks: [MessageQueueContract.Check] = [
    .timed("after maxReceiveCount receives the next receive moves the message to the dead-letter queue, intact") {
        queues, scenario in
        let (source, deadLetters) = try await makeRedrivenPair(queues, scenario, maxReceiveCount: 2)
        let attributes: [String: MessageAttributeValue] = ["tenant": .string("acme")]
        let sent = try await queues.send(
            OutgoingMessage(body: "poison", messageAttributes: attributes), to: source)
        for count in 1...2 {
            #expect(try await receiveOne(queues, from: source).receiveCount == count)
            await scenario.wait(.seconds(11))
        }
        #expect(try await receiveBodies(queues, from: source).isEmpty, "the third receive moves it instead")
        let dead = try await receiveOne(queues, from: deadLetters)
        #expect(dead.messageID == sent.messageID)
        #expect(dead.body == "poison")
        #expect(dead.messageAttributes == attributes)
        let left = try await queues.attributes(of: source)
        #expect([left.visibleMessages, left.inFlightMessages] == [0, 0])
    },
    .timed("a message move sends the dead letters back to their source queue as new messages") { queues, scenario in
        let (source, deadLetters) = try await makeRedrivenPair(queues, scenario, maxReceiveCount: 1)
        let sent = try await queues.send(
            OutgoingMessage(body: "fixed now", messageAttributes: ["n": .number("7")]), to: source)
        _ = try await receiveOne(queues, from: source)
        await scenario.wait(.seconds(11))
        #expect(try await receiveBodies(queues, from: source).isEmpty)
        #expect(try await queues.attributes(of: deadLetters).visibleMessages == 1)
        #expect(try await queues.startMessageMove(from: deadLetters) == 1)
        let back = try await receiveOne(queues, from: source)
        #expect(back.body == "fixed now")
        #expect(back.messageAttributes == ["n": .number("7")])
        #expect(back.messageID != sent.messageID)
        #expect(back.receiveCount == 1)
        #expect(try await queues.attributes(of: deadLetters).visibleMessages == 0)
        await expectQueueError(.invalidParameterValue) { _ = try await queues.startMessageMove(from: source) }
    },
    .init("a redrive policy needs an existing dead-letter queue of the same kind") { queues, scenario in
        let standard = scenario.name("standard-dlq")
        try await queues.createQueue(standard)
        await expectQueueError(.invalidParameterValue) {
            try await queues.createQueue(
                scenario.name("orphan"),
                configuration: QueueConfiguration(
                    redrivePolicy: RedrivePolicy(deadLetterQueue: scenario.name("missing"), maxReceiveCount: 3)))
        }
        await expectQueueError(.invalidParameterValue) {
            try await queues.createQueue(
                scenario.name("ordered", fifo: true),
                configuration: QueueConfiguration(
                    fifo: true, redrivePolicy: RedrivePolicy(deadLetterQueue: standard, maxReceiveCount: 3)))
        }
    },
]

/// A dead-letter queue and a source queue (visibility timeout 10 s) redriving to it after `maxReceiveCount`.
private func makeRedrivenPair(_ queues: any MessageQueue, _ scenario: Scenario, maxReceiveCount: Int) async throws
    -> (source: String, deadLetters: String)
{
    let deadLetters = scenario.name("dead-letters")
    let source = scenario.name("source")
    try await queues.createQueue(deadLetters)
    try await queues.createQueue(
        source,
        configuration: QueueConfiguration(
            visibilityTimeout: .seconds(10),
            redrivePolicy: RedrivePolicy(deadLetterQueue: deadLetters, maxReceiveCount: maxReceiveCount)))
    return (source, deadLetters)
}
