/// One line a function wrote, as the local cloud keeps it (a CloudWatch Logs event), with what it could read of
/// it: Powertools' JSON keys, or the level and request id of Lambda's text format.
public struct LogRecord: Sendable, Equatable {
    /// The store's sequence number: later lines have larger ones (`0` until stored).
    public var sequence: Int64
    /// When the line was written, in milliseconds since the epoch.
    public var timeMilliseconds: Int64
    public var function: String
    public var level: String?
    public var message: String?
    public var correlationID: String?
    public var traceID: String?
    public var requestID: String?
    public var line: String

    public init(
        sequence: Int64 = 0, timeMilliseconds: Int64, function: String, level: String? = nil, message: String? = nil,
        correlationID: String? = nil, traceID: String? = nil, requestID: String? = nil, line: String
    ) {
        self.sequence = sequence
        self.timeMilliseconds = timeMilliseconds
        self.function = function
        self.level = level
        self.message = message
        self.correlationID = correlationID
        self.traceID = traceID
        self.requestID = requestID
        self.line = line
    }
}
