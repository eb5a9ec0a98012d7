#if canImport(Glibc)
package import Glibc
#elseif canImport(Musl)
package import Musl
#elseif canImport(Darwin)
package import Darwin
#endif

/// The real-time clock, in milliseconds since the Unix epoch: the clock in which Lambda states deadlines.
public enum WallClock {
    /// The current time in milliseconds since the Unix epoch.
    public static func nowMilliseconds() -> Int64 {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        return Int64(spec.tv_sec) * 1000 + Int64(spec.tv_nsec) / 1_000_000
    }

    /// Formats milliseconds since the epoch as ISO 8601 in UTC with milliseconds, e.g. `2026-11-22T21:36:49.123Z`.
    /// Written into one buffer: every log line carries a timestamp.
    public static func iso8601(milliseconds: Int64) -> String {
        let parts = Self.utcFields(milliseconds: milliseconds)
        return String(unsafeUninitializedCapacity: 24) { output in
            var position = Self.write(parts.tm_year + 1900, width: 4, then: UInt8(ascii: "-"), into: output, at: 0)
            position = Self.write(parts.tm_mon + 1, width: 2, then: UInt8(ascii: "-"), into: output, at: position)
            position = Self.write(parts.tm_mday, width: 2, then: UInt8(ascii: "T"), into: output, at: position)
            position = Self.write(parts.tm_hour, width: 2, then: UInt8(ascii: ":"), into: output, at: position)
            position = Self.write(parts.tm_min, width: 2, then: UInt8(ascii: ":"), into: output, at: position)
            position = Self.write(parts.tm_sec, width: 2, then: UInt8(ascii: "."), into: output, at: position)
            return Self.write(Int32(milliseconds % 1000), width: 3, then: UInt8(ascii: "Z"), into: output, at: position)
        }
    }

    /// The calendar fields, in UTC, of the second `milliseconds` since the epoch falls in.
    package static func utcFields(milliseconds: Int64) -> tm {
        var seconds = time_t(milliseconds / 1000)
        var parts = tm()
        gmtime_r(&seconds, &parts)
        return parts
    }

    /// Writes `value` as `width` decimal digits, zero-padded, at `position` of `output`, then `separator` when there
    /// is one; returns where the next byte goes. The timestamps' fields, written without making strings.
    package static func write(
        _ value: Int32, width: Int, then separator: UInt8?, into output: UnsafeMutableBufferPointer<UInt8>,
        at position: Int
    ) -> Int {
        var value = value
        for offset in stride(from: width - 1, through: 0, by: -1) {
            output[position + offset] = UInt8(ascii: "0") + UInt8(value % 10)
            value /= 10
        }
        guard let separator else { return position + width }
        output[position + width] = separator
        return position + width + 1
    }
}
