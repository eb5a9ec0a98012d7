package import NIOCore

/// Runs a task's nonisolated work on one event loop, so that its awaits resume on that loop instead of going through
/// the global executor (a thread switch each way): a runtime worker's invocations, a gateway connection's requests.
package final class EventLoopTaskExecutor: TaskExecutor {
    private let eventLoop: any EventLoop

    package init(_ eventLoop: any EventLoop) {
        self.eventLoop = eventLoop
    }

    package func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        self.eventLoop.execute {
            job.runSynchronously(on: self.asUnownedTaskExecutor())
        }
    }
}
