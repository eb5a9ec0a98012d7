public import Logging

/// A swift-log handler writing Lambda's text log format: `timestamp<TAB>requestId<TAB>LEVEL<TAB>message`,
/// followed by any metadata as `key=value` pairs.
public struct LambdaLogHandler: LogHandler {
    public var metadata: Logger.Metadata = [:]
    public var logLevel: Logger.Level
    private let sink: any LogSink

    public init(sink: any LogSink, logLevel: Logger.Level) {
        self.sink = sink
        self.logLevel = logLevel
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { self.metadata[key] }
        set { self.metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var merged = self.metadata
        if let extra = event.metadata {
            merged.merge(extra) { _, new in new }
        }
        let requestID = merged.removeValue(forKey: LambdaContext.requestIDMetadataKey).map { "\($0)" } ?? "-"
        var line = "\(WallClock.iso8601(milliseconds: WallClock.nowMilliseconds()))\t\(requestID)\t"
        line += "\(Self.levelName(event.level))\t\(event.message)"
        for (key, value) in merged.sorted(by: { $0.key < $1.key }) {
            line += " \(key)=\(value)"
        }
        self.sink.write(line: line)
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
