import Cloud
import Histogram
import LambdaRuntime
import LocalCloud
import Synchronization

/// The publisher of `stratus bench relay`: notes when each event reaches it, against when its commit was asked for,
/// as microseconds in a histogram. A repeat of an event (published again) counts once, the first time.
final class RelayLatencyRecorder: OutboxPublisher {
    private struct State {
        var commitStarts: [String: ContinuousClock.Instant] = [:]
        var latencies = Histogram<UInt64>(highestTrackableValue: 60_000_000, numberOfSignificantValueDigits: .three)
    }

    private let state = Mutex(State())

    /// Notes that the commit of the change raising `eventId` is asked for now; call it before the commit.
    func commitStarts(_ eventId: String) {
        let now = ContinuousClock.now
        self.state.withLock { $0.commitStarts[eventId] = now }
    }

    /// How many events were published at least once.
    var publishedCount: Int { self.state.withLock { Int($0.latencies.totalCount) } }

    /// The commit-to-publish latencies so far, in microseconds.
    var latencies: Histogram<UInt64> { self.state.withLock { $0.latencies } }

    func publish(_ events: [OutboxRecord]) async throws -> [OutboxPublishOutcome] {
        let now = ContinuousClock.now
        self.state.withLock { state in
            for event in events {
                guard let start = state.commitStarts.removeValue(forKey: event.eventId) else { continue }
                state.latencies.record(UInt64(max(0, (now - start).wholeMicroseconds)))
            }
        }
        return events.map { _ in .accepted }
    }
}
