import JSONCoding
public import Logging

/// A swift-log handler writing the runtime's own lines in Lambda's log format (``LambdaLogFormat``): as text,
/// `timestamp<TAB>requestId<TAB>LEVEL<TAB>message` followed by any metadata as `key=value` pairs; as JSON, one object
/// a line with `timestamp`, `level`, `message`, `requestId` when there is one, and the metadata as string members.
public struct LambdaLogHandler: LogHandler {
    /// Metadata added to every line this handler writes.
    public var metadata: Logger.Metadata = [:]
    /// The least severe level that is written; swift-log drops the rest before they reach the handler.
    public var logLevel: Logger.Level
    private let sink: any LogSink
    private let format: LambdaLogFormat
    private let nowMilliseconds: @Sendable () -> Int64

    /// Creates a handler writing to `sink` in `format`, time-stamping lines with `nowMilliseconds` (milliseconds since
    /// the Unix epoch).
    public init(
        sink: any LogSink,
        logLevel: Logger.Level,
        format: LambdaLogFormat = .text,
        nowMilliseconds: @escaping @Sendable () -> Int64 = WallClock.nowMilliseconds
    ) {
        self.sink = sink
        self.logLevel = logLevel
        self.format = format
        self.nowMilliseconds = nowMilliseconds
    }

    /// Reads or sets one entry of ``metadata``.
    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { self.metadata[key] }
        set { self.metadata[key] = newValue }
    }

    /// Writes one line for `event`, its metadata merged over the handler's and the request ID taken out into its own
    /// field.
    public func log(event: LogEvent) {
        var merged = self.metadata
        if let extra = event.metadata {
            merged.merge(extra) { _, new in new }
        }
        let requestID = merged.removeValue(forKey: LambdaContext.requestIDMetadataKey).map { "\($0)" }
        let line = Self.line(
            format: self.format,
            timestampMilliseconds: self.nowMilliseconds(),
            level: event.level,
            requestID: requestID,
            message: "\(event.message)",
            metadata: merged
        )
        self.sink.write(line: line)
    }

    /// One line in `format`; metadata members in key order.
    static func line(
        format: LambdaLogFormat,
        timestampMilliseconds: Int64,
        level: Logger.Level,
        requestID: String?,
        message: String,
        metadata: Logger.Metadata = [:]
    ) -> String {
        let timestamp = WallClock.iso8601(milliseconds: timestampMilliseconds)
        let sortedMetadata = metadata.sorted { $0.key < $1.key }
        switch format {
        case .text:
            var line = "\(timestamp)\t\(requestID ?? "-")\t\(Self.levelName(level))\t\(message)"
            for (key, value) in sortedMetadata {
                line += " \(key)=\(value)"
            }
            return line
        case .json:
            var members = [("timestamp", timestamp), ("level", Self.levelName(level))]
            if let requestID { members.append(("requestId", requestID)) }
            members.append(("message", message))
            members += sortedMetadata.map { ($0.key, "\($0.value)") }
            var writer = JSONWriter(capacity: 256)
            writer.beginObject()
            for (key, value) in members {
                writer.key(key)
                writer.string(value)
            }
            writer.endObject()
            return String(decoding: writer.bytes, as: UTF8.self)
        }
    }

    /// Lambda's name for a log level, as in `AWS_LAMBDA_LOG_LEVEL`.
    static func levelName(_ level: Logger.Level) -> String {
        switch level {
        case .trace: "TRACE"
        case .debug: "DEBUG"
        case .info: "INFO"
        case .notice: "INFO"
        case .warning: "WARN"
        case .error: "ERROR"
        case .critical: "FATAL"
        }
    }

    /// Reads a level the way Lambda names them (`TRACE`, `DEBUG`, `INFO`, `WARN`, `ERROR`, `FATAL`), in any case.
    public static func level(named name: String) -> Logger.Level? {
        switch name.uppercased() {
        case "TRACE": .trace
        case "DEBUG": .debug
        case "INFO": .info
        case "WARN", "WARNING": .warning
        case "ERROR": .error
        case "FATAL", "CRITICAL": .critical
        default: nil
        }
    }
}
