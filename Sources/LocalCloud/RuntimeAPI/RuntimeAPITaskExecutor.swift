#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs the jobs of a task that prefers it on the Runtime API connection thread that resumed the task, once that
/// thread has served the request in hand and before it answers: a caller that invokes in a loop gets each result on
/// the thread that read the runtime's response, and its next event goes out from there, with no thread switch.
///
/// A job enqueued anywhere else (the task's first hop, a timeout resumed by the watchdog) goes to the global
/// concurrent executor. Either way each job runs once; the executor only chooses the thread.
package final class RuntimeAPITaskExecutor: TaskExecutor {
    /// The one executor: stateless but for the thread that is serving a request.
    package static let shared = RuntimeAPITaskExecutor()

    /// The jobs enqueued on a connection thread while it serves a request: one per connection, its storage reused
    /// from request to request. Only the connection's own thread touches it.
    final class ResumedJobs {
        fileprivate var jobs: [UnownedJob] = []
    }

    /// The thread-specific slot that holds the ``ResumedJobs`` of the request the thread is serving.
    private static let servingKey: pthread_key_t = {
        var key = pthread_key_t()
        precondition(pthread_key_create(&key, nil) == 0, "No thread-specific key is left for the Runtime API executor")
        return key
    }()

    private init() {}

    /// Whether the calling thread is a connection's, serving a request: where the jobs enqueued here run.
    static var isServingARequest: Bool {
        pthread_getspecific(Self.servingKey) != nil
    }

    package func enqueue(_ job: consuming ExecutorJob) {
        if let serving = pthread_getspecific(Self.servingKey) {
            Unmanaged<ResumedJobs>.fromOpaque(serving).takeUnretainedValue().jobs.append(UnownedJob(job))
        } else {
            globalConcurrentExecutor.enqueue(job)
        }
    }

    /// Runs `serve` on the calling thread, then the jobs of the tasks it resumed (and those they resume in turn), in
    /// the order they came, kept in `resumed` meanwhile; returns what `serve` returned.
    func runResumedTasks<Result>(in resumed: ResumedJobs, after serve: () -> Result) -> Result {
        pthread_setspecific(Self.servingKey, Unmanaged.passUnretained(resumed).toOpaque())
        defer { pthread_setspecific(Self.servingKey, nil) }
        let result = serve()
        var next = 0
        while next < resumed.jobs.count {
            // Taken out first: the job may resume others, which are appended while it runs.
            let job = resumed.jobs[next]
            next += 1
            job.runSynchronously(on: self.asUnownedTaskExecutor())
        }
        resumed.jobs.removeAll(keepingCapacity: true)
        return result
    }
}
