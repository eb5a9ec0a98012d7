import Dispatch
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs `async` work on the calling thread: a worker's whole loop of invocations, or the making of the handler.
///
/// The thread calls ``run(_:)``: the operation starts as a task that prefers this executor, and the thread runs the
/// task's jobs as they come, until the operation finishes. Nonisolated code stays on the thread, so an invocation that
/// awaits nothing elsewhere costs no thread switch; an await on an actor or on I/O elsewhere hands the rest back to
/// this thread through the queue. The task may block the thread (in the Runtime API's `next`): nothing else is
/// queued for it meanwhile but the task's own jobs.
///
/// While it runs an operation, the executor is the thread's ``current`` one, so that a client can tell that it may
/// block the thread in I/O rather than switch to an event loop and back (``InvocationThread/mayBlock``).
final class WorkerThreadExecutor: TaskExecutor {
    private let jobs = Mutex<[UnownedJob]>([])
    /// Signalled once for each job enqueued and once when an operation finishes.
    private let wakeUps = DispatchSemaphore(value: 0)

    /// The thread-specific slot that holds the executor whose ``run(_:)`` the thread is in.
    private static let currentKey: pthread_key_t = {
        var key = pthread_key_t()
        precondition(pthread_key_create(&key, nil) == 0, "No thread-specific key is left for the worker executor")
        return key
    }()

    /// The executor whose ``run(_:)`` the calling thread is in, if any.
    static var current: WorkerThreadExecutor? {
        pthread_getspecific(Self.currentKey).map {
            Unmanaged<WorkerThreadExecutor>.fromOpaque($0).takeUnretainedValue()
        }
    }

    /// Whether jobs are queued for the thread besides the one running.
    var hasWaitingJobs: Bool {
        self.jobs.withLock { !$0.isEmpty }
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        self.jobs.withLock { $0.append(job) }
        self.wakeUps.signal()
    }

    /// Runs `operation` to its end on the calling thread, which must be the worker's own, and returns its result.
    func run<Result: Sendable>(_ operation: @escaping @Sendable () async -> Result) -> Result {
        let result = OperationResult<Result>()
        defer { result.free() }
        let wakeUps = self.wakeUps
        let outer = pthread_getspecific(Self.currentKey)
        pthread_setspecific(Self.currentKey, Unmanaged.passUnretained(self).toOpaque())
        defer { pthread_setspecific(Self.currentKey, outer) }
        Task(executorPreference: self) {
            let value = await operation()
            result.slot.pointee.withLock { $0 = value }
            wakeUps.signal()
        }
        while true {
            self.wakeUps.wait()
            let job = self.jobs.withLock { jobs in jobs.isEmpty ? nil : jobs.removeFirst() }
            job?.runSynchronously(on: self.asUnownedTaskExecutor())
            if let value = result.slot.pointee.withLock({ $0.take() }) { return value }
        }
    }
}

/// Where a task run by ``WorkerThreadExecutor/run(_:)`` leaves its result for the worker's thread: a slot that
/// `run` allocates, shares with the task and frees once it has taken the result (the task's last use of it).
///
/// A struct over memory `run` owns rather than a generic class: a generic class's `deinit` is not specialized, and
/// destroying its `Mutex<Value?>` looked three types' metadata up at run time on every invocation.
private struct OperationResult<Value: Sendable>: @unchecked Sendable {
    // Unchecked: the slot is only read and written under its mutex, and freed after the task's last write, which
    // runs on the worker's thread like the rest of the task's nonisolated code (the task prefers its executor).
    let slot: UnsafeMutablePointer<Mutex<Value?>>

    init() {
        self.slot = .allocate(capacity: 1)
        self.slot.initialize(to: Mutex(nil))
    }

    /// Destroys the slot; nothing may use it after.
    func free() {
        self.slot.deinitialize(count: 1)
        self.slot.deallocate()
    }
}
