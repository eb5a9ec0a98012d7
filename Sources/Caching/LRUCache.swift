import Synchronization

/// A bounded in-memory cache, safe to share between tasks: the least recently used entry goes first when it is full,
/// and an entry that fails its caller's validity check (an expiry, say) is dropped when it is read.
package final class LRUCache<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    private struct Slot {
        var value: Value
        var lastUse: UInt64
    }

    private struct State {
        var slots: [Key: Slot] = [:]
        var clock: UInt64 = 0
    }

    package let capacity: Int
    private let state = Mutex(State())

    package init(capacity: Int) {
        self.capacity = max(1, capacity)
    }

    /// The value for `key`, if there is one that `isValid` accepts.
    package func value(for key: Key, isValid: (Value) -> Bool = { _ in true }) -> Value? {
        self.state.withLock { state in
            guard var slot = state.slots[key] else { return nil }
            guard isValid(slot.value) else {
                state.slots[key] = nil
                return nil
            }
            state.clock += 1
            slot.lastUse = state.clock
            state.slots[key] = slot
            return slot.value
        }
    }

    /// Keeps `value` for `key`, evicting the least recently used entry when the cache is full.
    package func store(_ value: Value, for key: Key) {
        self.state.withLock { state in
            state.clock += 1
            state.slots[key] = Slot(value: value, lastUse: state.clock)
            if state.slots.count > self.capacity,
                let oldest = state.slots.min(by: { $0.value.lastUse < $1.value.lastUse })?.key
            {
                state.slots[oldest] = nil
            }
        }
    }
}
