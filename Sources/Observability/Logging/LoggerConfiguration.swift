public import LambdaRuntime
public import Logging

/// How a ``PowertoolsLogger`` writes: the service it names, its level, debug sampling, event logging, the keys it
/// redacts and whether it buffers debug lines. ``init(environment:level:)`` reads Powertools' variables.
public struct LoggerConfiguration: Sendable {
    /// The `service` key of every line (`POWERTOOLS_SERVICE_NAME`, `service_undefined` without it).
    public var service: String
    /// The level lines must reach to be written, unless an invocation is sampled.
    public var level: Logger.Level
    /// The share of invocations, 0 to 1, that log at debug (`POWERTOOLS_LOGGER_SAMPLE_RATE`); `nil` samples none and
    /// leaves `sampling_rate` out of the lines.
    public var sampleRate: Double?
    /// Whether each invocation's event is logged, redacted, when it starts (`POWERTOOLS_LOGGER_LOG_EVENT`).
    public var logsEvent: Bool
    /// Keys redacted wherever they appear, besides ``SensitiveKeys/standard``; matched like them.
    public var sensitiveKeys: [String]
    /// Debug lines kept per invocation and written only when it logs an error; `nil` writes or drops them at once.
    public var buffering: LogBuffering?

    /// Creates a configuration; a `sampleRate` outside 0...1 is clamped into it.
    public init(
        service: String = "service_undefined",
        level: Logger.Level = .info,
        sampleRate: Double? = nil,
        logsEvent: Bool = false,
        sensitiveKeys: [String] = [],
        buffering: LogBuffering? = nil
    ) {
        self.service = service
        self.level = level
        self.sampleRate = sampleRate.map { min(max($0, 0), 1) }
        self.logsEvent = logsEvent
        self.sensitiveKeys = sensitiveKeys
        self.buffering = buffering
    }

    /// Reads Powertools' variables. The level is `AWS_LAMBDA_LOG_LEVEL` (Lambda's advanced logging controls) when set,
    /// then `level` (the code's choice), then `POWERTOOLS_LOG_LEVEL`, then `info`.
    public init(environment: [String: String], level: Logger.Level? = nil) {
        let named = { (name: String) in environment[name].flatMap(LambdaLogHandler.level(named:)) }
        self.init(
            service: environment["POWERTOOLS_SERVICE_NAME"].flatMap { $0.isEmpty ? nil : $0 } ?? "service_undefined",
            level: named("AWS_LAMBDA_LOG_LEVEL") ?? level ?? named("POWERTOOLS_LOG_LEVEL") ?? .info,
            sampleRate: environment["POWERTOOLS_LOGGER_SAMPLE_RATE"].flatMap(Double.init).flatMap { $0 > 0 ? $0 : nil },
            logsEvent: environment["POWERTOOLS_LOGGER_LOG_EVENT"]?.lowercased() == "true"
        )
    }
}

/// Log buffering: lines at or below ``bufferedLevel`` that the level would drop are kept per invocation, up to
/// ``maxBytes`` (the oldest go first), and written when the invocation logs an error or fails. Never during a cold
/// start, whose lines are all written.
public struct LogBuffering: Sendable {
    /// The most an invocation's buffer holds, in bytes of log lines (20 KiB by default); the oldest lines go first.
    public var maxBytes: Int
    /// The most severe level that is buffered rather than dropped (`debug` by default).
    public var bufferedLevel: Logger.Level

    /// Creates buffering settings; the defaults are Powertools' (20 KiB, debug).
    public init(maxBytes: Int = 20_480, bufferedLevel: Logger.Level = .debug) {
        self.maxBytes = maxBytes
        self.bufferedLevel = bufferedLevel
    }
}
