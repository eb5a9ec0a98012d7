import Cloud
import LocalCloud
import Synchronization

/// A publisher for the relay's tests: notes every event it is handed, whether its outbox item was still in the
/// store at that moment, and what it answered; it refuses the events it is told to until told to accept all.
final class OutboxRecordingPublisher: OutboxPublisher {
    /// One event handed over once.
    struct Attempt: Sendable, Equatable {
        var eventId: String
        var accepted: Bool
        var stillStored: Bool
    }

    private struct State {
        var attempts: [Attempt] = []
        var refused: Set<String> = []
    }

    private let state = Mutex(State())
    private let store: any ItemStore

    /// A publisher that looks up each event's item in `store` as it is handed over.
    init(checking store: any ItemStore) {
        self.store = store
    }

    /// Every event handed over, in order, repeats included.
    var attempts: [Attempt] { self.state.withLock { $0.attempts } }

    /// The IDs of the events accepted, in order, repeats included.
    var accepted: [String] { self.attempts.filter(\.accepted).map(\.eventId) }

    /// Refuses the events with `ids` from now on.
    func refuse(_ ids: Set<String>) {
        self.state.withLock { $0.refused = ids }
    }

    /// Accepts every event from now on.
    func acceptAll() {
        self.refuse([])
    }

    func publish(_ events: [OutboxRecord]) async throws -> [OutboxPublishOutcome] {
        var outcomes: [OutboxPublishOutcome] = []
        for event in events {
            let stillStored = try await self.store.get(event.key) != nil
            let accepted = self.state.withLock { state in
                let accepted = !state.refused.contains(event.eventId)
                state.attempts.append(Attempt(eventId: event.eventId, accepted: accepted, stillStored: stillStored))
                return accepted
            }
            outcomes.append(accepted ? .accepted : .failed(reason: "refused by the test"))
        }
        return outcomes
    }
}
