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
        var variables: [String: String] = [:]
        var cursor = environ
        while let entry = cursor.pointee {
            let text = String(cString: entry)
            if let equals = text.firstIndex(of: "=") {
                variables[String(text[..<equals])] = String(text[text.index(after: equals)...])
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
