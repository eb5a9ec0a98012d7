import Cloud
import StratusTesting
import Testing

/// What the in-memory store adds to the contract: time to live on the clock it is given, cursors only it made.
@Suite struct InMemoryItemStoreTests {
    @Test func itemsExpireWhenItsClockPassesTheirTimeToLive() async throws {
        let clock = ManualClock(nowMilliseconds: 1_000_000)
        let store = InMemoryItemStore(clock: clock)
        let key = ItemKey(partition: "SESSION#1", sort: "DETAILS")
        try await store.put(Item(key.attributes.merging(["expiresAt": .int(1_010)]) { $1 }))
        clock.advance(by: .seconds(9))
        #expect(try await store.get(key) != nil)
        #expect(try await store.query(ItemQuery(partition: key.partition)).items.count == 1)
        clock.advance(by: .seconds(1))
        #expect(try await store.get(key) == nil)
        #expect(try await store.query(ItemQuery(partition: key.partition)).items.isEmpty)
        try await store.put(Item(key.attributes), condition: .attributeNotExists("PK"))
    }

    @Test func aCursorFromAnotherStoreIsRefused() async throws {
        let first = InMemoryItemStore()
        let second = InMemoryItemStore()
        for store in [first, second] {
            for sort in ["a", "b", "c"] { try await store.put(["PK": "P", "SK": .string(sort)]) }
        }
        let cursor = try #require(try await first.query(ItemQuery(partition: "P", limit: 1)).nextCursor)
        await #expect(throws: ItemStoreError.invalidCursor) {
            try await second.query(ItemQuery(partition: "P", limit: 1, cursor: cursor))
        }
        #expect(try await first.query(ItemQuery(partition: "P", cursor: cursor)).items.map(\.key?.sort) == ["b", "c"])
    }
}
