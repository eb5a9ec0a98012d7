import JSONCoding
import LambdaEvents
import LambdaRuntime
public import Logging
import Synchronization

/// One invocation's logging: its logger (with the invocation's context keys and level), and its buffered lines.
public final class InvocationLog: Sendable {
    /// The invocation's logger; give it to the handler (``LambdaContext/logger``).
    public let logger: Logger
    let state: State

    init(owner: PowertoolsLogger, context: LambdaContext, correlationID: String?, sampled: Bool) {
        let state = State(owner: owner, context: context, correlationID: correlationID, sampled: sampled)
        self.state = state
        var logger = Logger(label: owner.configuration.service) { _ in
            PowertoolsLogHandler(owner: owner, invocation: state, logLevel: state.handlerLevel)
        }
        for (key, value) in context.loggerWithoutRequestID.handler.metadata
        where key != LambdaContext.requestIDMetadataKey {
            logger[metadataKey: key] = value
        }
        self.logger = logger
    }

    /// Whether this invocation logs at debug because it was sampled.
    public var isSampled: Bool { self.state.sampled }

    /// Ends the invocation: a failed one writes its buffered lines first (as if it had logged an error), any other
    /// drops them.
    public func end(failed: Bool) {
        self.state.end(failed: failed)
    }
}

extension InvocationLog {
    /// What every line of the invocation shares, and its buffer.
    final class State: Sendable {
        let owner: PowertoolsLogger
        let sampled: Bool
        /// The level lines must reach to be written now.
        let level: Logger.Level
        /// The level swift-log lets through: lower than ``level`` when lines below it are buffered.
        let handlerLevel: Logger.Level
        private let context: LambdaContext
        private let correlationID: String?
        private let buffer = Mutex(LogLineBuffer())
        private let encodedContext = Mutex<[UInt8]?>(nil)
        private let readIDs = Mutex<InvocationIDs?>(nil)

        init(owner: PowertoolsLogger, context: LambdaContext, correlationID: String?, sampled: Bool) {
            self.owner = owner
            self.sampled = sampled
            self.context = context
            self.correlationID = correlationID
            self.level = sampled ? .debug : owner.configuration.level
            if let buffering = owner.configuration.buffering, buffering.bufferedLevel < self.level {
                self.handlerLevel = buffering.bufferedLevel
            } else {
                self.handlerLevel = self.level
            }
        }

        /// The context members, `cold_start` … `xray_trace_id`, as JSON members ready to go into a line: encoded
        /// when the first line is written (most invocations of a busy function write none) and kept for the others.
        var contextMembers: [UInt8] {
            if let encoded = self.encodedContext.withLock({ $0 }) { return encoded }
            let members = self.encodeContext()
            self.encodedContext.withLock { $0 = members }
            return members
        }

        /// The invocation's ids, read when its first line or metrics are written and kept for the others.
        var ids: InvocationIDs {
            if let ids = self.readIDs.withLock({ $0 }) { return ids }
            let ids = InvocationIDs(context: self.context, correlationID: self.correlationID)
            self.readIDs.withLock { $0 = ids }
            return ids
        }

        private func encodeContext() -> [UInt8] {
            var writer = JSONWriter(capacity: 256)
            writer.key("cold_start")
            writer.bool(self.context.isColdStart)
            writer.key("function_name")
            writer.string(self.context.function.name)
            writer.key("function_memory_size")
            writer.integer(self.context.function.memoryLimitInMB)
            writer.key("function_arn")
            writer.string(self.context.invokedFunctionARN)
            for (name, value) in self.ids.members {
                writer.key(name)
                writer.string(value)
            }
            return writer.bytes
        }

        func shouldBuffer(_ level: Logger.Level) -> Bool {
            guard let buffering = self.owner.configuration.buffering else { return false }
            return level < self.level && level <= buffering.bufferedLevel
        }

        func buffer(_ line: String) {
            guard let maxBytes = self.owner.configuration.buffering?.maxBytes else { return }
            self.buffer.withLock { $0.append(line, maxBytes: maxBytes) }
        }

        func flushBuffer() {
            let (lines, evicted) = self.buffer.withLock { $0.take() }
            if evicted > 0 {
                self.owner.sink.write(
                    line: PowertoolsLogHandler.notice(
                        "\(evicted) buffered log lines were dropped to keep the buffer within its size",
                        owner: self.owner, invocation: self
                    ))
            }
            for line in lines { self.owner.sink.write(line: line) }
        }

        func end(failed: Bool) {
            if failed { self.flushBuffer() } else { _ = self.buffer.withLock { $0.take() } }
        }
    }
}

/// Lines kept for one invocation, oldest first, within a byte budget.
struct LogLineBuffer: Sendable {
    private var lines: [String] = []
    private var first = 0
    private var bytes = 0
    private var evicted = 0

    mutating func append(_ line: String, maxBytes: Int) {
        let size = line.utf8.count
        guard size <= maxBytes else {
            self.evicted += 1
            return
        }
        self.lines.append(line)
        self.bytes += size
        while self.bytes > maxBytes {
            self.bytes -= self.lines[self.first].utf8.count
            self.first += 1
            self.evicted += 1
        }
    }

    /// The kept lines and how many were dropped, emptying the buffer.
    mutating func take() -> (lines: ArraySlice<String>, evicted: Int) {
        defer { self = LogLineBuffer() }
        return (self.lines[self.first...], self.evicted)
    }
}
