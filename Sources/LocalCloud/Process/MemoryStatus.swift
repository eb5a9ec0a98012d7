#if canImport(Glibc)
import Glibc
#endif

/// Reads a process's memory figures from `/proc`.
public enum MemoryStatus {
    /// The peak resident set size (`VmHWM`) of a process in bytes, or `nil` when it cannot be read.
    public static func peakResidentBytes(processID: Int32) -> Int? {
        let descriptor = open("/proc/\(processID)/status", O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        return Self.peakResidentBytes(statusFile: descriptor)
    }

    /// `VmHWM` in bytes from an open `/proc/PID/status`, or `nil` when it cannot be read (the process is gone).
    ///
    /// Read after every invocation of a process-isolated function, so it is cheap: one `pread` into a buffer on the
    /// stack, scanned for the `VmHWM:` line, without Foundation.
    static func peakResidentBytes(statusFile descriptor: Int32) -> Int? {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 8192) { buffer in
            let count = pread(descriptor, buffer.baseAddress, buffer.count, 0)
            guard count > 0 else { return nil }
            return Self.peakResidentBytes(inStatus: UnsafeBufferPointer(rebasing: buffer[..<count]))
        }
    }

    /// `VmHWM` in bytes from the text of a `/proc/PID/status` file (`VmHWM:\t   1234 kB`).
    static func peakResidentBytes(inStatus status: UnsafeBufferPointer<UInt8>) -> Int? {
        for line in status.split(separator: UInt8(ascii: "\n")) where line.starts(with: "VmHWM:".utf8) {
            let digits = line.dropFirst(6).drop { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }
                .prefix { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }
            guard !digits.isEmpty, digits.count < 16 else { return nil }
            return digits.reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) } * 1024
        }
        return nil
    }

    /// The peak resident set size of this process in bytes: one `getrusage` call, cheap enough for every
    /// invocation (`ru_maxrss` is the same high-water mark as `VmHWM`, in kilobytes on Linux).
    public static func peakResidentBytesOfCurrentProcess() -> Int? {
        var usage = rusage()
        guard getrusage(Int32(RUSAGE_SELF.rawValue), &usage) == 0 else { return nil }
        return Int(usage.ru_maxrss) * 1024
    }
}
