import LocalCloud
import StratusTesting
import Synchronization

/// A ``PollerTimer`` that moves only when a test moves it, together with the ``ManualClock`` the queue reads: a
/// sleep ends once the clock has been advanced past its end.
final class QueuePollerManualTimer: PollerTimer {
    let clock: ManualClock

    private struct Sleeper {
        let end: Int64
        let continuation: CheckedContinuation<Void, any Error>
    }

    private struct State {
        var sleepers: [Int: Sleeper] = [:]
        var nextID = 0
        var requested: [Duration] = []
    }

    private let state = Mutex(State())

    init(clock: ManualClock) {
        self.clock = clock
    }

    func sleep(for duration: Duration) async throws {
        let end = self.clock.nowMilliseconds + duration.wholeMilliseconds
        let id = self.state.withLock { state in
            state.requested.append(duration)
            state.nextID += 1
            return state.nextID
        }
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                let outcome: Result<Void, any Error>? = self.state.withLock { state in
                    if Task.isCancelled { return .failure(CancellationError()) }
                    if end <= self.clock.nowMilliseconds { return .success(()) }
                    state.sleepers[id] = Sleeper(end: end, continuation: continuation)
                    return nil
                }
                if let outcome { continuation.resume(with: outcome) }
            }
        } onCancel: {
            let sleeper = self.state.withLock { $0.sleepers.removeValue(forKey: id) }
            sleeper?.continuation.resume(throwing: CancellationError())
        }
    }

    /// Moves the clock forward by `duration` and ends the sleeps that are over.
    func advance(by duration: Duration) {
        self.clock.advance(by: duration)
        let now = self.clock.nowMilliseconds
        let due = self.state.withLock { state in
            let due = state.sleepers.filter { $0.value.end <= now }
            for id in due.keys { state.sleepers.removeValue(forKey: id) }
            return due.values
        }
        for sleeper in due { sleeper.continuation.resume() }
    }

    /// Every sleep asked for so far, in order.
    var requestedSleeps: [Duration] { self.state.withLock { $0.requested } }
}
