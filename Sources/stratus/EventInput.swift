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
            data = FileHandle.standardInput.readDataToEndOfFile()
        case let path?:
            guard let contents = FileManager.default.contents(atPath: path) else {
                throw CommandLineError("Cannot read the event file '\(path)'")
            }
            data = contents
        }
        guard data.count <= LambdaLimits.maxEventBytes else {
            throw CommandLineError(
                "The event is \(data.count) bytes; Lambda accepts at most \(LambdaLimits.maxEventBytes)")
        }
        do {
            _ = try JSONDecoder().decode(JSONValue.self, from: data)
        } catch {
            throw CommandLineError("The event is not valid JSON (\(source == "-" ? "standard input" : source ?? ""))")
        }
        return ByteBuffer(bytes: data)
    }
}
