/// One line a function wrote, as the local cloud keeps it (a CloudWatch Logs event), with what it could read of
/// it: Powertools' JSON keys, or the level and request id of Lambda's text format.
public struct LogRecord: Sendable, Equatable {
    /// The store's sequence number: later lines have larger ones (`0` until stored).
    public var sequence: Int64
    /// When the line was written, in milliseconds since the epoch.
    public var timeMilliseconds: Int64
    /// The function that wrote the line.
    public var function: String
    /// The line's level, e.g. `INFO`, or `METRIC` for an EMF document; `nil` when it could not be read.
    public var level: String?
    /// The line's `message` key, for a JSON line that has one.
    public var message: String?
    /// The line's `correlation_id` key, for a JSON line that has one.
    public var correlationID: String?
    /// The line's `xray_trace_id`, for a JSON line that has one.
    public var traceID: String?
    /// The request ID the line names, from Powertools' keys or Lambda's text format.
    public var requestID: String?
    /// The whole line as the function wrote it, after the local cloud redacted sensitive values.
    public var line: String

    /// Creates a record; the time is in milliseconds since the Unix epoch.
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
