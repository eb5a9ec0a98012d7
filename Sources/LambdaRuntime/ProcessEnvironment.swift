#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The process environment and the few changes the runtime makes to it.
public enum ProcessEnvironment {
    /// Every variable of the process environment.
    public static func current() -> [String: String] {
        Self.variables(in: environ)
    }

    /// The variables of `entries`, `NAME=value` C strings ended by a null pointer, as `environ` holds them.
    ///
    /// Each entry is split at its first `=` byte and its two halves decoded as UTF-8 (invalid bytes repaired), not
    /// read as a `String` and searched by `Character`: that search breaks the text into grapheme clusters, which for
    /// an environment of 35 variables and 1.3 KB was a tenth of a cold start's instructions (531,199 against 124,478).
    ///
    /// The dictionary is made as large as the entries need first: grown one doubling at a time, it hashed every
    /// variable again at each (the benchmark's 47 variables took 128,533 instructions, 73,224 made at their size).
    package static func variables(in entries: UnsafePointer<UnsafeMutablePointer<CChar>?>) -> [String: String] {
        var count = 0
        while entries[count] != nil { count += 1 }
        var variables = [String: String](minimumCapacity: count)
        var cursor = entries
        while let entry = cursor.pointee {
            let bytes = UnsafeBufferPointer(
                start: UnsafeRawPointer(entry).assumingMemoryBound(to: UInt8.self),
                count: strlen(entry))
            if let equals = bytes.firstIndex(of: UInt8(ascii: "=")) {
                variables[String(decoding: bytes[..<equals], as: UTF8.self)] = String(
                    decoding: bytes[(equals + 1)...], as: UTF8.self)
            }
            cursor += 1
        }
        return variables
    }

    /// Ends the process at once with `status`, after flushing what `print` may have buffered.
    static func terminate(status: Int32) -> Never {
        fflush(nil)
        _exit(status)
    }

    /// Writes a fatal message to standard error, for failures that happen before the Runtime API can be told: as is
    /// in the text format, as a `FATAL` line in the JSON format.
    static func writeToStandardError(_ message: String, format: LambdaLogFormat) {
        let line =
            switch format {
            case .text: message
            case .json:
                LambdaLogHandler.line(
                    format: .json,
                    timestampMilliseconds: WallClock.nowMilliseconds(),
                    level: .critical,
                    requestID: nil,
                    message: message
                )
            }
        writeLine(line, to: STDERR_FILENO)
    }
}
