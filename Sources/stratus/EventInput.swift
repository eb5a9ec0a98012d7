import Foundation
import LambdaEvents
import LambdaRuntime
import NIOCore

/// Reads the event for an invocation from a file or standard input, and checks that it is JSON within Lambda's limit.
enum EventInput {
    static func read(from source: String?) throws -> ByteBuffer {
        let data: Data
        switch source {
        case nil:
            data = Data("{}".utf8)
        case "-":
            // One byte past the limit is enough to refuse an event that is too large, whatever its size.
            guard let read = try? FileHandle.standardInput.read(upToCount: LambdaLimits.maxEventBytes + 1) else {
                throw CommandLineError("Cannot read the event from standard input")
            }
            data = read
        case let path?:
            guard let contents = FileManager.default.contents(atPath: path) else {
                throw CommandLineError("Cannot read the event file '\(path)'")
            }
            data = contents
        }
        guard data.count <= LambdaLimits.maxEventBytes else {
            throw CommandLineError(
                "The event is larger than \(LambdaLimits.maxEventBytes) bytes, the most Lambda accepts")
        }
        do {
            _ = try JSONDecoder().decode(JSONValue.self, from: data)
        } catch {
            throw CommandLineError("The event is not valid JSON (\(source == "-" ? "standard input" : source ?? ""))")
        }
        return ByteBuffer(bytes: data)
    }
}
