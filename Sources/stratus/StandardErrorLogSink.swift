import Foundation
import LambdaRuntime

/// Writes a function's log lines to standard error, leaving standard output to the response.
struct StandardErrorLogSink: LogSink {
    func write(line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}
