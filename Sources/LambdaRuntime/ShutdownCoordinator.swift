import Synchronization

/// Tracks which workers are waiting for an invocation, so that SIGTERM can stop the idle ones at once while the busy
/// ones finish the invocation they serve.
final class ShutdownCoordinator: Sendable {
    private struct State {
        var isDraining = false
        /// One entry per idle worker: a few at most, so a list (a dictionary's first use costs a cold start a search
        /// of the conformance tables).
        var idleConnections: [(worker: Int, connection: RuntimeAPIConnection)] = []
    }

    private let state = Mutex(State())

    /// Records that `worker` is about to wait for its next invocation.
    /// - Returns: `false` when the process is shutting down and the worker must stop instead.
    func willWaitForNext(worker: Int, on connection: RuntimeAPIConnection) -> Bool {
        self.state.withLock { state in
            guard !state.isDraining else { return false }
            state.idleConnections.append((worker, connection))
            return true
        }
    }

    /// Records that `worker` received an invocation and serves it.
    func didReceiveInvocation(worker: Int) {
        self.state.withLock { state in
            state.idleConnections.removeAll { $0.worker == worker }
        }
    }

    /// Starts the shutdown: idle workers are stopped by interrupting their connections, busy ones stop after their
    /// invocation.
    func drain() {
        let idle = self.state.withLock { state in
            state.isDraining = true
            defer { state.idleConnections = [] }
            return state.idleConnections.map(\.connection)
        }
        for connection in idle {
            connection.interrupt()
        }
    }

    var isDraining: Bool {
        self.state.withLock { $0.isDraining }
    }
}
