import LambdaRuntime

/// A page of log events, and the sequence to ask `after` for the next: what `logs` answers and `stratus logs` reads.
public struct LogPage: Codable, Sendable {
    public let logs: [Event]
    public let lastSequence: Int64

    public struct Event: Codable, Sendable {
        public let sequence: Int64
        public let timestamp: String
        public let function: String
        public let level: String?
        public let message: String?
        public let correlationId: String?
        public let traceId: String?
        public let requestId: String?
        public let line: String

        init(_ record: LogRecord) {
            self.sequence = record.sequence
            self.timestamp = WallClock.iso8601(milliseconds: record.timeMilliseconds)
            self.function = record.function
            self.level = record.level
            self.message = record.message
            self.correlationId = record.correlationID
            self.traceId = record.traceID
            self.requestId = record.requestID
            self.line = record.line
        }
    }
}
