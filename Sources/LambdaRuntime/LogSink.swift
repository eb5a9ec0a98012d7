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

/// Writes each line to standard output with a single `writev(2)`, so lines from concurrent invocations never
/// interleave and nothing waits in a buffer when the process exits.
public struct StandardOutputLogSink: LogSink {
    private let descriptor: Int32

    /// Creates a sink writing to the process's standard output.
    public init() {
        self.descriptor = STDOUT_FILENO
    }

    /// Creates a sink writing to another open descriptor, such as standard error (2).
    public init(descriptor: Int32) {
        self.descriptor = descriptor
    }

    /// Writes `line` and a newline in one `writev(2)` call.
    public func write(line: String) {
        writeLine(line, to: self.descriptor)
    }
}

/// Writes `line` and a newline to a file descriptor: the two in one `writev(2)`, so the line is not copied to add the
/// newline, and what a short write left after it.
func writeLine(_ line: String, to descriptor: Int32) {
    var line = line
    line.withUTF8 { text in
        var newline = UInt8(ascii: "\n")
        let written = withUnsafeMutablePointer(to: &newline) { newline in
            withUnsafeTemporaryAllocation(of: iovec.self, capacity: 2) { parts in
                parts[0] = iovec(iov_base: UnsafeMutableRawPointer(mutating: text.baseAddress), iov_len: text.count)
                parts[1] = iovec(iov_base: newline, iov_len: 1)
                return writev(descriptor, parts.baseAddress, 2)
            }
        }
        guard written >= 0, written < text.count + 1 else { return }
        if written < text.count {
            guard writeAll(to: descriptor, UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(text)[written...]))
            else { return }
        }
        withUnsafeBytes(of: UInt8(ascii: "\n")) { _ = writeAll(to: descriptor, $0) }
    }
}

/// Writes all of `bytes` to a file descriptor, retrying short and interrupted writes; `false` when a write failed,
/// with `errno` saying why.
package func writeAll(to descriptor: Int32, _ bytes: UnsafeRawBufferPointer) -> Bool {
    var offset = 0
    while offset < bytes.count {
        let written = write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
        if written < 0 && errno == EINTR { continue }
        if written <= 0 { return false }
        offset += written
    }
    return true
}
