import Synchronization

/// How many moto servers may run at once in the test process. Each start imports moto and Flask, a few seconds of
/// CPU: with every suite starting its own at the same moment, a 2-core machine stalled for twenty seconds and
/// unrelated timing checks failed. A start beyond the limit waits until a running server stops.
final class MotoSlots: Sendable {
    /// The slots of the test process.
    static let shared = MotoSlots(count: 2)

    private let state: Mutex<(free: Int, waiting: [CheckedContinuation<Void, Never>])>

    private init(count: Int) {
        self.state = Mutex((count, []))
    }

    /// Takes a slot, waiting for one to be given back when none is free.
    func acquire() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let granted = self.state.withLock { state in
                guard state.free > 0 else {
                    state.waiting.append(continuation)
                    return false
                }
                state.free -= 1
                return true
            }
            if granted { continuation.resume() }
        }
    }

    /// Gives a slot back: to the longest waiting start, if any.
    func release() {
        let next = self.state.withLock { state -> CheckedContinuation<Void, Never>? in
            guard !state.waiting.isEmpty else {
                state.free += 1
                return nil
            }
            return state.waiting.removeFirst()
        }
        next?.resume()
    }
}
