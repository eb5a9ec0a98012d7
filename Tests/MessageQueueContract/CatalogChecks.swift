import Cloud
import Testing

/// Listing queues, changing a queue's settings, and the age of its oldest message.
let catalogChecks: [MessageQueueContract.Check] = [
    .init("the queue names are listed in order, without the deleted ones") { queues, scenario in
        for stem in ["b", "a", "c"] { try await queues.createQueue(scenario.name(stem)) }
        try await queues.deleteQueue(scenario.name("c"))
        let mine = try await queues.queueNames().filter { $0.hasPrefix(scenario.name("")) }
        #expect(mine == [scenario.name("a"), scenario.name("b")])
    },
    .timed("new settings apply to the messages already queued; FIFO stays FIFO") { queues, scenario in
        let name = scenario.name("settings")
        let deadLetters = scenario.name("settings-dlq")
        try await queues.createQueue(deadLetters)
        try await queues.createQueue(name)
        _ = try await queues.send(OutgoingMessage(body: "queued before"), to: name)
        let changed = QueueConfiguration(
            visibilityTimeout: .seconds(5),
            redrivePolicy: RedrivePolicy(deadLetterQueue: deadLetters, maxReceiveCount: 1))
        try await queues.setConfiguration(changed, of: name)
        #expect(try await queues.attributes(of: name).configuration == changed)
        _ = try await receiveOne(queues, from: name)
        await scenario.wait(.seconds(6))
        #expect(try await receiveBodies(queues, from: name).isEmpty, "redriven after one receive")
        #expect(try await queues.attributes(of: deadLetters).visibleMessages == 1)
        await expectQueueError(.invalidParameterValue) {
            try await queues.setConfiguration(QueueConfiguration(fifo: true), of: name)
        }
        await expectQueueError(.invalidParameterValue) {
            try await queues.setConfiguration(QueueConfiguration(visibilityTimeout: .seconds(43_201)), of: name)
        }
        await expectQueueError(.queueDoesNotExist) {
            try await queues.setConfiguration(QueueConfiguration(), of: scenario.name("missing"))
        }
    },
    .timed("the oldest message's age counts from its sending, in whatever state it is") { queues, scenario in
        let name = scenario.name("aged")
        try await queues.createQueue(name)
        #expect(try await queues.attributes(of: name).oldestMessageAge == nil)
        _ = try await queues.send(OutgoingMessage(body: "first"), to: name)
        await scenario.wait(.seconds(3))
        _ = try await queues.send(OutgoingMessage(body: "second"), to: name)
        _ = try await queues.receive(from: name, maxMessages: 10, waitTime: .zero)
        await scenario.wait(.seconds(2))
        #expect(try await queues.attributes(of: name).oldestMessageAge == .seconds(5))
        try await queues.purge(name)
        #expect(try await queues.attributes(of: name).oldestMessageAge == nil)
    },
]
