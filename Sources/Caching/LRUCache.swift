public import Synchronization

/// A bounded in-memory cache, safe to share between tasks: the least recently used entry goes first when it is full,
/// and an entry that fails its caller's validity check (an expiry, say) is dropped when it is read.
///
/// Its methods are inlinable so that each caller's module specializes them for its own key and value types: a gateway
/// request reads the cache of verified tokens, and the generic code looked up its types' metadata on every read.
public final class LRUCache<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    @usableFromInline
    struct Slot {
        @usableFromInline var value: Value
        @usableFromInline var lastUse: UInt64

        @inlinable
        init(value: Value, lastUse: UInt64) {
            self.value = value
            self.lastUse = lastUse
        }
    }

    @usableFromInline
    struct State {
        @usableFromInline var slots: [Key: Slot] = [:]
        @usableFromInline var clock: UInt64 = 0

        @inlinable
        init() {}
    }

    /// The most entries the cache keeps.
    public let capacity: Int
    @usableFromInline let state: Mutex<State>

    /// An empty cache holding at most `capacity` entries (at least one).
    @inlinable
    public init(capacity: Int) {
        self.capacity = max(1, capacity)
        self.state = Mutex(State())
    }

    /// The value for `key`, if there is one that `isValid` accepts; the key is looked up once.
    @inlinable
    public func value(for key: Key, isValid: (Value) -> Bool = { _ in true }) -> Value? {
        self.state.withLock { state in
            guard let index = state.slots.index(forKey: key) else { return nil }
            guard isValid(state.slots.values[index].value) else {
                state.slots.remove(at: index)
                return nil
            }
            state.clock += 1
            state.slots.values[index].lastUse = state.clock
            return state.slots.values[index].value
        }
    }

    /// Keeps `value` for `key`, evicting the least recently used entry when the cache is full.
    @inlinable
    public func store(_ value: Value, for key: Key) {
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
