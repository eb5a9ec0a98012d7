#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Where a function's log lines go: standard output on Lambda, a collector when run in-process locally.
public protocol LogSink: Sendable {
    /// Writes one complete line; `line` carries no trailing newline.
    func write(line: String)
}

/// Writes each line to standard output with a single `write(2)`, so lines from concurrent invocations never interleave
/// and nothing waits in a buffer when the process exits.
public struct StandardOutputLogSink: LogSink {
    /// Creates a sink writing to the process's standard output.
    public init() {}

    /// Writes `line` and a newline to standard output in one `write(2)` call.
    public func write(line: String) {
        writeFully(to: STDOUT_FILENO, line + "\n")
    }
}

/// Writes all of `text` to a file descriptor, retrying short writes.
func writeFully(to descriptor: Int32, _ text: String) {
    var text = text
    text.withUTF8 { buffer in
        var offset = 0
        while offset < buffer.count {
            let written = write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
            if written <= 0 { return }
            offset += written
        }
    }
}
