import Foundation
import LambdaRuntime
import Synchronization

/// A child process whose output is read line by line into a log sink, and whose exit can be awaited.
final class ChildProcess: Sendable {
    private let process: Process
    private let exit = ExitRecord()
    private let lastPeakMemory = Mutex<Int?>(nil)

    /// Starts `executable` with exactly `environment`; each line it writes to stdout or stderr goes to `output`.
    init(executable: String, arguments: [String] = [], environment: [String: String], output: any LogSink) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = environment
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = Self.linePipe(to: output)
        process.standardError = Self.linePipe(to: output)
        self.process = process
        process.terminationHandler = { [exit] finished in
            let signalled = finished.terminationReason == .uncaughtSignal
            exit.record(signalled ? 128 + finished.terminationStatus : finished.terminationStatus)
        }
        try process.run()
    }

    var processIdentifier: Int32 { self.process.processIdentifier }

    /// Waits for the process to end and returns its status (128 + signal number when a signal ended it).
    func waitForExit() async -> Int32 {
        await self.exit.wait()
    }

    /// The exit status, or `nil` while it runs.
    var exitStatus: Int32? {
        self.exit.status
    }

    /// Sends `signal` to the process, if it still runs.
    func send(signal: Int32) {
        guard self.exitStatus == nil else { return }
        kill(self.process.processIdentifier, signal)
    }

    /// The peak resident memory of the process (`VmHWM`) in bytes; the last value read once it has exited.
    func peakMemoryBytes() -> Int? {
        if let current = MemoryStatus.peakResidentBytes(processID: self.process.processIdentifier), self.exitStatus == nil {
            self.lastPeakMemory.withLock { $0 = current }
            return current
        }
        return self.lastPeakMemory.withLock { $0 }
    }

    private static func linePipe(to sink: any LogSink) -> Pipe {
        let pipe = Pipe()
        let splitter = LineSplitter(sink: sink)
        pipe.fileHandleForReading.readabilityHandler = { handle in
            let data = handle.availableData
            if data.isEmpty {
                handle.readabilityHandler = nil
                splitter.finish()
            } else {
                splitter.append(data)
            }
        }
        return pipe
    }
}

/// The exit status of a process, once known, and the tasks waiting for it.
private final class ExitRecord: Sendable {
    private struct State {
        var status: Int32?
        var waiters: [CheckedContinuation<Int32, Never>] = []
    }

    private let state = Mutex(State())

    var status: Int32? {
        self.state.withLock { $0.status }
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

    func append(_ data: Data) {
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
