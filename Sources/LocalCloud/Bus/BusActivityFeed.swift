import Synchronization

/// The latest events that crossed the bus with the rules they matched, for watching the bus live: a ring of the
/// last ``capacity`` events, kept in memory only (the file keeps what must survive).
public final class BusActivityFeed: Sendable {
    /// How many events the feed keeps.
    public let capacity: Int

    private struct State {
        var entries: [BusActivity] = []
        var oldest = 0
        var nextSequence: UInt64 = 1
    }

    private let state = Mutex(State())

    /// A feed keeping the last `capacity` events.
    public init(capacity: Int = 1000) {
        precondition(capacity > 0, "a feed keeps at least one event")
        self.capacity = capacity
    }

    /// The events after `sequence` (all kept when 0), oldest first, at most `limit` of the newest.
    public func events(after sequence: UInt64 = 0, limit: Int = 100) -> [BusActivity] {
        let ordered = self.state.withLock { state in
            Array(state.entries[state.oldest...] + state.entries[..<state.oldest])
        }
        return Array(ordered.filter { $0.sequence > sequence }.suffix(max(0, limit)))
    }

    /// Adds an event, forgetting the oldest when the feed is full.
    func record(
        eventID: String, bus: String, source: String, detailType: String, acceptedMilliseconds: Int64,
        matchedRules: [String], replayName: String?
    ) {
        self.state.withLock { state in
            let entry = BusActivity(
                sequence: state.nextSequence, eventID: eventID, bus: bus, source: source, detailType: detailType,
                acceptedMilliseconds: acceptedMilliseconds, matchedRules: matchedRules, replayName: replayName)
            state.nextSequence += 1
            if state.entries.count < self.capacity {
                state.entries.append(entry)
            } else {
                state.entries[state.oldest] = entry
                state.oldest = (state.oldest + 1) % self.capacity
            }
        }
    }
}
