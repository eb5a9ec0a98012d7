import Cloud
import Foundation
import Middleware
import Services
import StratusTesting
import Synchronization
import Testing

@Suite("Analytics worker")
struct AnalyticsWorkerTests {
    @Test func eventsAreCountedPerTypeAndUTCDay() async throws {
        let fixture = AnalyticsFixture()
        let response = try await fixture.deliver([
            AnalyticsFixture.envelope(id: "e-1", type: "OrderCreated"),
            AnalyticsFixture.envelope(id: "e-2", type: "OrderCreated"),
            AnalyticsFixture.envelope(id: "e-3", type: "UserRegistered", source: "stratus.users"),
            // 23:30 on the 23rd two hours east of UTC is 21:30 UTC: still the 23rd; 01:00 on the 24th at +02:00 is
            // the 23rd in UTC too.
            AnalyticsFixture.envelope(id: "e-4", type: "OrderCreated", time: "2026-11-24T01:00:00+02:00"),
            AnalyticsFixture.envelope(id: "e-5", type: "OrderCreated", time: "2026-11-24T00:00:00Z"),
        ])
        #expect(response.batchItemFailures.isEmpty)
        let report = try await fixture.report(from: "2026-11-22", to: "2026-11-24")
        #expect(report.from == "2026-11-22" && report.to == "2026-11-24")
        #expect(
            report.days == [
                AnalyticsDayCounts(date: "2026-11-22", counts: [:]),
                AnalyticsDayCounts(date: "2026-11-23", counts: ["OrderCreated": 3, "UserRegistered": 1]),
                AnalyticsDayCounts(date: "2026-11-24", counts: ["OrderCreated": 1]),
            ])
    }

    /// The same event redelivered (or replayed from the archive) counts once and is not reported as failed.
    @Test func aRedeliveredEventCountsOnce() async throws {
        let fixture = AnalyticsFixture()
        let event = AnalyticsFixture.envelope(id: "e-1", type: "OrderCreated")
        _ = try await fixture.deliver([event])
        fixture.clock.advance(by: .seconds(30))
        let again = try await fixture.deliver([event, event])
        #expect(again.batchItemFailures.isEmpty)
        let report = try await fixture.report(from: "2026-11-23", to: "2026-11-23")
        #expect(report.days.first?.counts == ["OrderCreated": 1])
    }

    /// An outbox event carries its ID in its detail: published again on AWS, where EventBridge gives the copy a new
    /// `id`, it still counts once, and its marker is the outbox event's.
    @Test func aRepublishedOutboxEventUnderANewEnvelopeIDCountsOnce() async throws {
        let fixture = AnalyticsFixture()
        let event = try OutboxEvent(
            id: "e-1", source: "stratus.orders", detailType: "OrderCreated", time: "2026-11-23T21:36:49.007Z",
            detail: ["orderId": "o-1"])
        func published(as envelopeID: String) throws -> String {
            var envelope = try #require(JSONValue(parsing: Array(event.envelope.utf8))?.objectValue)
            envelope["id"] = .string(envelopeID)
            return String(decoding: try StreamingJSONEncoder().encode(JSONValue.object(envelope)), as: UTF8.self)
        }
        #expect(
            try await fixture.deliver([try published(as: "eb-1"), try published(as: "eb-2")]).batchItemFailures.isEmpty)
        let report = try await fixture.report(from: "2026-11-23", to: "2026-11-23")
        #expect(report.days.first?.counts == ["OrderCreated": 1])
        #expect(try await fixture.store.get(ItemKey(partition: "ANALYTICSEVENT#e-1", sort: "MARKER")) != nil)
    }

    /// The marker outlives the archive's seven days of retention, then expires so the store does not grow forever.
    @Test func theMarkerExpiresAfterEightDays() async throws {
        let fixture = AnalyticsFixture()
        _ = try await fixture.deliver([AnalyticsFixture.envelope(id: "e-1", type: "OrderCreated")])
        let marker = try #require(try await fixture.store.get(ItemKey(partition: "ANALYTICSEVENT#e-1", sort: "MARKER")))
        #expect(marker.expiresAtSeconds == fixture.clock.nowSeconds + 8 * 86_400)
    }

    /// A batch of events none of which was counted before is counted in one transaction: each event's marker and
    /// one addition per counter.
    @Test func aBatchOfNewEventsIsCountedInOneTransaction() async throws {
        let store = TransactionCountingStore(InMemoryItemStore())
        let worker = AnalyticsWorker(store: store)
        let event = SQSEvent(
            records: ["e-1", "e-2", "e-3"].enumerated().map { index, id in
                .test("m\(index)", body: AnalyticsFixture.envelope(id: id, type: "OrderCreated"), queue: "analytics")
            } + [.test("m3", body: AnalyticsFixture.envelope(id: "e-4", type: "UserRegistered"), queue: "analytics")])

        let response = try await worker.handle(event, context: .test(function: "analytics-worker"))

        #expect(response.batchItemFailures.isEmpty)
        #expect(store.transactions == 1)
        let answer = try await AnalyticsAPI(store: store).handle(
            .test(
                "GET", "/analytics/events", claims: ["sub": "sam", "cognito:groups": "staff"],
                query: ["from": "2026-11-23", "to": "2026-11-23"]),
            context: .test(function: "analytics-api"))
        let report = try JSONDecoder().decode(AnalyticsReport.self, from: Data((answer.body ?? "").utf8))
        let counts = ["OrderCreated": 3, "UserRegistered": 1]
        #expect(report.days == [AnalyticsDayCounts(date: "2026-11-23", counts: counts)])
        for id in ["e-1", "e-2", "e-3", "e-4"] {
            #expect(try await store.get(ItemKey(partition: "ANALYTICSEVENT#\(id)", sort: "MARKER")) != nil)
        }
    }

    /// A batch holding an event counted before writes nothing as a whole (the transaction is cancelled) and is then
    /// counted one record at a time: the new events count, the old one does not count again.
    @Test func aBatchHoldingAnEventCountedBeforeIsCountedOneRecordAtATime() async throws {
        let fixture = AnalyticsFixture()
        _ = try await fixture.deliver([AnalyticsFixture.envelope(id: "e-1", type: "OrderCreated")])
        let response = try await fixture.deliver([
            AnalyticsFixture.envelope(id: "e-2", type: "OrderCreated"),
            AnalyticsFixture.envelope(id: "e-1", type: "OrderCreated"),
            AnalyticsFixture.envelope(id: "e-3", type: "OrderCreated"),
        ])
        #expect(response.batchItemFailures.isEmpty)
        let report = try await fixture.report(from: "2026-11-23", to: "2026-11-23")
        #expect(report.days.first?.counts == ["OrderCreated": 3])
    }

    @Test func malformedEventsFailAndTheRestOfTheBatchIsCounted() async throws {
        let fixture = AnalyticsFixture()
        let response = try await fixture.deliver([
            AnalyticsFixture.envelope(id: "bad id!", type: "OrderCreated"),
            AnalyticsFixture.envelope(id: "e-2", type: ""),
            AnalyticsFixture.envelope(id: "e-3", type: "OrderCreated", time: "yesterday"),
            AnalyticsFixture.envelope(id: "e-4", type: String(repeating: "T", count: 129)),
            #"{"not":"an event"}"#,
            AnalyticsFixture.envelope(id: "e-6", type: "OrderCreated"),
        ])
        #expect(response.batchItemFailures.map(\.itemIdentifier) == ["m1", "m2", "m3", "m4", "m5"])
        let report = try await fixture.report(from: "2026-11-23", to: "2026-11-23")
        #expect(report.days.first?.counts == ["OrderCreated": 1])
    }
}

/// An item store that counts the transactions it is asked for and hands every call to `base`.
final class TransactionCountingStore: ItemStore {
    private let base: any ItemStore
    private let count = Mutex(0)

    init(_ base: any ItemStore) {
        self.base = base
    }

    /// How many `transactWrite` calls were made.
    var transactions: Int { self.count.withLock { $0 } }

    func put(_ item: Item, condition: Condition?, returning: ReturnValues) async throws(ItemStoreError) -> Item? {
        try await self.base.put(item, condition: condition, returning: returning)
    }

    func get(_ key: ItemKey) async throws(ItemStoreError) -> Item? {
        try await self.base.get(key)
    }

    func delete(_ key: ItemKey, condition: Condition?, returning: ReturnValues) async throws(ItemStoreError) -> Item? {
        try await self.base.delete(key, condition: condition, returning: returning)
    }

    func update(
        _ key: ItemKey, _ update: ItemUpdate, condition: Condition?, returning: ReturnValues
    ) async throws(ItemStoreError) -> Item? {
        try await self.base.update(key, update, condition: condition, returning: returning)
    }

    func transactWrite(_ actions: [TransactionAction]) async throws(ItemStoreError) {
        self.count.withLock { $0 += 1 }
        try await self.base.transactWrite(actions)
    }

    func query(_ query: ItemQuery) async throws(ItemStoreError) -> QueryPage {
        try await self.base.query(query)
    }
}
