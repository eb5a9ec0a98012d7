import Cloud
import Middleware
import Services
import StratusTesting
import Testing

/// The outbox relay on AWS, run directly on stream batches: new outbox items go to the bus in stream order and are
/// deleted; a failure stops the batch at its record.
@Suite("Outbox relay on the table stream")
struct OutboxStreamRelayTests {
    static let time = "2026-11-23T21:36:49.007Z"

    /// An order event `id` of `detailType`, as the orders service writes it into the outbox.
    static func event(_ id: String, detailType: String = "OrderCreated", traceHeader: String? = nil) throws
        -> OutboxEvent
    {
        try OutboxEvent(
            id: id, source: "stratus.orders", detailType: detailType, time: Self.time,
            detail: ["orderId": "o-\(id)"], traceHeader: traceHeader)
    }

    /// The relay on `store` and `bus`, publishing to the bus `app`.
    static func relay(_ store: any ItemStore, _ bus: any EventBus) -> OutboxStreamRelay {
        OutboxStreamRelay(store: store, bus: bus, busName: "app")
    }

    /// Runs `relay` on `records`.
    static func handle(_ relay: OutboxStreamRelay, _ records: [DynamoDBStreamEvent.Record]) async throws
        -> SQSBatchResponse
    {
        try await relay.handle(DynamoDBStreamEvent(records: records), context: .test(function: "outbox-relay"))
    }

    @Test func newOutboxItemsGoToTheBusInStreamOrderTenARequestAndAreDeleted() async throws {
        let store = InMemoryItemStore()
        let bus = RecordingEventBus()
        let trace = "Root=1-67891233-abcdef012345678912345678;Parent=53995c3f42cd8ad8;Sampled=1"
        let events = try (1...12).map { try Self.event("e-\($0)", traceHeader: $0 == 1 ? trace : nil) }
        for event in events { try await store.put(event.item) }
        let order: Item = ["PK": "ORDER#o-1", "SK": "DETAILS", "status": "PENDING"]
        try await store.put(order)
        var records = events.enumerated().map {
            DynamoDBStreamEvent.Record.test(.insert, $1.item, sequenceNumber: "\($0 + 1)")
        }
        // Other changes of the table: an order, and the relay's own deletions.
        records.insert(.test(.insert, order, sequenceNumber: "0"), at: 0)
        records.append(.test(.remove, events[0].item, sequenceNumber: "13"))
        records.append(.test(.modify, order, sequenceNumber: "14"))

        let response = try await Self.handle(Self.relay(store, bus), records)

        #expect(response.batchItemFailures.isEmpty)
        #expect(bus.requests.map(\.count) == [10, 2])
        let entries = bus.requests.flatMap { $0 }
        #expect(entries.map { $0.detail } == events.map { #"{"eventId":"\#($0.id)","orderId":"o-\#($0.id)"}"# })
        let first = try #require(entries.first)
        #expect(first.source == "stratus.orders" && first.detailType == "OrderCreated" && first.eventBusName == "app")
        #expect(first.timeMilliseconds == 1_795_469_809_000)
        #expect(first.traceHeader == trace && entries[1].traceHeader == nil)
        for event in events {
            #expect(try await store.get(try #require(event.item.key)) == nil)
        }
        #expect(try await store.get(ItemKey(partition: "ORDER#o-1", sort: "DETAILS")) == order)
    }

    /// An event the bus refuses stops the batch: the records before it are done and not reported, it and those
    /// after it stay in the outbox, and Lambda retries from it.
    @Test func aRefusedEventStopsTheBatchAtItsRecord() async throws {
        let store = InMemoryItemStore()
        let events = [
            try Self.event("e-1"), try Self.event("e-2", detailType: "OrderRefused"), try Self.event("e-3"),
        ]
        for event in events { try await store.put(event.item) }
        let records = events.enumerated().map {
            DynamoDBStreamEvent.Record.test(.insert, $1.item, sequenceNumber: "\(100 + $0)")
        }
        let refusing = RecordingEventBus()
        refusing.refuse("OrderRefused")

        let response = try await Self.handle(Self.relay(store, refusing), records)

        #expect(response.batchItemFailures == [.init(itemIdentifier: "101")])
        #expect(try await store.get(try #require(events[0].item.key)) == nil)
        #expect(try await store.get(try #require(events[1].item.key)) != nil)
        #expect(try await store.get(try #require(events[2].item.key)) != nil)

        // Lambda's retry starts at the failed record; now the bus takes it, and the rest.
        let accepting = RecordingEventBus()
        let retry = try await Self.handle(Self.relay(store, accepting), Array(records.dropFirst()))
        #expect(retry.batchItemFailures.isEmpty)
        #expect(accepting.requests.flatMap { $0 }.map(\.detailType) == ["OrderRefused", "OrderCreated"])
        #expect(try await store.query(ItemQuery(partition: try #require(events[2].item.key).partition)).items.isEmpty)
    }

    @Test func aBusThatFailsReportsTheFirstOutboxRecordAndDeletesNothing() async throws {
        let store = InMemoryItemStore()
        let event = try Self.event("e-1")
        try await store.put(event.item)
        let bus = RecordingEventBus()
        bus.setDown(true)
        let records: [DynamoDBStreamEvent.Record] = [
            .test(.insert, ["PK": "ORDER#o-1", "SK": "DETAILS"], sequenceNumber: "7"),
            .test(.insert, event.item, sequenceNumber: "8"),
        ]

        let response = try await Self.handle(Self.relay(store, bus), records)

        #expect(response.batchItemFailures == [.init(itemIdentifier: "8")])
        #expect(try await store.get(try #require(event.item.key)) != nil)
    }

    /// An outbox item that is not an event can never be published: it is skipped rather than retried forever.
    @Test func anOutboxItemThatIsNotAnEventIsSkipped() async throws {
        let store = InMemoryItemStore()
        let bus = RecordingEventBus()
        let broken: Item = [
            "PK": "OUTBOX#1", "SK": .string("\(Self.time)#x"), "eventId": "x", "detailType": "T", "envelope": "{",
        ]
        let event = try Self.event("e-1")
        let records: [DynamoDBStreamEvent.Record] = [
            .test(.insert, broken, sequenceNumber: "1"), .test(.insert, event.item, sequenceNumber: "2"),
        ]

        let response = try await Self.handle(Self.relay(store, bus), records)

        #expect(response.batchItemFailures.isEmpty)
        #expect(bus.requests.flatMap { $0 }.map(\.detailType) == ["OrderCreated"])
    }
}
