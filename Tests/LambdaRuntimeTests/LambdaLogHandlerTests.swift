import LambdaRuntime
import Logging
import Testing

@Suite("Lambda text log lines")
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

    @Test func timestampsAreISO8601UTCWithMilliseconds() {
        #expect(WallClock.iso8601(milliseconds: 1_795_469_809_007) == "2026-11-23T21:36:49.007Z")
        #expect(WallClock.iso8601(milliseconds: 0) == "1970-01-01T00:00:00.000Z")
    }
}
