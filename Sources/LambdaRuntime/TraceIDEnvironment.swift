#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// `_X_AMZN_TRACE_ID`, kept in one buffer that is handed to the environment once and rewritten in place.
///
/// `setenv` would allocate a new `name=value` string for every invocation's distinct trace header and never free
/// the old ones (glibc keeps them all), so a warm container would grow without bound.
final class TraceIDEnvironment: @unchecked Sendable {
    // @unchecked: the buffer is written only by the single worker that serves invocations one at a time.
    private static let prefix = Array("_X_AMZN_TRACE_ID=".utf8)
    /// Room for any X-Ray trace header (a few hundred bytes with a lineage); longer ones are not exported.
    static let capacity = 1024

    /// Lives as long as the process: the environment points into it.
    private let buffer: UnsafeMutablePointer<CChar>

    init() {
        let total = Self.prefix.count + Self.capacity + 1
        self.buffer = .allocate(capacity: total)
        self.buffer.initialize(repeating: 0, count: total)
        for (index, byte) in Self.prefix.enumerated() {
            self.buffer[index] = CChar(bitPattern: byte)
        }
        putenv(self.buffer)
    }

    /// Sets the variable to `traceID`, or to empty when there is none or it does not fit.
    func export(_ traceID: String?) {
        let value = Array((traceID ?? "").utf8)
        let start = self.buffer + Self.prefix.count
        guard value.count <= Self.capacity else {
            start[0] = 0
            return
        }
        for (index, byte) in value.enumerated() {
            start[index] = CChar(bitPattern: byte)
        }
        start[value.count] = 0
    }
}
