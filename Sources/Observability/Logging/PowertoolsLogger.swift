public import LambdaEvents
public import LambdaRuntime
public import Logging
import Synchronization

/// Powertools' structured logger for Swift: one JSON object per line with Powertools' keys, persistent keys,
/// per-invocation context (cold start, function, request, correlation and trace ids), debug sampling per invocation,
/// optional event logging and log buffering, and every sensitive key redacted at any depth.
///
/// One logger lives for the process; ``startInvocation(_:correlationID:event:)`` gives each invocation its logger.
public final class PowertoolsLogger: Sendable {
    /// The settings the logger was created with.
    public let configuration: LoggerConfiguration
    let sensitiveKeys: SensitiveKeys
    let sink: any LogSink
    let nowMilliseconds: @Sendable () -> Int64
    private let persistentKeys = Mutex<Logger.Metadata>([:])
    private let random: @Sendable () -> Double

    /// - Parameters:
    ///   - random: Draws the sampling decision, uniformly in `0..<1`.
    ///   - nowMilliseconds: The clock of the `timestamp` key.
    public init(
        configuration: LoggerConfiguration,
        sink: any LogSink = StandardOutputLogSink(),
        random: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) },
        nowMilliseconds: @escaping @Sendable () -> Int64 = WallClock.nowMilliseconds
    ) {
        self.configuration = configuration
        self.sensitiveKeys = SensitiveKeys(adding: configuration.sensitiveKeys)
        self.sink = sink
        self.random = random
        self.nowMilliseconds = nowMilliseconds
    }

    /// Adds keys to every line from now on, in every invocation.
    public func appendKeys(_ keys: Logger.Metadata) {
        self.persistentKeys.withLock { $0.merge(keys) { _, new in new } }
    }

    /// Removes keys added with ``appendKeys(_:)`` from every line from now on; names not present are ignored.
    public func removeKeys(_ names: some Sequence<String>) {
        self.persistentKeys.withLock { keys in
            for name in names { keys.removeValue(forKey: name) }
        }
    }

    var currentPersistentKeys: Logger.Metadata { self.persistentKeys.withLock { $0 } }

    /// A logger for code outside invocations (initialisation): the service's lines without invocation context.
    public func logger(label: String? = nil) -> Logger {
        let level = self.configuration.level
        return Logger(label: label ?? self.configuration.service) { _ in
            PowertoolsLogHandler(owner: self, invocation: nil, logLevel: level)
        }
    }

    /// Starts an invocation's logging: decides sampling, fixes its context keys and logs the event when configured.
    /// Call ``InvocationLog/end(failed:)`` when the invocation is answered.
    public func startInvocation(_ context: LambdaContext, correlationID: String?, event: JSONValue? = nil)
        -> InvocationLog
    {
        let sampled = self.configuration.sampleRate.map { self.random() < $0 } ?? false
        let invocation = InvocationLog(owner: self, context: context, correlationID: correlationID, sampled: sampled)
        if self.configuration.logsEvent, let event {
            invocation.logger.info(
                "Lambda invocation event",
                metadata: ["event": .json(Redaction(sensitiveKeys: self.sensitiveKeys).redacted(event))])
        }
        return invocation
    }

    /// Ends the invocation whose logger is `logger` (one from ``startInvocation(_:correlationID:event:)``, or a copy
    /// of it with more metadata); any other logger is left alone.
    public static func endInvocation(of logger: Logger, failed: Bool) {
        (logger.handler as? PowertoolsLogHandler)?.invocation?.end(failed: failed)
    }

    /// The ids of the invocation whose logger is `logger` (one from ``startInvocation(_:correlationID:event:)``, or a
    /// copy of it with more metadata), read once for its lines and its metrics; `nil` for any other logger.
    public static func invocationIDs(of logger: Logger) -> InvocationIDs? {
        (logger.handler as? PowertoolsLogHandler)?.invocation?.ids
    }
}
