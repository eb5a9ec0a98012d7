import Cloud
import LocalCloud
import StratusTesting
import Testing

/// An event source mapping takes Lambda's settings within Lambda's bounds, and a poller refuses any other.
@Suite struct QueuePollerMappingTests {
    static let refused: [(EventSourceMapping, EventSourceMappingError.Code)] = [
        (EventSourceMapping(queue: "", functionName: "f"), .invalidQueueName),
        (EventSourceMapping(queue: "bad name", functionName: "f"), .invalidQueueName),
        (EventSourceMapping(queue: String(repeating: "q", count: 81), functionName: "f"), .invalidQueueName),
        (EventSourceMapping(queue: "q", functionName: "f/g"), .invalidFunctionName),
        (EventSourceMapping(queue: "q", functionName: "f", batchSize: 0), .invalidBatchSize),
        (EventSourceMapping(queue: "q", functionName: "f", batchSize: 11), .invalidBatchSize),
        (
            EventSourceMapping(queue: "q", functionName: "f", batchSize: 10_001, maximumBatchingWindow: .seconds(1)),
            .invalidBatchSize
        ),
        (EventSourceMapping(queue: "q.fifo", functionName: "f", batchSize: 11), .invalidBatchSize),
        (
            EventSourceMapping(queue: "q", functionName: "f", maximumBatchingWindow: .seconds(301)),
            .invalidBatchingWindow
        ),
        (
            EventSourceMapping(queue: "q", functionName: "f", maximumBatchingWindow: .milliseconds(1500)),
            .invalidBatchingWindow
        ),
        (
            EventSourceMapping(queue: "q.fifo", functionName: "f", maximumBatchingWindow: .seconds(1)),
            .invalidBatchingWindow
        ),
        (EventSourceMapping(queue: "q", functionName: "f", maximumConcurrency: 1), .invalidMaximumConcurrency),
        (EventSourceMapping(queue: "q", functionName: "f", maximumConcurrency: 1001), .invalidMaximumConcurrency),
    ]

    @Test(arguments: Self.refused)
    func aSettingOutOfBoundsIsRefused(mapping: EventSourceMapping, code: EventSourceMappingError.Code) {
        #expect(throws: EventSourceMappingError.self) { try mapping.validate() }
        do {
            try mapping.validate()
        } catch {
            #expect(error.code == code)
        }
    }

    @Test(arguments: [
        EventSourceMapping(queue: "q", functionName: "f"),
        EventSourceMapping(queue: "q", functionName: "f", batchSize: 10_000, maximumBatchingWindow: .seconds(1)),
        EventSourceMapping(queue: "q", functionName: "f", maximumBatchingWindow: .seconds(300), maximumConcurrency: 2),
        EventSourceMapping(queue: "q.fifo", functionName: "f", batchSize: 10, maximumConcurrency: 1000),
    ])
    func settingsWithinBoundsAreTaken(mapping: EventSourceMapping) throws {
        try mapping.validate()
    }

    @Test func aPollerRefusesAMappingOutOfBounds() throws {
        let fixture = try QueuePollerFixture()
        #expect {
            _ = try fixture.poller(
                EventSourceMapping(queue: "q", functionName: QueuePollerFixture.consumer, batchSize: 0))
        } throws: { error in
            (error as? EventSourceMappingError)?.code == .invalidBatchSize
        }
    }

    @Test func aDisabledMappingPollsNothing() async throws {
        let fixture = try QueuePollerFixture()
        try await fixture.queues.createQueue("work")
        try await fixture.send(["waiting"], to: "work")
        let poller = try fixture.poller(
            EventSourceMapping(queue: "work", functionName: QueuePollerFixture.consumer, enabled: false))
        await poller.run()
        #expect(try await fixture.counts(of: "work") == (1, 0))
    }
}
