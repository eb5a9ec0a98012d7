import LambdaRuntime
public import Logging

/// The swift-log handler behind ``PowertoolsLogger``: writes each event as one JSON line in Powertools' key order
/// (`level`, `location`, `message`, `timestamp`, `service`, `sampling_rate`, the invocation's context, then the
/// persistent keys, the logger's metadata and the line's own), keys of its own never overridden by metadata.
public struct PowertoolsLogHandler: LogHandler {
    /// Metadata added to every line of this handler's logger, after the persistent keys.
    public var metadata: Logger.Metadata = [:]
    /// The level set on the `Logger`; the configuration's level (or the invocation's sampled level) decides what is
    /// written.
    public var logLevel: Logger.Level
    let owner: PowertoolsLogger
    let invocation: InvocationLog.State?

    /// The keys the logger writes itself; metadata under these names is left out.
    static let reservedKeys: Set<String> = [
        "level", "location", "message", "timestamp", "service", "sampling_rate", "cold_start", "function_name",
        "function_memory_size", "function_arn", "function_request_id", "correlation_id", "xray_trace_id", "error",
    ]

    init(owner: PowertoolsLogger, invocation: InvocationLog.State?, logLevel: Logger.Level) {
        self.owner = owner
        self.invocation = invocation
        self.logLevel = logLevel
    }

    /// Reads or sets one entry of ``metadata``.
    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { self.metadata[key] }
        set { self.metadata[key] = newValue }
    }

    /// Writes `event` as one JSON line when it reaches the level, buffers it when log buffering takes it, or drops it.
    public func log(event: LogEvent) {
        let threshold = self.invocation?.level ?? self.owner.configuration.level
        if event.level < threshold {
            if let invocation = self.invocation, invocation.shouldBuffer(event.level) {
                invocation.buffer(self.line(for: event))
            }
            return
        }
        if event.level >= .error { self.invocation?.flushBuffer() }
        self.owner.sink.write(line: self.line(for: event))
    }

    private func line(for event: LogEvent) -> String {
        var writer = LogLineWriter(sensitiveKeys: self.owner.sensitiveKeys)
        writer.member("level", Self.levelName(event.level))
        writer.member("location", "\(event.file):\(event.line)")
        writer.member("message", event.message.description)
        writer.member("timestamp", WallClock.iso8601(milliseconds: self.owner.nowMilliseconds()))
        writer.member("service", self.owner.configuration.service)
        if let rate = self.owner.configuration.sampleRate { writer.member("sampling_rate", number: rate) }
        if let invocation = self.invocation { writer.members(json: invocation.contextMembers) }
        // Merged only when there is more than one source, as most lines have only their own.
        var keys = self.owner.currentPersistentKeys
        if keys.isEmpty, self.metadata.isEmpty {
            keys = event.metadata ?? [:]
        } else {
            keys.merge(self.metadata) { _, new in new }
            if let own = event.metadata { keys.merge(own) { _, new in new } }
        }
        for (key, value) in keys.sorted(by: { $0.key < $1.key }) where !Self.reservedKeys.contains(key) {
            writer.member(key, value)
        }
        if let error = event.error { writer.member("error", .stringConvertible(ErrorDescription(error))) }
        return writer.finish()
    }

    /// A notice of the logger's own, with the invocation's context.
    static func notice(_ message: String, owner: PowertoolsLogger, invocation: InvocationLog.State) -> String {
        let handler = PowertoolsLogHandler(owner: owner, invocation: invocation, logLevel: .warning)
        return handler.line(
            for: LogEvent(
                level: .warning, message: "\(message)", metadata: nil, source: "Observability",
                file: "Observability/InvocationLog.swift", function: "flushBuffer()", line: 0))
    }

    /// Powertools' level names.
    static func levelName(_ level: Logger.Level) -> String {
        switch level {
        case .trace: "TRACE"
        case .debug: "DEBUG"
        case .info, .notice: "INFO"
        case .warning: "WARN"
        case .error: "ERROR"
        case .critical: "CRITICAL"
        }
    }
}
