public import Foundation

/// What a program run to its end printed, and how it ended.
public struct ProcessRun: Sendable {
    /// The exit status.
    public var status: Int32
    /// Everything written to standard output (and standard error, when merged).
    public var output: Data
    /// Everything written to standard error, unless merged into ``output``.
    public var errors: Data

    /// ``output`` as UTF-8 text.
    public var outputText: String { String(decoding: self.output, as: UTF8.self) }
    /// ``errors`` as UTF-8 text.
    public var errorText: String { String(decoding: self.errors, as: UTF8.self) }
}

/// Runs a program to its end, waiting on threads of their own (a blocking wait must not hold one of the few
/// cooperative threads, which the timing tests running alongside need). With `mergingErrors`, standard error goes
/// to `output` too; `environment` adds variables to (or replaces them in) this process's environment.
public func runToCompletion(
    _ executable: String,
    _ arguments: [String],
    input: Data? = nil,
    currentDirectory: URL? = nil,
    mergingErrors: Bool = false,
    environment: [String: String] = [:]
) async throws -> ProcessRun {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    if !environment.isEmpty {
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, given in given }
    }
    if let currentDirectory { process.currentDirectoryURL = currentDirectory }
    let output = Pipe()
    let errors = mergingErrors ? output : Pipe()
    let standardInput = Pipe()
    process.standardOutput = output
    process.standardError = errors
    process.standardInput = standardInput
    try process.run()
    return await withCheckedContinuation { continuation in
        DispatchQueue.global().async {
            if let input {
                // A program that exits before reading all of its input must not take the test process down with
                // SIGPIPE, nor trap Foundation's `write(_:)` with EPIPE: the rest of the input is simply not sent.
                signal(SIGPIPE, SIG_IGN)
                try? standardInput.fileHandleForWriting.write(contentsOf: input)
            }
            try? standardInput.fileHandleForWriting.close()
            // Standard error is drained on another thread, so that neither pipe can fill up and stall the program.
            let errorData = ErrorDrain(mergingErrors ? nil : errors)
            let data = output.fileHandleForReading.readUntilEnd()
            process.waitUntilExit()
            continuation.resume(
                returning: ProcessRun(status: process.terminationStatus, output: data, errors: errorData.wait()))
        }
    }
}

/// Reads a pipe to its end on a thread of its own.
private final class ErrorDrain: @unchecked Sendable {
    private var data = Data()
    private let done = DispatchSemaphore(value: 0)

    init(_ pipe: Pipe?) {
        guard let pipe else {
            self.done.signal()
            return
        }
        DispatchQueue.global().async {
            self.data = pipe.fileHandleForReading.readUntilEnd()
            self.done.signal()
        }
    }

    func wait() -> Data {
        self.done.wait()
        return self.data
    }
}
