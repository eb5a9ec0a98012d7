import Cloud
import Testing

/// SQS's bounds on queues, messages and receives, refused with SQS's codes.
let validationChecks: [MessageQueueContract.Check] = [
    .init("queue names and settings out of SQS's bounds are InvalidParameterValue") { queues, scenario in
        let invalid: [(String, QueueConfiguration)] = [
            ("bad name!", QueueConfiguration()),
            (String(repeating: "q", count: 81), QueueConfiguration()),
            (scenario.name("no-suffix"), QueueConfiguration(fifo: true)),
            (scenario.name("suffix", fifo: true), QueueConfiguration()),
            (scenario.name("short"), QueueConfiguration(retention: .seconds(59))),
            (scenario.name("long"), QueueConfiguration(retention: .seconds(1_209_601))),
            (scenario.name("hidden"), QueueConfiguration(visibilityTimeout: .seconds(43_201))),
            (scenario.name("slow"), QueueConfiguration(delay: .seconds(901))),
            (scenario.name("patient"), QueueConfiguration(receiveWaitTime: .seconds(21))),
            (scenario.name("huge"), QueueConfiguration(maximumMessageSize: 1_048_577)),
        ]
        for (name, configuration) in invalid {
            await expectQueueError(.invalidParameterValue) {
                try await queues.createQueue(name, configuration: configuration)
            }
        }
    },
    .init("messages breaking SQS's rules are refused with its codes") { queues, scenario in
        let name = scenario.name("strict")
        try await queues.createQueue(name, configuration: QueueConfiguration(maximumMessageSize: 1024))
        await expectQueueError(.messageTooLong) {
            _ = try await queues.send(OutgoingMessage(body: String(repeating: "x", count: 1025)), to: name)
        }
        await expectQueueError(.messageTooLong, "attributes count towards the size") {
            _ = try await queues.send(
                OutgoingMessage(
                    body: String(repeating: "x", count: 1000),
                    messageAttributes: ["padding": .string(String(repeating: "y", count: 100))]),
                to: name)
        }
        await expectQueueError(.invalidMessageContents) {
            _ = try await queues.send(OutgoingMessage(body: "bell \u{7}"), to: name)
        }
        await expectQueueError(.invalidParameterValue) {
            let attributes = Dictionary(
                uniqueKeysWithValues: (0..<11).map { ("a\($0)", MessageAttributeValue.string("v")) })
            _ = try await queues.send(OutgoingMessage(body: "x", messageAttributes: attributes), to: name)
        }
        await expectQueueError(.invalidParameterValue) {
            _ = try await queues.send(
                OutgoingMessage(body: "x", messageAttributes: ["AWS.reserved": .string("v")]), to: name)
        }
        await expectQueueError(.invalidParameterValue) {
            _ = try await queues.send(OutgoingMessage(body: "x", delay: .seconds(901)), to: name)
        }
        let fifo = scenario.name("strict", fifo: true)
        try await queues.createQueue(fifo, configuration: QueueConfiguration(fifo: true))
        await expectQueueError(.missingParameter) {
            _ = try await queues.send(OutgoingMessage(body: "x", deduplicationID: "d"), to: fifo)
        }
        await expectQueueError(.invalidParameterValue, "no deduplication id and no content-based deduplication") {
            _ = try await queues.send(OutgoingMessage(body: "x", messageGroupID: "g"), to: fifo)
        }
        #expect(try await receiveBodies(queues, from: name).isEmpty)
    },
    .init("a receive asks for 1 to 10 messages, waits 0 to 20 s and hides them 0 s to 12 h") { queues, scenario in
        let name = scenario.name("bounded")
        try await queues.createQueue(name)
        for maxMessages in [0, 11] {
            await expectQueueError(.invalidParameterValue) {
                _ = try await queues.receive(from: name, maxMessages: maxMessages, waitTime: .zero)
            }
        }
        await expectQueueError(.invalidParameterValue) {
            _ = try await queues.receive(from: name, maxMessages: 1, waitTime: .seconds(21))
        }
        await expectQueueError(.invalidParameterValue) {
            _ = try await queues.receive(
                from: name, maxMessages: 1, waitTime: .zero, visibilityTimeout: .seconds(43_201))
        }
    },
]
