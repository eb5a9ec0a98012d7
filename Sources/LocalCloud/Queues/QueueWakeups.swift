import Synchronization

/// Wakes the receives that wait for a queue's messages (long polling) when something may have become visible there,
/// instead of their polling the database.
///
/// A waiter first reads the queue's generation, then looks for messages, then waits for a signal after that
/// generation: a message sent between its look and its wait has already moved the generation on, so it is not missed.
final class QueueWakeups: Sendable {
    private struct State {
        var generations: [String: UInt64] = [:]
        var waiters: [String: [UInt64: CheckedContinuation<Void, Never>]] = [:]
        var nextWaiter: UInt64 = 0
    }

    private let state = Mutex(State())

    /// The number of signals `queue` has had so far.
    func generation(of queue: String) -> UInt64 {
        self.state.withLock { $0.generations[queue, default: 0] }
    }

    /// Wakes every receive waiting on `queue`.
    func signal(_ queue: String) {
        let waiters = self.state.withLock { state in
            state.generations[queue, default: 0] &+= 1
            return state.waiters.removeValue(forKey: queue) ?? [:]
        }
        for waiter in waiters.values {
            waiter.resume()
        }
    }

    /// Returns once `queue` had a signal after `generation`, `timeout` passed, or the task is cancelled.
    func wait(for queue: String, after generation: UInt64, atMost timeout: Duration) async {
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await self.signal(of: queue, after: generation) }
            group.addTask { try? await Task.sleep(for: timeout) }
            await group.next()
            group.cancelAll()
        }
    }

    private func signal(of queue: String, after generation: UInt64) async {
        let id = self.state.withLock { state in
            state.nextWaiter += 1
            return state.nextWaiter
        }
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let alreadyDue = self.state.withLock { state in
                    guard state.generations[queue, default: 0] == generation, !Task.isCancelled else { return true }
                    state.waiters[queue, default: [:]][id] = continuation
                    return false
                }
                if alreadyDue {
                    continuation.resume()
                }
            }
        } onCancel: {
            let waiter = self.state.withLock { state in state.waiters[queue]?.removeValue(forKey: id) }
            waiter?.resume()
        }
    }
}
