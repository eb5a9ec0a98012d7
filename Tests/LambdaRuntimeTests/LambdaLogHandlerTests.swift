import Foundation
import Logging
import Testing

@testable import LambdaRuntime

@Suite("Lambda log lines, text and JSON")
struct LambdaLogHandlerTests {
    @Test func linesCarryTimestampRequestIDLevelAndMetadata() throws {
        let sink = InMemoryLogSink()
        var logger = Logger(label: "t") { _ in LambdaLogHandler(sink: sink, logLevel: .info) }
        logger[metadataKey: LambdaContext.requestIDMetadataKey] = "r-9"
        logger.debug("hidden")
        logger.warning("disk low", metadata: ["free": "12MB"])
        let line = try #require(sink.lines.first)
        #expect(sink.lines.count == 1)
        let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
        #expect(fields.count == 4)
        #expect(fields[0].count == 24 && fields[0].hasSuffix("Z"))
        #expect(fields[1] == "r-9")
        #expect(fields[2] == "WARN")
        #expect(fields[3] == "disk low free=12MB")
    }

    @Test func theJSONFormatWritesOneObjectALineWithLambdasFields() throws {
        let sink = InMemoryLogSink()
        var logger = Logger(label: "t") { _ in
            LambdaLogHandler(sink: sink, logLevel: .info, format: .json, nowMilliseconds: { 1_795_469_809_007 })
        }
        logger.info("SIGTERM received: \"quoted\"\tand tabbed")
        logger[metadataKey: LambdaContext.requestIDMetadataKey] = "r-9"
        logger.debug("hidden")
        logger.error("Invocation failed", metadata: ["errorType": "Boom"])
        #expect(sink.lines.count == 2)
        let objects = try sink.lines.map {
            try #require(JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: String])
        }
        #expect(
            objects[0] == [
                "timestamp": "2026-11-23T21:36:49.007Z", "level": "INFO",
                "message": "SIGTERM received: \"quoted\"\tand tabbed",
            ])
        #expect(
            objects[1] == [
                "timestamp": "2026-11-23T21:36:49.007Z", "level": "ERROR", "requestId": "r-9",
                "message": "Invocation failed", "errorType": "Boom",
            ])
        #expect(sink.lines[1].hasPrefix(#"{"timestamp":"2026-11-23T21:36:49.007Z","level":"ERROR","requestId":"r-9","#))
    }

    @Test func theTextFormatStaysTheDefault() {
        let sink = InMemoryLogSink()
        let logger = Logger(label: "t") { _ in LambdaLogHandler(sink: sink, logLevel: .info, nowMilliseconds: { 0 }) }
        logger.critical("Initialisation failed")
        #expect(sink.lines == ["1970-01-01T00:00:00.000Z\t-\tFATAL\tInitialisation failed"])
    }

    @Test func theFormatIsReadFromTheEnvironmentAsLambdaReadsIt() {
        #expect(LambdaLogFormat(environment: [:]) == .text)
        #expect(LambdaLogFormat(environment: ["AWS_LAMBDA_LOG_FORMAT": "JSON"]) == .json)
        #expect(LambdaLogFormat(environment: ["AWS_LAMBDA_LOG_FORMAT": "json"]) == .json)
        #expect(LambdaLogFormat(environment: ["AWS_LAMBDA_LOG_FORMAT": "Text"]) == .text)
        #expect(LambdaLogFormat(environment: ["AWS_LAMBDA_LOG_FORMAT": "xml"]) == .text)
    }

    @Test func timestampsAreISO8601UTCWithMilliseconds() {
        #expect(WallClock.iso8601(milliseconds: 1_795_469_809_007) == "2026-11-23T21:36:49.007Z")
        #expect(WallClock.iso8601(milliseconds: 0) == "1970-01-01T00:00:00.000Z")
    }
}

@Suite("The standard output log sink")
struct StandardOutputLogSinkTests {
    /// Each line arrives whole with its newline, the empty line and a long one with multi-byte characters included.
    @Test func linesArriveWholeEachWithItsNewline() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("sink-\(UUID().uuidString)").path
        let descriptor = open(path, O_CREAT | O_WRONLY | O_TRUNC, 0o600)
        try #require(descriptor >= 0)
        defer { unlink(path) }
        let long = String(repeating: "é-ü ", count: 20_000)
        let sink = StandardOutputLogSink(descriptor: descriptor)
        for line in ["first", "", long] { sink.write(line: line) }
        close(descriptor)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "first\n\n" + long + "\n")
    }
}
