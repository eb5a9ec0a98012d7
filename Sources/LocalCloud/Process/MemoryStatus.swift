import Foundation

/// Reads a process's memory figures from `/proc`.
public enum MemoryStatus {
    /// The peak resident set size (`VmHWM`) of a process in bytes, or `nil` when it cannot be read.
    public static func peakResidentBytes(processID: Int32) -> Int? {
        guard let status = try? String(contentsOfFile: "/proc/\(processID)/status", encoding: .utf8) else { return nil }
        for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
            let kilobytes = line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first.flatMap {
                Int($0)
            }
            return kilobytes.map { $0 * 1024 }
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
