import ArgumentParser
import EventPatterns
import Foundation
import JSONCoding

/// `stratus events test-pattern`: EventBridge's `TestEventPattern` on the command line.
struct TestPatternCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test-pattern",
        abstract: "Tell whether an event pattern matches an event, as EventBridge's TestEventPattern does.",
        discussion: """
            Prints true (exit 0) or false (exit 1). A pattern EventBridge would reject prints its \
            InvalidEventPatternException message on standard error (exit 2); a file that cannot be read or is not \
            JSON exits 3.
            """
    )

    /// The exit status for a pattern EventBridge would reject.
    static let invalidPatternStatus: Int32 = 2
    /// The exit status for a file that cannot be read, is too large, or is not JSON.
    static let unreadableInputStatus: Int32 = 3
    /// The largest event file read: EventBridge's limit on one event entry (1 MB).
    static let maximumEventBytes = 1_048_576

    @Option(name: .long, help: "The event pattern, a JSON file.")
    var pattern: String

    @Option(name: .long, help: "The event, a JSON file.")
    var event: String

    func run() async throws {
        let patternText: String
        let event: JSONValue
        do {
            // A pattern is at most 2,048 characters of up to 4 bytes each: anything larger is refused unread.
            let patternBytes = try Self.contents(of: self.pattern, limit: 4 * EventPattern.maximumLength)
            patternText = String(decoding: patternBytes, as: UTF8.self)
            let eventBytes = try Self.contents(of: self.event, limit: Self.maximumEventBytes)
            guard let parsed = JSONValue(parsing: eventBytes) else {
                throw CommandLineError("The event file '\(self.event)' is not JSON (or nests deeper than 128 levels)")
            }
            event = parsed
        } catch let error as CommandLineError {
            FileHandle.standardError.write(Data("Error: \(error.description)\n".utf8))
            throw ExitCode(Self.unreadableInputStatus)
        }
        do {
            let matches = try EventPattern(parsing: patternText).matches(event)
            print(matches)
            if !matches { throw ExitCode.failure }
        } catch let error as EventPatternError {
            FileHandle.standardError.write(Data("InvalidEventPatternException: \(error.description)\n".utf8))
            throw ExitCode(Self.invalidPatternStatus)
        }
    }

    /// The bytes of the file at `path`, refusing files longer than `limit` bytes.
    private static func contents(of path: String, limit: Int) throws -> [UInt8] {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw CommandLineError("Cannot read the file '\(path)'")
        }
        defer { try? handle.close() }
        let data: Data
        do {
            data = try handle.read(upToCount: limit + 1) ?? Data()
        } catch {
            throw CommandLineError("Cannot read the file '\(path)'")
        }
        guard data.count <= limit else {
            throw CommandLineError("The file '\(path)' is larger than \(limit) bytes")
        }
        return Array(data)
    }
}
