import Synchronization

/// Collects the exit statuses of a runtime's workers and hands the process's status, the worst of them, on once the
/// last worker has ended.
final class WorkerExits: Sendable {
    private let state: Mutex<(running: Int, status: Int32)>
    private let ended: @Sendable (Int32) -> Void

    /// - Parameters:
    ///   - workers: How many workers end.
    ///   - ended: Receives the process's status, once, when the last worker has ended.
    init(workers: Int, ended: @escaping @Sendable (Int32) -> Void) {
        self.state = Mutex((workers, 0))
        self.ended = ended
    }

    /// Records that a worker ended with `status`.
    func record(_ status: Int32) {
        let finished: Int32? = self.state.withLock { state in
            state.running -= 1
            state.status = max(state.status, status)
            return state.running == 0 ? state.status : nil
        }
        if let finished { self.ended(finished) }
    }
}
