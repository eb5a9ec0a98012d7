import Cloud
import LocalCloud
import StratusTesting
import Testing

@testable import stratus

/// The app's queues on a shared queue service: the manifest's names outside, the provisioned names inside.
@Suite("App queues")
struct AppQueuesTests {
    @Test func theAppSeesItsOwnQueuesByItsOwnNames() async throws {
        let data = try TemporaryDirectory()
        let shared = try SQLiteMessageQueue(path: data.path("queues.sqlite"))
        try await shared.createQueue("other-app-work")
        let queues = AppQueues(shared, physicalNames: ["work": "shop-work", "work-dlq": "shop-work-dlq"])
        try await queues.createQueue("work-dlq")
        try await queues.createQueue(
            "work",
            configuration: QueueConfiguration(
                redrivePolicy: RedrivePolicy(deadLetterQueue: "work-dlq", maxReceiveCount: 2)))

        #expect(try await shared.queueNames() == ["other-app-work", "shop-work", "shop-work-dlq"])
        #expect(try await queues.queueNames() == ["work", "work-dlq"])
        #expect(
            try await shared.attributes(of: "shop-work").configuration.redrivePolicy?.deadLetterQueue == "shop-work-dlq"
        )
        #expect(try await queues.attributes(of: "work").configuration.redrivePolicy?.deadLetterQueue == "work-dlq")

        _ = try await queues.send(OutgoingMessage(body: "hello"), to: "work")
        #expect(try await shared.attributes(of: "shop-work").visibleMessages == 1)
        let received = try await queues.receive(from: "work", maxMessages: 1, waitTime: .zero)
        #expect(received.map(\.body) == ["hello"])

        let statistics = try await QueueStatistics.collect(from: queues)
        #expect(statistics.map(\.name) == ["work", "work-dlq"])
        #expect(statistics.first?.deadLetterQueue == "work-dlq" && statistics.first?.deadLetterDepth == 0)
    }
}
