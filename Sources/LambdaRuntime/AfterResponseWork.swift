import Synchronization

/// Work an invocation leaves for after its response: what ``LambdaContext/afterResponse(_:)`` collects, and what the
/// Runtime API loop runs once the response is posted and before it asks for the next invocation.
///
/// Lambda hands the response to the caller as soon as the runtime posts it, and freezes the environment only when the
/// runtime asks for the next invocation; work done in between is billed but nobody waits for it. Telemetry that
/// needs no answer (a trace segment encoded and sent to the daemon) belongs there.
package final class AfterResponseWork: Sendable {
    private let pending = Mutex<[@Sendable () -> Void]>([])

    package init() {}

    /// Keeps `work` for ``runAll()``.
    func add(_ work: @escaping @Sendable () -> Void) {
        self.pending.withLock { $0.append(work) }
    }

    /// Runs the work added so far, in the order it was added, and forgets it.
    package func runAll() {
        let work = self.pending.withLock { pending in
            defer { pending.removeAll() }
            return pending
        }
        for item in work { item() }
    }
}
