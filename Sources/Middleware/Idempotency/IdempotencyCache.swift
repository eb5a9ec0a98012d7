import Synchronization

/// Completed idempotency records kept in memory, least recently used evicted first.
final class IdempotencyCache: Sendable {
    struct Entry: Sendable {
        var payloadHash: String
        var expiresAtMilliseconds: Int64
        var response: String
        var lastUse: UInt64 = 0
    }

    private struct State {
        var entries: [String: Entry] = [:]
        var clock: UInt64 = 0
    }

    private let capacity: Int
    private let state = Mutex(State())

    init(capacity: Int) {
        self.capacity = max(1, capacity)
    }

    /// The unexpired entry for `key`, if any.
    func entry(for key: String, nowMilliseconds: Int64) -> Entry? {
        self.state.withLock { state in
            guard var entry = state.entries[key] else { return nil }
            guard entry.expiresAtMilliseconds > nowMilliseconds else {
                state.entries[key] = nil
                return nil
            }
            state.clock += 1
            entry.lastUse = state.clock
            state.entries[key] = entry
            return entry
        }
    }

    func store(_ entry: Entry, for key: String) {
        self.state.withLock { state in
            state.clock += 1
            var entry = entry
            entry.lastUse = state.clock
            state.entries[key] = entry
            if state.entries.count > self.capacity,
                let oldest = state.entries.min(by: { $0.value.lastUse < $1.value.lastUse })?.key
            {
                state.entries[oldest] = nil
            }
        }
    }
}
