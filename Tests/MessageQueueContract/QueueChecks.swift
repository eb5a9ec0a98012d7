import Cloud
import Testing

/// Creating, deleting, inspecting and purging queues.
let queueChecks: [MessageQueueContract.Check] = [
    .init("creating a queue again with the same configuration is fine, with another one it is QueueNameExists") {
        queues, scenario in
        let name = scenario.name("orders")
        try await queues.createQueue(name, configuration: QueueConfiguration(visibilityTimeout: .seconds(60)))
        try await queues.createQueue(name, configuration: QueueConfiguration(visibilityTimeout: .seconds(60)))
        await expectQueueError(.queueNameExists) {
            try await queues.createQueue(name, configuration: QueueConfiguration(visibilityTimeout: .seconds(90)))
        }
        #expect(try await queues.attributes(of: name).configuration.visibilityTimeout == .seconds(60))
    },
    .init("a queue knows when it was created and when its settings last changed") { queues, scenario in
        let name = scenario.name("dated")
        try await queues.createQueue(name)
        let created = try await queues.attributes(of: name)
        let createdAt = try #require(created.createdMilliseconds)
        #expect(try #require(created.lastModifiedMilliseconds) >= createdAt)
    },
    .timed("changing a queue's settings moves its last-modified time, not its creation time") { queues, scenario in
        let name = scenario.name("changed")
        try await queues.createQueue(name)
        let createdAt = try #require(try await queues.attributes(of: name).createdMilliseconds)
        await scenario.wait(.seconds(5))
        try await queues.setConfiguration(QueueConfiguration(delay: .seconds(3)), of: name)
        let changed = try await queues.attributes(of: name)
        #expect(changed.createdMilliseconds == createdAt)
        #expect(try #require(changed.lastModifiedMilliseconds) >= createdAt + 5000)
    },
    .init("a queue that does not exist, or no longer does, is QueueDoesNotExist for every operation") {
        queues, scenario in
        let name = scenario.name("gone")
        try await queues.createQueue(name)
        _ = try await queues.send(OutgoingMessage(body: "left behind"), to: name)
        try await queues.deleteQueue(name)
        await expectQueueError(.queueDoesNotExist) { _ = try await queues.send(OutgoingMessage(body: "x"), to: name) }
        await expectQueueError(.queueDoesNotExist) { _ = try await queues.receive(from: name) }
        await expectQueueError(.queueDoesNotExist) { _ = try await queues.attributes(of: name) }
        await expectQueueError(.queueDoesNotExist) { try await queues.purge(name) }
        await expectQueueError(.queueDoesNotExist) { try await queues.deleteQueue(name) }
        try await queues.createQueue(name)
        #expect(try await receiveBodies(queues, from: name).isEmpty, "a new queue of the same name starts empty")
    },
    .init("the attributes count visible, in-flight and delayed messages, and a purge empties the queue") {
        queues, scenario in
        let name = scenario.name("counted")
        let configuration = QueueConfiguration(retention: .seconds(3600))
        try await queues.createQueue(name, configuration: configuration)
        for body in ["a", "b", "c"] {
            _ = try await queues.send(OutgoingMessage(body: body), to: name)
        }
        _ = try await queues.send(OutgoingMessage(body: "later", delay: .seconds(60)), to: name)
        _ = try await queues.receive(from: name)
        let attributes = try await queues.attributes(of: name)
        #expect(attributes.configuration == configuration)
        #expect(attributes.visibleMessages == 2)
        #expect(attributes.inFlightMessages == 1)
        #expect(attributes.delayedMessages == 1)
        try await queues.purge(name)
        let purged = try await queues.attributes(of: name)
        #expect([purged.visibleMessages, purged.inFlightMessages, purged.delayedMessages] == [0, 0, 0])
    },
]
