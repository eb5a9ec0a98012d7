import Cloud
import LocalCloud
import StratusTesting
import Testing

/// What `/_stratus/api/queues` and `stratus queues` report for each queue.
@Suite("Queue statistics")
struct QueueStatisticsTests {
    @Test func eachQueueHasItsCountsOldestAgeAndDeadLetterDepth() async throws {
        let directory = try TemporaryDirectory()
        let clock = ManualClock()
        let queues = try SQLiteMessageQueue(path: directory.path("queues.sqlite"), clock: clock)
        try await queues.createQueue("dead")
        try await queues.createQueue(
            "work",
            configuration: QueueConfiguration(
                visibilityTimeout: .seconds(10),
                redrivePolicy: RedrivePolicy(deadLetterQueue: "dead", maxReceiveCount: 1)
            ))
        _ = try await queues.send(OutgoingMessage(body: "poison"), to: "work")
        _ = try await queues.receive(from: "work", maxMessages: 1, waitTime: .zero)
        clock.advance(by: .seconds(11))
        #expect(try await queues.receive(from: "work", maxMessages: 1, waitTime: .zero).isEmpty, "redriven")
        _ = try await queues.send(OutgoingMessage(body: "in flight"), to: "work")
        _ = try await queues.send(OutgoingMessage(body: "later", delay: .seconds(60)), to: "work")
        _ = try await queues.receive(from: "work", maxMessages: 1, waitTime: .zero)
        clock.advance(by: .seconds(4))

        let statistics = try await QueueStatistics.collect(from: queues)
        #expect(statistics.map(\.name) == ["dead", "work"])
        let dead = statistics[0]
        #expect([dead.visible, dead.inFlight, dead.delayed] == [1, 0, 0])
        #expect(dead.oldestMessageAgeSeconds == 15, "a redriven message keeps its sending time")
        #expect(dead.deadLetterQueue == nil && dead.deadLetterDepth == nil)
        let work = statistics[1]
        #expect([work.visible, work.inFlight, work.delayed] == [0, 1, 1])
        #expect(work.oldestMessageAgeSeconds == 4)
        #expect(work.deadLetterQueue == "dead")
        #expect(work.deadLetterDepth == 1)
    }
}
