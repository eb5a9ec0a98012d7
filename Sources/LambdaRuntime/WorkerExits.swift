import Dispatch
import Synchronization

/// Collects the exit statuses of a runtime's workers, so that the process can wait for the last of them and exit
/// with the worst.
final class WorkerExits: Sendable {
    private let state: Mutex<(running: Int, status: Int32)>
    /// Signalled once, when the last worker has ended.
    private let allEnded = DispatchSemaphore(value: 0)

    /// - Parameter workers: How many workers end.
    init(workers: Int) {
        self.state = Mutex((workers, 0))
    }

    /// Records that a worker ended with `status`.
    func record(_ status: Int32) {
        let isLast = self.state.withLock { state in
            state.running -= 1
            state.status = max(state.status, status)
            return state.running == 0
        }
        if isLast { self.allEnded.signal() }
    }

    /// Blocks until every worker has ended, and returns the process's status: the worst of theirs.
    func waitForAll() -> Int32 {
        self.allEnded.wait()
        return self.state.withLock { $0.status }
    }
}
