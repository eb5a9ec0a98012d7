import Caching
import Testing

@Suite struct LRUCacheTests {
    @Test func theLeastRecentlyUsedEntryGoesFirstWhenTheCacheIsFull() {
        let cache = LRUCache<String, Int>(capacity: 2)
        cache.store(1, for: "a")
        cache.store(2, for: "b")
        #expect(cache.value(for: "a") == 1, "reading a makes b the least recently used")
        cache.store(3, for: "c")
        #expect(cache.value(for: "b") == nil)
        #expect(cache.value(for: "a") == 1)
        #expect(cache.value(for: "c") == 3)
    }

    @Test func anEntryItsCallerNoLongerAcceptsIsDroppedWhenRead() {
        let cache = LRUCache<String, Int>(capacity: 4)
        cache.store(7, for: "expired")
        #expect(cache.value(for: "expired", isValid: { _ in false }) == nil)
        #expect(cache.value(for: "expired") == nil, "the refused entry is gone, not kept for a later reader")
    }

    @Test func aCapacityBelowOneKeepsOneEntry() {
        let cache = LRUCache<Int, Int>(capacity: 0)
        cache.store(1, for: 1)
        #expect(cache.capacity == 1)
        #expect(cache.value(for: 1) == 1)
    }
}
