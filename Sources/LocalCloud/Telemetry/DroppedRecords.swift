/// How many records of each kind the ``TelemetryRecorder`` dropped because more arrived between two flushes than it
/// keeps (``TelemetryRecorder/maximumPending``): the count the telemetry API answers at `GET recorder`, so that no
/// record is lost without a trace.
public struct DroppedRecords: Sendable, Equatable, Codable {
    /// Lines functions wrote (the oldest waiting ones go first).
    public var logLines = 0
    /// Invocation records (the newest go).
    public var invocations = 0
    /// Trace segments (the newest go).
    public var segments = 0

    /// No record dropped.
    public init() {}

    /// Whether any record was dropped.
    public var isEmpty: Bool { self.logLines == 0 && self.invocations == 0 && self.segments == 0 }

    /// The drops counted in `self` and not yet in `earlier`.
    func since(_ earlier: DroppedRecords) -> DroppedRecords {
        var difference = DroppedRecords()
        difference.logLines = self.logLines - earlier.logLines
        difference.invocations = self.invocations - earlier.invocations
        difference.segments = self.segments - earlier.segments
        return difference
    }

    /// A sentence naming each kind that lost records, e.g. `3 invocation records were dropped`.
    var summary: String {
        let parts = [
            (self.logLines, "log lines"), (self.invocations, "invocation records"), (self.segments, "trace segments"),
        ]
        .filter { $0.0 > 0 }
        .map { "\($0.0) \($0.1)" }
        let list = parts.count > 1 ? parts.dropLast().joined(separator: ", ") + " and " + parts.last! : parts.joined()
        return "\(list) were dropped"
    }
}
