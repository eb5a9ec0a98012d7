import CProcessSpawn
import Foundation
import LambdaRuntime
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// A child process started the way Lambda starts a runtime: a clean signal mask and default signal handlers
/// (whatever this process blocks or ignores, the child does not), standard input from `/dev/null`, and each line it
/// writes to standard output or standard error delivered to a log sink.
final class ChildProcess: Sendable {
    let processIdentifier: Int32
    /// `/proc/PID/status`, open for the process's life: reading it again costs one system call.
    private let statusFile: Int32
    private let exit = ExitRecord()
    private let lastPeakMemory = Mutex<Int?>(nil)

    /// Starts `executable` with exactly `environment`.
    init(executable: String, arguments: [String] = [], environment: [String: String], output: any LogSink) throws {
        let (outputRead, outputWrite) = try Self.makePipe()
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, outputWrite, STDOUT_FILENO)
        posix_spawn_file_actions_adddup2(&actions, outputWrite, STDERR_FILENO)
        posix_spawn_file_actions_addclose(&actions, outputRead)
        posix_spawn_file_actions_addclose(&actions, outputWrite)
        // Nothing else of this process reaches the child, even a descriptor that is not close-on-exec (another
        // function's Runtime API connection, a pipe another thread is setting up). Without the action (ENOSYS),
        // close-on-exec on our own descriptors is what remains.
        _ = stratus_spawn_file_actions_close_from(&actions, STDERR_FILENO + 1)

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        var allSignals = sigset_t()
        sigfillset(&allSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        posix_spawnattr_setsigdefault(&attributes, &allSignals)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            for argument in argv { free(argument) }
            for variable in envp { free(variable) }
        }
        var pid: pid_t = 0
        let status = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
        close(outputWrite)
        guard status == 0 else {
            close(outputRead)
            throw ChildProcessError(executable: executable, reason: String(cString: strerror(status)))
        }
        let childID = pid
        self.processIdentifier = childID
        self.statusFile = open("/proc/\(childID)/status", O_RDONLY | O_CLOEXEC)
        let outputDrained = DispatchSemaphore(value: 0)
        Self.forwardLines(from: outputRead, to: output) { outputDrained.signal() }
        let exit = self.exit
        Thread.detachNewThread {
            var waitStatus: Int32 = 0
            while waitpid(childID, &waitStatus, 0) == -1 && errno == EINTR {}
            exit.recordReaped()
            // The exit is known only once every line written before it has reached the sink, so that whoever sees
            // the exit (a test, an invocation's error) also sees the process's last words. A descendant that kept
            // the pipe open would hold end of file back for ever: wait for it a bounded time.
            _ = outputDrained.wait(timeout: .now() + Self.outputDrainLimit)
            // WIFSIGNALED / WTERMSIG / WEXITSTATUS, spelled out: Glibc's macros are not visible to Swift.
            let signal = waitStatus & 0x7f
            exit.record(signal != 0 ? 128 + signal : (waitStatus >> 8) & 0xff)
        }
    }

    /// How long after the process's exit its output may take to reach end of file before the exit is reported anyway.
    static let outputDrainLimit: DispatchTimeInterval = .seconds(2)

    /// Waits for the process to end and returns its status (128 + signal number when a signal ended it).
    func waitForExit() async -> Int32 {
        await self.exit.wait()
    }

    /// The exit status, or `nil` while it runs.
    var exitStatus: Int32? {
        self.exit.status
    }

    /// Sends `signal` to the process, if it has not been waited for yet.
    func send(signal: Int32) {
        guard !self.exit.isReaped else { return }
        kill(self.processIdentifier, signal)
    }

    /// The peak resident memory of the process (`VmHWM`) in bytes; the last value read once it has exited.
    func peakMemoryBytes() -> Int? {
        if self.exitStatus == nil, let current = MemoryStatus.peakResidentBytes(statusFile: self.statusFile) {
            self.lastPeakMemory.withLock { $0 = current }
            return current
        }
        return self.lastPeakMemory.withLock { $0 }
    }

    deinit {
        if self.statusFile >= 0 { close(self.statusFile) }
    }

    private static func makePipe() throws -> (read: Int32, write: Int32) {
        var descriptors: [Int32] = [0, 0]
        guard pipe(&descriptors) == 0 else {
            throw ChildProcessError(executable: "pipe", reason: String(cString: strerror(errno)))
        }
        // Close-on-exec, so that no other child inherits them; dup2 in the child clears the flag on 1 and 2.
        for descriptor in descriptors {
            _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC)
        }
        return (descriptors[0], descriptors[1])
    }

    /// Reads lines from `descriptor` into `sink` on a thread of its own until end of file, then closes it and calls
    /// `drained`.
    private static func forwardLines(
        from descriptor: Int32, to sink: any LogSink, drained: @escaping @Sendable () -> Void
    ) {
        let splitter = LineSplitter(sink: sink)
        Thread.detachNewThread {
            var buffer = [UInt8](repeating: 0, count: 65_536)
            while true {
                let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
                if count > 0 {
                    splitter.append(buffer[..<count])
                } else if count < 0 && errno == EINTR {
                    continue
                } else {
                    break
                }
            }
            splitter.finish()
            close(descriptor)
            drained()
        }
    }
}

/// A process could not be started.
struct ChildProcessError: Error, CustomStringConvertible {
    var executable: String
    var reason: String
    var description: String { "Cannot start \(self.executable): \(self.reason)" }
}

/// Whether a process has been waited for, its exit status once known, and the tasks waiting for that.
private final class ExitRecord: Sendable {
    private struct State {
        var isReaped = false
        var status: Int32?
        var waiters: [CheckedContinuation<Int32, Never>] = []
    }

    private let state = Mutex(State())

    /// Whether `waitpid` has returned: from then on the process's id may name another process.
    var isReaped: Bool {
        self.state.withLock { $0.isReaped }
    }

    var status: Int32? {
        self.state.withLock { $0.status }
    }

    func recordReaped() {
        self.state.withLock { $0.isReaped = true }
    }

    func record(_ status: Int32) {
        let waiters = self.state.withLock { state in
            state.status = status
            defer { state.waiters = [] }
            return state.waiters
        }
        for waiter in waiters { waiter.resume(returning: status) }
    }

    func wait() async -> Int32 {
        await withCheckedContinuation { continuation in
            let status = self.state.withLock { state -> Int32? in
                if state.status == nil { state.waiters.append(continuation) }
                return state.status
            }
            if let status { continuation.resume(returning: status) }
        }
    }
}

/// Cuts a byte stream into lines for a log sink.
private final class LineSplitter: Sendable {
    private let sink: any LogSink
    private let pending = Mutex<[UInt8]>([])

    init(sink: any LogSink) {
        self.sink = sink
    }

    func append(_ data: ArraySlice<UInt8>) {
        let lines = self.pending.withLock { pending -> [String] in
            pending.append(contentsOf: data)
            var lines: [String] = []
            while let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
                lines.append(String(decoding: pending[..<newline], as: UTF8.self))
                pending.removeSubrange(...newline)
            }
            return lines
        }
        for line in lines { self.sink.write(line: line) }
    }

    func finish() {
        let rest = self.pending.withLock { pending in
            defer { pending = [] }
            return pending
        }
        if !rest.isEmpty { self.sink.write(line: String(decoding: rest, as: UTF8.self)) }
    }
}
